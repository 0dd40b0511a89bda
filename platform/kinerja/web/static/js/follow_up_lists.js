// What a rating leads to, on the agency page (report readers: BKPSDM and the agency's admin): the people rated Butuh
// Perbaikan or worse in consecutive periods or years, with their history (consecutiveLowPredikat), and the talent list
// of a year (talentList: Sangat Baik in the year's annual rating). Both come with the page's own request (LOW_FIELDS,
// TALENT_FIELDS: its $code, $reports and $talentYear); another year of the talent list is one request more. Each
// offers the whole list as CSV or Excel.

import { gql } from './api.js';
import { h, fill, errorBox, num, PREDIKAT, evaluationLabel, periodLabel } from './ui.js';
import { exportButtons } from './export_buttons.js';

const TALENT_ROWS = 'totalCount edges { node { nip name position unit { name } } }';

// the agency page's query's parts
export const LOW_FIELDS = `low: consecutiveLowPredikat(agency: $code) @include(if: $reports) {
    nip name position lowRun runLength runPeriods runPredikats lowHistory }`;
export const TALENT_FIELDS = `talent: talentList(period: $talentYear, agency: $code, first: 50) @include(if: $reports) {
    ${TALENT_ROWS} }`;

export const TALENT = `query Talent($period: String!, $agency: String) { talentList(period: $period, agency: $agency,
  first: 50) { ${TALENT_ROWS} } }`;

// LowPredikatRun (services/reports/labels.py LOW_PREDIKAT_RUN: the same words)
const RUN = { PERIODS: 'Periode penilaian berturut-turut', YEARS: 'Tahun berturut-turut' };

const enc = encodeURIComponent;

// while a list is read: a note of its own (the page's one `.loading` is what the page waits on as a whole)
const reading = (box) => fill(box, h('p', { class: 'muted', role: 'status' }, 'Memuat daftar…'));

function person(p) {
  return [h('a', { href: `#/person/${enc(p.nip)}` }, p.name), ' ', h('span', { class: 'code' }, p.nip)];
}

function lowRow(r) {
  const run = r.runPeriods.map((period, i) => `${evaluationLabel(period)}: ${PREDIKAT[r.runPredikats[i]] || '—'}`);
  const history = r.lowHistory.map((item) => {
    const [period, predikat] = item.split(' ');
    return `${evaluationLabel(period)}: ${PREDIKAT[predikat] || '—'}`;
  });
  return h('tr', { 'data-nip': r.nip, 'data-run': r.lowRun },
    h('td', {}, person(r)),
    h('td', {}, r.position || '—'),
    h('td', { 'data-col': 'run' }, `${RUN[r.lowRun] || '—'} (${num(r.runLength, 0)} kali)`),
    h('td', {}, h('ul', { class: 'recommendations' }, run.map((t) => h('li', {}, t)))),
    h('td', {}, h('ul', { class: 'recommendations' }, history.map((t) => h('li', {}, t)))));
}

// `rows`: the page's answer (LOW_FIELDS)
export function lowPredikatSection(agency, rows) {
  const download = exportButtons({ id: 'low-predikat-export', what: 'predikat rendah berturut-turut',
    csvUrl: () => `/reports/consecutive-low-predikat.csv?${new URLSearchParams({ agency })}`,
    fallback: `predikat-rendah-${agency}` });
  const body = rows.length
    ? [download.element,
      h('p', { id: 'low-predikat-count' }, `${num(rows.length, 0)} pegawai.`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'low-predikat-table' },
        h('caption', {}, 'Pegawai dengan predikat rendah berturut-turut'),
        h('thead', {}, h('tr', {}, ['Pegawai', 'Jabatan', 'Berturut-turut pada', 'Periode dan predikat',
          'Riwayat predikat rendah'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows.map(lowRow))))]
    : [h('p', { class: 'empty', id: 'low-predikat-empty' }, 'Tidak ada pegawai dengan predikat rendah berturut-turut.')];
  return h('section', { 'aria-labelledby': 'low-predikat-title', id: 'low-predikat' },
    h('h2', { id: 'low-predikat-title' }, 'Predikat rendah berturut-turut'),
    h('p', { class: 'muted' }, 'Pegawai dengan predikat Butuh Perbaikan atau lebih rendah pada periode penilaian yang '
      + 'berurutan, atau pada penilaian tahunan tahun-tahun yang berurutan, beserta riwayatnya, untuk diputuskan '
      + 'tindak lanjutnya sesuai PP 30/2019.'),
    h('div', { id: 'low-predikat-body' }, body));
}

// the years of the cycles that have an evaluation, the latest first
function years(cycles) {
  return cycles.filter((c) => c.status === 'EVALUATION' || c.status === 'CLOSED').map((c) => String(c.year))
    .sort().reverse();
}

// the year the talent list opens on ($talentYear: '0000' when no cycle has an evaluation; the section is not shown)
export const talentYear = (cycles) => years(cycles)[0] || '0000';

function talentBody(body, download, found, period) {
  const people = found.edges.map((e) => e.node);
  if (!people.length) {
    fill(body, h('p', { class: 'empty', id: 'talent-empty' },
      `Belum ada pegawai dengan predikat Sangat Baik pada penilaian tahunan ${periodLabel(period)}.`));
    return;
  }
  fill(body, download.element,
    h('p', { id: 'talent-count' }, `${num(found.totalCount, 0)} pegawai dengan predikat Sangat Baik pada `
      + `penilaian tahunan ${periodLabel(period)}.`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'talent-table' },
      h('caption', {}, 'Daftar talenta'),
      h('thead', {}, h('tr', {}, ['Pegawai', 'Jabatan', 'Unit kerja'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, people.map((p) => h('tr', { 'data-nip': p.nip }, h('td', {}, person(p)),
        h('td', {}, p.position || '—'), h('td', {}, p.unit ? p.unit.name : '—')))))),
    found.totalCount > people.length ? h('p', { class: 'muted' }, `Menampilkan ${num(people.length, 0)} pertama `
      + `dari ${num(found.totalCount, 0)}; daftar lengkapnya ada di berkas unduhan.`) : null);
}

// `first`: the page's answer (TALENT_FIELDS) for talentYear(cycles)
export function talentSection(agency, cycles, first) {
  const choices = years(cycles);
  if (!choices.length) return null;
  const select = h('select', { id: 'talent-year', name: 'year' },
    choices.map((y) => h('option', { value: y }, periodLabel(y))));
  const body = h('div', { id: 'talent-body' });
  const download = exportButtons({ id: 'talent-export', what: 'daftar talenta',
    csvUrl: () => `/reports/talent-list.csv?${new URLSearchParams({ period: select.value, agency })}`,
    fallback: `talenta-${agency}` });
  select.addEventListener('change', () => {
    const period = select.value;
    reading(body);
    gql(TALENT, { period, agency }).then((data) => {
      if (select.value === period) talentBody(body, download, data.talentList, period);
    }).catch((err) => fill(body, errorBox(err)));
  });
  talentBody(body, download, first, choices[0]);
  return h('section', { 'aria-labelledby': 'talent-title', id: 'talent' },
    h('h2', { id: 'talent-title' }, 'Daftar talenta'),
    h('p', { class: 'muted' }, 'Pegawai dengan predikat Sangat Baik pada penilaian tahunan, sebagai daftar talenta '
      + 'yang digunakan BKPSDM.'),
    h('div', { class: 'field' }, h('label', { for: 'talent-year' }, 'Tahun'), select),
    body);
}
