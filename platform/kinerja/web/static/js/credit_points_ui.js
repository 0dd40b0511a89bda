// Credit points (angka kredit) of the agency's functional posts, on the agency page beside the talent list (report
// readers: BKPSDM and the agency's admin): per person the functional posts with a coefficient held in a year, the
// annual predikat, its percentage and the points (creditPoints; docs/DOMAIN.md, "Credit points"). The first year comes
// with the page's own request (CREDIT_FIELDS: its $code, $reports and $creditYear); another year is one request
// more. The whole list as CSV or Excel.

import { gql } from './api.js';
import { h, fill, errorBox, num, PREDIKAT, periodLabel } from './ui.js';
import { exportButtons } from './export_buttons.js';

const CREDIT_ROWS = `totalCount edges { node { nip name rated predikat percentage daysHeld points
  parts { post coefficient daysHeld } } }`;

// the agency page's query's part
export const CREDIT_FIELDS = `credit: creditPoints(agency: $code, year: $creditYear, first: 20) @include(if: $reports) {
    ${CREDIT_ROWS} }`;

export const CREDIT = `query CreditPoints($agency: String!, $year: Int!) { creditPoints(agency: $agency, year: $year,
  first: 20) { ${CREDIT_ROWS} } }`;

// the years a list can be asked for: every cycle's, the latest evaluated first (its annual ratings may be final)
function years(cycles) {
  const evaluated = cycles.filter((c) => c.status === 'EVALUATION' || c.status === 'CLOSED').map((c) => c.year)
    .sort((a, b) => b - a);
  const others = cycles.map((c) => c.year).filter((y) => !evaluated.includes(y)).sort((a, b) => b - a);
  return [...evaluated, ...others];
}

// the year the list opens on ($creditYear): the latest evaluated cycle's, else the newest cycle's
export const creditYear = (cycles) => years(cycles)[0] || new Date().getFullYear();

const reading = (box) => fill(box, h('p', { class: 'muted', role: 'status' }, 'Memuat daftar…'));

function posts(parts) {
  return h('ul', { class: 'recommendations' }, parts.map((p) => h('li', {},
    `${p.post} (koefisien ${num(p.coefficient, 2)}; ${num(p.daysHeld, 0)} hari)`)));
}

function row(r) {
  return h('tr', { 'data-nip': r.nip },
    h('td', {}, h('a', { href: `#/person/${encodeURIComponent(r.nip)}` }, r.name), ' ', h('span', { class: 'code' }, r.nip)),
    h('td', {}, posts(r.parts)),
    h('td', { 'data-col': 'predikat' }, r.rated ? (PREDIKAT[r.predikat] || '—') : h('span', { class: 'muted' },
      'Belum dinilai')),
    h('td', { 'data-col': 'percentage' }, r.rated ? `${num(r.percentage, 0)} %` : '—'),
    h('td', { 'data-col': 'points' }, r.rated ? num(r.points, 3) : '—'));
}

function creditBody(body, download, found, year) {
  const people = found.edges.map((e) => e.node);
  if (!people.length) {
    fill(body, h('p', { class: 'empty', id: 'credit-empty' },
      `Tidak ada pegawai pada jabatan fungsional berkoefisien angka kredit pada tahun ${periodLabel(String(year))}.`));
    return;
  }
  fill(body, download.element,
    h('p', { id: 'credit-count' }, `${num(found.totalCount, 0)} pegawai pada jabatan fungsional pada tahun `
      + `${periodLabel(String(year))}.`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'credit-table' },
      h('caption', {}, 'Angka kredit jabatan fungsional'),
      h('thead', {}, h('tr', {}, ['Pegawai', 'Jabatan fungsional', 'Predikat tahunan', 'Persentase', 'Angka kredit']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, people.map(row)))),
    found.totalCount > people.length ? h('p', { class: 'muted' }, `Menampilkan ${num(people.length, 0)} pertama `
      + `dari ${num(found.totalCount, 0)}; daftar lengkapnya ada di berkas unduhan.`) : null);
}

// `first`: the page's answer (CREDIT_FIELDS) for creditYear(cycles)
export function creditPointsSection(agency, cycles, first) {
  const choices = years(cycles);
  if (!choices.length) return null;
  const select = h('select', { id: 'credit-year', name: 'year' },
    choices.map((y) => h('option', { value: String(y) }, periodLabel(String(y)))));
  const body = h('div', { id: 'credit-body' });
  const download = exportButtons({ id: 'credit-export', what: 'angka kredit',
    csvUrl: () => `/reports/credit-points.csv?${new URLSearchParams({ agency, year: select.value })}`,
    fallback: `angka-kredit-${agency}` });
  select.addEventListener('change', () => {
    const year = Number(select.value);
    reading(body);
    gql(CREDIT, { agency, year }).then((data) => {
      if (select.value === String(year)) creditBody(body, download, data.creditPoints, year);
    }).catch((err) => fill(body, errorBox(err)));
  });
  creditBody(body, download, first, choices[0]);
  return h('section', { 'aria-labelledby': 'credit-title', id: 'credit-points' },
    h('h2', { id: 'credit-title' }, 'Angka kredit jabatan fungsional'),
    h('p', { class: 'muted' }, 'Konversi predikat kinerja tahunan ke angka kredit (PermenPANRB 1/2023): koefisien '
      + 'tahunan jabatan fungsional dikalikan persentase predikat tahunan (kolom Persentase), sebanding dengan '
      + 'lamanya jabatan dipegang dalam tahun itu. Pegawai yang penilaian tahunannya belum difinalisasi belum '
      + 'memperoleh angka kredit.'),
    h('div', { class: 'field' }, h('label', { for: 'credit-year' }, 'Tahun'), select),
    body);
}
