// Indicator catalogue: every indicator the viewer may see, grouped by agency, with its inputs and formula or
// calculator; the spec errors for the roles the API shows them to. Each shows its origin (a spec file's or the
// console's); ADMIN and the agency's admin change, retire and draft the console's ones (issue 18).

import { gql } from '../api.js';
import { can } from '../roles.js';
import { h, fill, loading, errorBox, num, targetText, scoringText, versionLabel, LEVEL, DIRECTION } from '../ui.js';
import { ORIGIN } from '../indicator_labels.js';
import { indicatorActions } from '../indicator_actions.js';

const INDICATOR_FIELDS = `indicators {
    code name agency { code name } unit direction level version versionStamp { number since } origin
    inputs { name type label min max } defaultTarget defaultTargetLower defaultTargetUpper
    achievement { cap over best } periods formula calculator
  }`;
export const WITH_ERRORS = `{ ${INDICATOR_FIELDS} specErrors { file line path message } }`;
export const WITHOUT_ERRORS = `{ ${INDICATOR_FIELDS} }`;

const PERIOD_KIND = { year: 'Tahunan', quarter: 'Triwulanan', month: 'Bulanan' };

function range(input) {
  if (input.min === null && input.max === null) return '—';
  if (input.max === null) return `≥ ${num(input.min, 4)}`;
  if (input.min === null) return `≤ ${num(input.max, 4)}`;
  return `${num(input.min, 4)} – ${num(input.max, 4)}`;
}

function indicatorCard(ind, viewer) {
  return h('article', { class: 'card indicator', 'data-indicator': ind.code, 'data-origin': ind.origin },
    h('h3', {}, ind.name, ' ', h('span', { class: 'code' }, ind.code), ' ',
      h('span', { class: 'muted', 'data-col': 'origin' }, `(${ORIGIN[ind.origin] || ''})`)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Satuan'), h('dd', { 'data-col': 'unit' }, ind.unit),
      h('dt', {}, 'Arah'), h('dd', { 'data-col': 'direction' }, DIRECTION[ind.direction] || ind.direction),
      h('dt', {}, 'Tingkat'), h('dd', { 'data-col': 'level' }, LEVEL[ind.level] || ind.level),
      h('dt', {}, 'Periode'), h('dd', { 'data-col': 'periods' }, ind.periods.map((p) => PERIOD_KIND[p] || p).join(', ') || '—'),
      h('dt', {}, 'Target bawaan'), h('dd', { 'data-col': 'defaultTarget' },
        ind.defaultTarget === null ? '—' : targetText(ind.defaultTarget, ind.defaultTargetLower, ind.defaultTargetUpper, ind.unit)),
      h('dt', {}, 'Penilaian capaian'), h('dd', { 'data-col': 'scoring' }, scoringText(ind.achievement)),
      h('dt', {}, 'Versi'), h('dd', { 'data-col': 'version', title: ind.version }, versionLabel(ind.versionStamp)),
      ind.formula ? [h('dt', {}, 'Rumus'), h('dd', {}, h('pre', { class: 'formula', 'data-col': 'formula' }, ind.formula))] : null,
      ind.calculator ? [h('dt', {}, 'Kalkulator'), h('dd', { 'data-col': 'calculator', class: 'code' }, ind.calculator)] : null),
    ind.inputs.length ? h('table', { class: 'inputs' },
      h('caption', {}, 'Isian'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Nama'), h('th', { scope: 'col' }, 'Keterangan'),
        h('th', { scope: 'col' }, 'Jenis'), h('th', { scope: 'col' }, 'Rentang'))),
      h('tbody', {}, ind.inputs.map((i) => h('tr', { 'data-input': i.name },
        h('td', { class: 'code' }, i.name), h('td', {}, i.label || '—'), h('td', {}, i.type), h('td', {}, range(i))))))
      : null,
    indicatorActions(ind, viewer));
}

function specErrorList(errors) {
  if (!errors || !errors.length) return null;
  return h('section', { 'aria-labelledby': 'spec-errors-title', id: 'spec-errors', class: 'warning' },
    h('h2', { id: 'spec-errors-title' }, `Kesalahan berkas spesifikasi (${errors.length})`),
    h('ul', {}, errors.map((e) => h('li', {}, h('span', { class: 'code' },
      `${e.file}${e.line ? `:${e.line}` : ''}${e.path ? ` (${e.path})` : ''}`), ' — ', e.message))));
}

// "Muat ulang spesifikasi" (ADMIN: reloadSpecs): the files are read again, then the page shows the result above the
// refreshed catalogue (the counts, and the errors in the list below it)
export const RELOAD = 'mutation { reloadSpecs { indicators errors { file line path message } } }';
let reloaded = null; // the last reload's answer, shown once by the next render

function reloadControl(ctx) {
  if (!can(ctx.viewer, 'reloadsSpecs')) return null;
  const status = h('div', { id: 'reload-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'reload-specs' }, 'Muat ulang spesifikasi');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Membaca ulang berkas spesifikasi…'));
    try {
      reloaded = (await gql(RELOAD)).reloadSpecs;
    } catch (err) {
      button.disabled = false;
      if (ctx.isCurrent()) status.replaceChildren(errorBox(err));
      return;
    }
    if (ctx.isCurrent()) ctx.navigate(window.location.hash);
  });
  const shown = reloaded;
  reloaded = null;
  if (shown) {
    const errors = shown.errors.length;
    status.replaceChildren(h('p', { class: errors ? 'warning' : 'success', role: 'status', id: 'reload-result' },
      `Spesifikasi dimuat ulang: ${num(shown.indicators, 0)} indikator dimuat, `
      + (errors ? `${num(errors, 0)} kesalahan berkas spesifikasi (daftarnya di bawah).` : 'tanpa kesalahan berkas spesifikasi.')));
  }
  return h('div', { id: 'catalogue-reload' }, h('div', { class: 'actions' }, button), status);
}

function mayDraft(viewer) {
  return Boolean(viewer && (viewer.role === 'ADMIN' || viewer.role === 'AGENCY_ADMIN'));
}

export async function render(root, params, ctx) {
  document.title = 'Katalog Indikator · Kinerja';
  loading(root);
  const mayReadErrors = can(ctx.viewer, 'readsReports');
  let data;
  try {
    try {
      data = await gql(mayReadErrors ? WITH_ERRORS : WITHOUT_ERRORS);
    } catch (err) {
      if (!mayReadErrors || err.kind !== 'forbidden') throw err;
      data = await gql(WITHOUT_ERRORS); // the API refuses the spec errors to this viewer: show none
    }
  } catch (err) {
    if (!ctx.isCurrent()) return;
    fill(root, h('h1', {}, 'Katalog Indikator'), errorBox(err));
    return;
  }
  if (!ctx.isCurrent()) return;

  const groups = new Map();
  for (const ind of data.indicators) {
    if (!groups.has(ind.agency.code)) groups.set(ind.agency.code, { agency: ind.agency, list: [] });
    groups.get(ind.agency.code).list.push(ind);
  }
  const sorted = [...groups.values()].sort((a, b) => a.agency.name.localeCompare(b.agency.name, 'id'));
  fill(root,
    h('h1', {}, 'Katalog Indikator'),
    h('p', { class: 'lead', id: 'catalogue-summary', 'data-total': data.indicators.length },
      `${num(data.indicators.length, 0)} indikator dari ${num(sorted.length, 0)} perangkat daerah`),
    mayDraft(ctx.viewer) ? h('p', { id: 'catalogue-drafts' },
      h('a', { href: '#/indikator/draf/baru', id: 'catalogue-new' }, 'Indikator baru'), ' · ',
      h('a', { href: '#/indikator/draf' }, 'Daftar draf indikator')) : null,
    reloadControl(ctx),
    specErrorList(data.specErrors),
    sorted.length ? sorted.map((g) => h('section', { 'data-agency': g.agency.code, 'aria-labelledby': `agency-${g.agency.code}` },
      h('h2', { id: `agency-${g.agency.code}` }, g.agency.name),
      ctx.viewer && ctx.viewer.role === 'ADMIN' ? h('p', {}, h('a', {
        href: `#/indikator/draf/baru?agency=${encodeURIComponent(g.agency.code)}` }, `Indikator baru untuk ${g.agency.name}`)) : null,
      g.list.sort((a, b) => a.code.localeCompare(b.code)).map((ind) => indicatorCard(ind, ctx.viewer))))
      : h('p', { class: 'empty' }, 'Belum ada indikator.'));
}
