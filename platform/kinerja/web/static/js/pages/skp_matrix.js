// Matriks peran hasil (#/skp-matrix/:nip/:cycle): each RHK of a supervisor with the subordinates' RHK linked to it
// (their intervensi), and the subordinates' RHK linked to none flagged "belum terhubung".

import { gql } from '../api.js';
import { h, fill, loading, errorBox, badge } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { SKP_STATUS } from '../skp_labels.js';

export const MATRIX = `query SkpMatrix($nip: String!, $cycle: Int!) {
  person(nip: $nip) { nip name }
  skpMatrix(nip: $nip, cycle: $cycle) {
    key workResult unlinked contributions { nip name key workResult status }
  }
}`;

function contributionTable(row, caption) {
  if (!row.contributions.length) {
    return h('p', { class: 'empty' }, 'Belum ada RHK bawahan yang mendukung RHK ini.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'skp-matrix' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Pegawai'), h('th', { scope: 'col' }, 'RHK bawahan'),
      h('th', { scope: 'col' }, 'Status SKP'), row.unlinked ? h('th', { scope: 'col' }, 'Keterangan') : null)),
    h('tbody', {}, row.contributions.map((c) => h('tr', { 'data-nip': c.nip, 'data-key': c.key },
      h('th', { scope: 'row' }, h('a', { href: `#/skp/${encodeURIComponent(c.nip)}/${encodeURIComponent(row.cycle)}` }, c.name)),
      h('td', { 'data-col': 'item' }, `${c.key} · ${c.workResult}`),
      h('td', { 'data-col': 'status' }, badge(c.status, SKP_STATUS)),
      row.unlinked ? h('td', { 'data-col': 'flag' }, h('span', { class: 'badge badge-unlinked' }, 'belum terhubung')) : null)))));
}

export async function render(root, params, ctx) {
  const nip = params.nip;
  const cycle = Number(params.cycle);
  const isCurrent = isCurrentOf(ctx);
  document.title = `Matriks peran hasil ${nip} · Kinerja`;
  if (!Number.isInteger(cycle) || cycle < 1900 || cycle > 9999) {
    root.replaceChildren(h('h1', {}, 'Matriks peran hasil'), errorBox('Tahun siklus tidak valid.'));
    return;
  }
  loading(root);
  let data;
  try {
    data = await gql(MATRIX, { nip, cycle });
  } catch (err) {
    if (!isCurrent()) return;
    const notFound = err && err.errors && err.errors.some((e) => e.extensions && e.extensions.code === 'NOT_FOUND');
    root.replaceChildren(h('h1', {}, 'Matriks peran hasil'),
      notFound ? errorBox('Pegawai tidak ditemukan atau di luar akses Anda.') : errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  if (!data.person) {
    root.replaceChildren(h('h1', {}, 'Matriks peran hasil'), errorBox('Pegawai tidak ditemukan atau di luar akses Anda.'));
    return;
  }
  const person = data.person;
  document.title = `Matriks peran hasil ${person.name} ${cycle} · Kinerja`;
  const rows = data.skpMatrix.map((r) => ({ ...r, cycle }));
  const linked = rows.filter((r) => !r.unlinked);
  const unlinked = rows.filter((r) => r.unlinked);
  fill(root,
    h('h1', {}, `Matriks peran hasil · ${person.name} · ${cycle}`),
    h('p', {}, h('a', { href: `#/skp/${encodeURIComponent(person.nip)}/${cycle}` }, `SKP ${person.name}`)),
    rows.length ? null : h('p', { class: 'empty', id: 'matrix-empty' }, 'Belum ada RHK atasan maupun RHK bawahan pada siklus ini.'),
    linked.map((r) => h('section', { class: 'card matrix-row', 'data-key': r.key, 'aria-labelledby': `matrix-${r.key}` },
      h('h2', { id: `matrix-${r.key}` }, `${r.key} · ${r.workResult}`),
      contributionTable(r, `RHK bawahan yang mendukung ${r.key}`))),
    unlinked.map((r) => h('section', { class: 'card matrix-row warning', id: 'matrix-unlinked', 'aria-labelledby': 'matrix-unlinked-title' },
      h('h2', { id: 'matrix-unlinked-title' }, 'RHK bawahan yang belum terhubung'),
      h('p', {}, 'RHK berikut belum mengintervensi RHK mana pun pada SKP ini.'),
      contributionTable(r, 'RHK bawahan yang belum terhubung'))));
}
