// Siklus penilaian (#/siklus): every cycle with its status and periods, and what each status opens and closes.
// ADMIN creates the next year's cycle, moves a cycle forward one step (with a confirmation) and back any number of
// steps with a reason (setCycleStatus); everyone else reads the page. The server decides every answer.

import { gql } from '../api.js';
import { can } from '../roles.js';
import { h, fill, loading, periodLabel, fieldError } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { failBox } from '../work_log_ui.js';

export const CYCLES = '{ cycles { year periodicity status periods evaluationPeriods } }';
export const CREATE = `mutation($y: Int!, $p: Periodicity) { createCycle(year: $y, periodicity: $p) {
  cycle { year } errors { path code message } } }`;
export const SET_STATUS = `mutation($y: Int!, $s: CycleStatus!, $r: String) { setCycleStatus(year: $y, status: $s, reason: $r) {
  cycle { year status } errors { path code message } } }`;

const ORDER = ['PLANNING', 'ACTIVE', 'EVALUATION', 'CLOSED'];
export const STATUS_LABEL = { PLANNING: 'Perencanaan', ACTIVE: 'Berjalan', EVALUATION: 'Evaluasi', CLOSED: 'Ditutup' };
const PERIODICITY = { QUARTERLY: 'Triwulanan', MONTHLY: 'Bulanan' };
// what each status opens (services: skp/document.py, skp/targets.py, skp/measurements.py, skp/work_log.py,
// evaluation/assessments.py, evaluation/ratings.py, survey/satisfaction.py)
const OPENS = {
  PLANNING: 'SKP dan target disusun dan disetujui; catatan kerja dan umpan balik dapat diisi. Capaian dan '
    + 'penilaian belum dapat diisi.',
  ACTIVE: 'SKP dan target masih dapat diubah; capaian diisi; catatan kerja, umpan balik dan survei kepuasan '
    + 'masyarakat berjalan. Penilaian belum dapat diisi.',
  EVALUATION: 'Penilaian diri, penilaian atasan dan finalisasi predikat; capaian masih dapat dilengkapi. SKP dan '
    + 'target terkunci.',
  CLOSED: 'Semua data siklus terkunci: tidak ada lagi yang dapat diubah kecuali dibuka kembali oleh admin.',
};

const REASON_MAX = 1000;
const ERRORS = {
  REASON_REQUIRED: 'Alasan wajib diisi untuk memundurkan status siklus.',
  TOO_LONG: `Alasan paling banyak ${REASON_MAX} karakter.`,
  INVALID_TRANSITION: 'Status hanya dapat maju satu langkah.',
  DUPLICATE: 'Siklus tahun itu sudah ada.',
  INVALID_YEAR: 'Tahun tidak valid.',
  FORBIDDEN: 'Hanya admin BKPSDM yang dapat mengubah siklus.',
};

// the server answers in Indonesian (the console sends Accept-Language: id); the known codes read as this page says
function errorText(errors) {
  return errors.map((e) => ERRORS[e.code] || e.message).join(' ');
}

function statusBadge(status) {
  return h('span', { class: ['badge', `cycle-${status.toLowerCase()}`], 'data-status': status },
    STATUS_LABEL[status] || 'Status tidak dikenal');
}

function forward(cycle, rerender) {
  const at = ORDER.indexOf(cycle.status);
  if (at < 0 || at === ORDER.length - 1) return null;
  const next = ORDER[at + 1];
  const out = h('p', { class: 'form-result', role: 'status', 'aria-live': 'polite', id: `c-${cycle.year}-result` });
  const confirmBox = h('div', { class: 'confirm', hidden: true, id: `c-${cycle.year}-confirm` },
    h('p', {}, `Pindahkan siklus ${cycle.year} ke status ${STATUS_LABEL[next]}? `, OPENS[next]),
    h('button', { type: 'button', id: `c-${cycle.year}-confirm-yes`, on: { click: async () => {
      const answer = (await gql(SET_STATUS, { y: cycle.year, s: next, r: null })).setCycleStatus;
      if (answer.errors.length) { out.textContent = errorText(answer.errors); return; }
      rerender(`Siklus ${cycle.year} kini berstatus ${STATUS_LABEL[next]}.`);
    } } }, 'Ya, pindahkan'),
    ' ',
    h('button', { type: 'button', class: 'secondary', on: { click: () => { confirmBox.hidden = true; } } }, 'Batal'));
  return h('div', { class: 'cycle-forward' },
    h('button', { type: 'button', id: `c-${cycle.year}-forward`, on: { click: () => { confirmBox.hidden = false; } } },
      `Maju ke ${STATUS_LABEL[next]}`),
    confirmBox, out);
}

function backward(cycle, rerender) {
  const at = ORDER.indexOf(cycle.status);
  if (at <= 0) return null;
  const id = `c-${cycle.year}`;
  const select = h('select', { id: `${id}-back-to` }, ORDER.slice(0, at).reverse().map((s) =>
    h('option', { value: s }, STATUS_LABEL[s])));
  const reason = h('textarea', { id: `${id}-reason`, rows: 2, maxlength: REASON_MAX, required: true });
  const out = h('p', { class: 'form-result', role: 'status', 'aria-live': 'polite', id: `${id}-back-result` });
  return h('details', { class: 'cycle-back' },
    h('summary', {}, 'Mundurkan status'),
    h('form', { novalidate: true, on: { submit: async (ev) => {
      ev.preventDefault();
      fieldError(reason, '');
      if (!reason.value.trim()) { fieldError(reason, ERRORS.REASON_REQUIRED); reason.focus(); return; }
      const answer = (await gql(SET_STATUS, { y: cycle.year, s: select.value, r: reason.value.trim() })).setCycleStatus;
      if (answer.errors.length) { fieldError(reason, errorText(answer.errors)); return; }
      rerender(`Siklus ${cycle.year} dimundurkan ke ${STATUS_LABEL[select.value]}.`);
    } } },
    h('label', { for: `${id}-back-to` }, 'Mundur ke'), select,
    h('label', { for: `${id}-reason` }, 'Alasan (wajib, tercatat pada jejak audit)'), reason,
    h('button', { type: 'submit', id: `${id}-back` }, 'Mundurkan'), out));
}

function cycleCard(cycle, admin, rerender) {
  return h('article', { class: 'card cycle', 'data-cycle': cycle.year },
    h('h2', {}, `Siklus ${cycle.year} `, statusBadge(cycle.status)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Periodisitas'), h('dd', {}, PERIODICITY[cycle.periodicity] || '—'),
      h('dt', {}, 'Periode penilaian'), h('dd', {}, cycle.evaluationPeriods.map(periodLabel).join(', ')),
      h('dt', {}, 'Yang terbuka'), h('dd', { 'data-col': 'opens' }, OPENS[cycle.status] || '—')),
    admin ? [forward(cycle, rerender), backward(cycle, rerender)] : null);
}

function createForm(cycles, rerender) {
  const next = cycles.length ? Math.max(...cycles.map((c) => c.year)) + 1 : new Date().getFullYear();
  const year = h('input', { id: 'new-cycle-year', type: 'number', min: 2000, max: 2100, value: String(next),
    required: true });
  const periodicity = h('select', { id: 'new-cycle-periodicity' },
    h('option', { value: 'QUARTERLY' }, 'Triwulanan'), h('option', { value: 'MONTHLY' }, 'Bulanan'));
  const out = h('p', { class: 'form-result', role: 'status', 'aria-live': 'polite', id: 'new-cycle-result' });
  return h('section', { class: 'card', 'aria-labelledby': 'new-cycle-title' },
    h('h2', { id: 'new-cycle-title' }, 'Buat siklus baru'),
    h('form', { novalidate: true, on: { submit: async (ev) => {
      ev.preventDefault();
      const answer = (await gql(CREATE, { y: Number(year.value), p: periodicity.value })).createCycle;
      if (answer.errors.length) { out.textContent = errorText(answer.errors); return; }
      rerender(`Siklus ${answer.cycle.year} dibuat dengan status Perencanaan.`);
    } } },
    h('label', { for: 'new-cycle-year' }, 'Tahun'), year,
    h('label', { for: 'new-cycle-periodicity' }, 'Periodisitas penilaian'), periodicity,
    h('button', { type: 'submit', id: 'new-cycle-create' }, 'Buat siklus'), out));
}

export async function render(root, params, ctx, notice = '') {
  document.title = 'Siklus Penilaian · Kinerja';
  const isCurrent = isCurrentOf(ctx);
  loading(root);
  let data;
  try {
    data = await gql(CYCLES);
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Siklus Penilaian'), failBox(err));
    return;
  }
  if (!isCurrent()) return;
  const admin = can(ctx.viewer, 'managesCycles');
  const rerender = (text) => render(root, params, ctx, text);
  const cycles = [...data.cycles].sort((a, b) => b.year - a.year);
  fill(root,
    h('h1', {}, 'Siklus Penilaian'),
    h('p', { class: 'lead' }, 'Satu siklus setahun: Perencanaan, Berjalan, Evaluasi, lalu Ditutup. Status maju satu '
      + 'langkah setiap kali; mundur hanya dengan alasan yang tercatat.'),
    notice ? h('p', { class: 'notice', role: 'status', id: 'cycles-notice' }, notice) : null,
    admin ? createForm(cycles, rerender) : null,
    cycles.length ? cycles.map((c) => cycleCard(c, admin, rerender)) : h('p', { class: 'empty' }, 'Belum ada siklus.'));
}
