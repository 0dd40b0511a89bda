// The agency page's "Predikat organisasi unit": each unit's own organisation predikat of a period, the level above
// the unit (the agency's admin, ADMIN) setting it, and for report readers each unit's spread with the reference curve
// of its predikat beside it (a chart and the table's "Kurva Acuan" column; the rules come from the server), and the
// official distribution-curve document (PDF) of the agency or of a chosen unit for the period shown.

import { gql } from './api.js';
import { h, fill, errorBox, num, badge, periodLabel, ORG_PREDIKAT } from './ui.js';
import { can } from './roles.js';
import { isCurrentOf, sendMutation } from './forms.js';
import { PREDIKAT_COLUMNS, referenceCell, referenceChart } from './pages/dashboard.js';
import { exportButtons } from './export_buttons.js';
import { downloadFile } from './download.js';

const ROW_FIELDS = `group label total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat
    curveWarnings curveReference { predikat kind percent count limit total actual breached }`;

// the fields the agency page's own query adds, so that the section opens without a request of its own: each unit's
// predikat (on its `units`) and, for report readers ($reports: readsReports), the units' spread (`unitRows`), of the
// period `$unitPeriod`
export const UNIT_ORG_FIELD = 'orgPredikat(period: $unitPeriod)';
export const UNIT_ROWS = `unitRows: predikatDistribution(period: $unitPeriod, groupBy: UNIT, agency: $code)
    @include(if: $reports) { ${ROW_FIELDS} }`;
export const readsUnitRows = (viewer) => can(viewer, 'readsReports');

const query = (withReport) => `query UnitOrg($code: String!, $period: String!) {
  agency(code: $code) { units(first: 1000) { code name orgPredikat(period: $period) } }
  ${withReport ? `units: predikatDistribution(period: $period, groupBy: UNIT, agency: $code) { ${ROW_FIELDS} }` : ''}
}`;

export const SET = `mutation($agency: String!, $unit: String!, $period: String!, $predikat: OrgPredikat!) {
  setUnitOrgPredikat(agency: $agency, unit: $unit, period: $period, predikat: $predikat) {
    unit { code orgPredikat(period: $period) } errors { path code message } } }`;

// the refusals of setUnitOrgPredikat in words (the server's English message is not shown)
const SET_TEXT = {
  FORBIDDEN: 'Anda tidak berwenang menetapkan predikat organisasi unit ini.',
  NOT_FOUND: 'Unit atau perangkat daerah tidak ditemukan.',
  CYCLE_CLOSED: 'Siklus periode ini sudah ditutup; predikat tidak dapat diubah lagi.',
  CYCLE_STATE: 'Siklus periode ini tidak menerima perubahan predikat sekarang.',
  INVALID_PERIOD: 'Periode ini tidak dapat diberi predikat organisasi (triwulan terakhir dinilai sebagai tahun).',
  INVALID_PREDIKAT: 'Pilih salah satu predikat organisasi.',
  CONFLICT: 'Predikat diubah bersamaan oleh orang lain; coba lagi.',
};

function setControl(agency, unit, period, current, onSaved, isCurrent) {
  const id = `unit-org-${unit.code}`;
  const select = h('select', { id, name: 'predikat' },
    Object.entries(ORG_PREDIKAT).map(([value, label]) => h('option', { value, selected: value === current }, label)));
  if (current) select.value = current;
  const button = h('button', { type: 'submit', class: 'button-secondary' }, 'Tetapkan');
  const status = h('div', { class: 'unit-org-status', 'aria-live': 'polite' });
  const form = h('form', { class: 'field-inline', novalidate: true },
    h('label', { for: id, class: 'visually-hidden' }, `Predikat organisasi ${unit.name}`), select, button, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const busy = { button, status, isCurrent, busyText: 'Menyimpan…',
      failure: () => errorBox('Predikat tidak dapat disimpan: periksa koneksi lalu coba lagi.') };
    const data = await sendMutation(busy, SET, { agency, unit: unit.code, period, predikat: select.value });
    if (!data) return;
    const answer = data.setUnitOrgPredikat;
    if (answer.errors.length) {
      status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Belum disimpan.'),
        h('ul', {}, answer.errors.map((e) => h('li', { 'data-code': e.code },
          SET_TEXT[e.code] || 'Predikat tidak dapat disimpan.')))));
      return;
    }
    status.replaceChildren(h('p', { role: 'status', class: 'saved' }, 'Tersimpan.'));
    onSaved();
  });
  return form;
}

function unitTable(agency, units, rows, period, settable, reload, isCurrent) {
  const byUnit = new Map((rows || []).map((r) => [r.group.slice(r.group.indexOf('/') + 1), r]));
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Unit kerja'), h('th', { scope: 'col' }, 'Predikat organisasi'),
    rows ? [h('th', { scope: 'col', class: 'num' }, 'Dinilai'),
      PREDIKAT_COLUMNS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)),
      h('th', { scope: 'col' }, 'Kurva Acuan')] : null,
    settable ? h('th', { scope: 'col' }, 'Tetapkan predikat') : null);
  const body = units.map((u) => {
    const r = byUnit.get(u.code);
    return h('tr', { 'data-unit-org': u.code, class: r && r.curveWarnings.length ? 'has-warning' : null },
      h('th', { scope: 'row' }, u.name, ' ', h('span', { class: 'code' }, u.code)),
      h('td', { 'data-col': 'orgPredikat', 'data-value': u.orgPredikat || '' },
        u.orgPredikat ? badge(u.orgPredikat, ORG_PREDIKAT) : h('span', { class: 'muted' }, 'Belum ditetapkan')),
      rows ? [h('td', { class: 'num', 'data-col': 'total' }, num(r ? r.total : 0, 0)),
        PREDIKAT_COLUMNS.map(([col]) => h('td', { class: 'num', 'data-col': col }, num(r ? r[col] : 0, 0))),
        r ? referenceCell(r) : h('td', { 'data-col': 'curveReference' }, h('span', { class: 'muted' }, '—'))] : null,
      settable ? h('td', {}, setControl(agency, u, period, u.orgPredikat, reload, isCurrent)) : null);
  });
  return h('div', { class: 'table-wrap' }, h('table', { id: 'unit-org-table' },
    h('caption', {}, `Predikat organisasi dan sebaran predikat pegawai per unit · ${periodLabel(period)}`),
    h('thead', {}, head), h('tbody', {}, body)));
}

// "Unduh dokumen kurva distribusi (PDF)" of the agency, or of the unit chosen, for the period `period()` shows
function kurvaDocument(agency, units, period) {
  const select = h('select', { id: 'kurva-unit', name: 'unit' },
    h('option', { value: '' }, 'Seluruh perangkat daerah'),
    units.map((u) => h('option', { value: u.code }, `${u.name} (${u.code})`)));
  const status = h('div', { 'aria-live': 'polite', class: 'export-status' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'kurva-pdf' },
    'Unduh dokumen kurva distribusi (PDF)');
  button.addEventListener('click', () => {
    const unit = select.value;
    const shown = period();
    downloadFile(`/documents/kurva/${encodeURIComponent(agency)}/${encodeURIComponent(shown)}.pdf`
      + (unit ? `?${new URLSearchParams({ unit }).toString()}` : ''),
    `kurva-${agency}${unit ? `-${unit}` : ''}-${shown}.pdf`, status, button, 'kurva-pdf');
  });
  return h('div', { class: 'export', id: 'kurva-document' },
    h('h3', { id: 'kurva-document-title' }, 'Dokumen kurva distribusi'),
    h('p', { class: 'muted' }, 'Dokumen resmi berisi predikat organisasi, kurva acuan di samping sebaran aktual '
      + '(dengan grafik), daftar pegawai dan predikatnya, serta blok tanda tangan kepala; dengan kode verifikasi.'),
    h('div', { class: 'field' }, h('label', { for: 'kurva-unit' }, 'Dokumen untuk'), select),
    h('div', { class: 'actions' }, button), status);
}

// the section; `periods`: the evaluation periods (the newest first), `period`: the one shown first, with `initial`
// ({units, rows}: what the agency page's query read through UNIT_ORG_FIELD and unitRowsField); another period, and
// the period again after a predikat is set, are read here
export function unitOrgSection(agency, periods, period, ctx, initial) {
  const isCurrent = isCurrentOf(ctx);
  const box = h('div', { id: 'unit-org' });
  const withReport = can(ctx.viewer, 'readsReports');
  const settable = can(ctx.viewer, 'setsUnitOrgPredikat');
  let shown = period;
  const select = h('select', { id: 'unit-org-period', name: 'period',
    on: { change: () => { shown = select.value; load(); } } },
  periods.map((p) => h('option', { value: p, selected: p === period }, periodLabel(p))));
  select.value = period;
  const show = (units, rows) => {
    const chart = rows ? referenceChart(rows, 'unit-reference-chart') : null;
    fill(box, units.length ? unitTable(agency, units, rows, shown, settable, load, isCurrent)
      : h('p', { class: 'empty' }, 'Belum ada unit.'),
    chart ? [h('h3', { id: 'unit-reference-title' }, 'Kurva acuan unit di samping sebaran aktual'), chart.box] : null,
    rows ? kurvaDocument(agency, units, () => shown) : null);
    // drawn once the section is in the page (a chart measures its box)
    if (chart) requestAnimationFrame(() => { if (isCurrent() && chart.box.isConnected) chart.draw(); });
  };
  const load = async () => {
    box.setAttribute('aria-busy', 'true');
    try {
      const data = await gql(query(withReport), { code: agency, period: shown });
      if (!isCurrent()) return;
      show(data.agency ? data.agency.units : [], withReport ? data.units : null);
    } catch (err) {
      if (isCurrent()) box.replaceChildren(errorBox(err));
    } finally {
      box.removeAttribute('aria-busy');
    }
  };
  if (initial) show(initial.units || [], withReport ? initial.rows || [] : null);
  else load();
  return h('section', { 'aria-labelledby': 'unit-org-title' },
    h('h2', { id: 'unit-org-title' }, 'Predikat organisasi unit'),
    h('p', { class: 'muted' }, 'Predikat kinerja organisasi tiap unit ditetapkan oleh tingkat di atasnya (admin '
      + 'perangkat daerah); sebaran predikat pegawai unit dibandingkan dengan kurva acuan predikat itu, dan hasil '
      + 'kerja kepala unit mengikutinya.'),
    h('div', { class: 'field' }, h('label', { for: 'unit-org-period' }, 'Periode'), select),
    withReport ? exportButtons({ id: 'unit-org-download', what: 'sebaran predikat per unit',
      csvUrl: () => `/reports/predikat-distribution.csv?${new URLSearchParams({ period: shown, groupBy: 'UNIT',
        agency }).toString()}`,
      fallback: `predikat-distribution-${agency}-unit` }).element : null,
    box);
}

// both documents query() makes, for the trusted documents' manifest (web/collect_documents.mjs)
export const DOCUMENTS = [query(true), query(false)];
