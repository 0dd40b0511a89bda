// The dashboard's IKM section: the IKM per agency (from the dashboard's own request), and on request per unit or by
// the respondents' profile (usia, jenis kelamin, pendidikan, pekerjaan) through satisfactionByGroup. Groups too
// small to show (the server's KINERJA_SURVEY_MIN_GROUP) come pooled in one row without an IKM.

import { gql } from './api.js';
import { h, errorBox, num, badge } from './ui.js';

// what satisfactionByGroup groups by, as the select offers it
export const GROUPINGS = [
  ['AGENCY', 'Perangkat daerah'],
  ['UNIT', 'Unit layanan'],
  ['AGE_BAND', 'Usia responden'],
  ['SEX', 'Jenis kelamin responden'],
  ['EDUCATION', 'Pendidikan responden'],
  ['OCCUPATION', 'Pekerjaan responden'],
];
const FIRST_COLUMN = { AGENCY: 'Perangkat Daerah', UNIT: 'Unit Layanan' };
export const IKM_ROW_FIELDS = 'group label respondents withheld index { index grade label respondents sufficientSample requiredSample }';
export const QUERY = `query SatisfactionByGroup($period: String!, $groupBy: SatisfactionGroup) {
  satisfactionByGroup(period: $period, groupBy: $groupBy) { ${IKM_ROW_FIELDS} }
}`;

function numCell(col, value, digits) {
  const missing = value === null || value === undefined;
  return h('td', { class: 'num', 'data-col': col, 'data-value': missing ? '' : value },
    missing ? h('span', { class: 'muted' }, '—') : num(value, digits));
}

function groupCell(row, groupBy) {
  if (groupBy === 'AGENCY') {
    return h('a', { href: `#/agency/${encodeURIComponent(row.group)}` }, row.label);
  }
  if (groupBy === 'UNIT') { // "AGENCY/UNIT": the unit's name, its agency's code beside it
    return [row.label, ' ', h('span', { class: 'code' }, row.group.split('/')[0])];
  }
  return row.label; // the server's Indonesian label of the answer, never its code
}

function sampleText(index) {
  if (!index || index.requiredSample === null) return '—';
  return `${index.sufficientSample ? 'Cukup' : 'Kurang'} (minimal ${num(index.requiredSample, 0)})`;
}

export function satisfactionTable(rows, groupBy = 'AGENCY', scope = '') {
  if (!rows.length) return h('p', { class: 'empty', id: 'satisfaction-empty' }, 'Belum ada data IKM pada periode ini.');
  const grouping = GROUPINGS.find(([code]) => code === groupBy)[1].toLowerCase();
  const byProfile = !FIRST_COLUMN[groupBy];
  const caption = `Indeks Kepuasan Masyarakat (IKM) menurut ${grouping}${byProfile && scope ? ` · ${scope}` : ''}`;
  const table = h('div', { class: 'table-wrap' }, h('table', { id: 'satisfaction-table', 'data-group-by': groupBy },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, FIRST_COLUMN[groupBy] || 'Kelompok'),
      h('th', { scope: 'col', class: 'num' }, 'IKM'), h('th', { scope: 'col' }, 'Mutu'),
      h('th', { scope: 'col' }, 'Kinerja Unit'), h('th', { scope: 'col', class: 'num' }, 'Responden'),
      h('th', { scope: 'col' }, 'Sampel'))),
    h('tbody', {}, rows.map((r) => h('tr', {
      'data-agency': groupBy === 'AGENCY' ? r.group : null, 'data-group': r.group,
      class: r.withheld ? 'withheld' : null,
    },
    h('th', { scope: 'row', 'data-col': 'label' }, groupCell(r, groupBy)),
    numCell('index', r.index ? r.index.index : null, 2),
    h('td', { 'data-col': 'grade', 'data-value': r.index ? r.index.grade : '' }, r.index ? badge(r.index.grade)
      : h('span', { class: 'muted' }, '—')),
    h('td', { 'data-col': 'gradeLabel', 'data-value': r.index ? r.index.label : '' },
      r.index ? r.index.label : 'Tidak ditampilkan (kelompok kecil)'),
    numCell('respondents', r.respondents, 0),
    h('td', { 'data-col': 'sufficientSample' }, sampleText(r.index)))))));
  if (!byProfile) return table;
  return [table, h('p', { class: 'hint', id: 'satisfaction-note' },
    'Kelompok dengan responden terlalu sedikit digabung dalam satu baris dan IKM-nya tidak ditampilkan, agar '
      + 'jawaban seseorang tidak dapat dikenali dari profilnya.')];
}

// The section: a "Kelompokkan menurut" select above the table; the agency rows come with the dashboard's request,
// any other grouping is asked for when chosen. isCurrent(): whether the page is still the one that asked.
export function satisfactionSection(rows, period, scope, isCurrent) {
  const body = h('div', { id: 'satisfaction-body' }, satisfactionTable(rows, 'AGENCY', scope));
  const cache = new Map([['AGENCY', rows]]);
  let asked = 0;
  const select = h('select', { id: 'ikm-group-by', name: 'groupBy', on: { change: () => show(select.value) } },
    GROUPINGS.map(([code, label]) => h('option', { value: code }, label)));

  async function show(groupBy) {
    const mine = ++asked;
    if (!cache.has(groupBy)) {
      body.setAttribute('aria-busy', 'true');
      body.replaceChildren(h('p', { class: 'loading', role: 'status' },
        h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Memuat…'));
      try {
        cache.set(groupBy, (await gql(QUERY, { period, groupBy })).satisfactionByGroup);
      } catch (err) {
        if (mine !== asked || !isCurrent()) return;
        body.removeAttribute('aria-busy');
        body.replaceChildren(errorBox(err));
        return;
      }
    }
    if (mine !== asked || !isCurrent()) return; // a later choice, or another page, took over
    body.removeAttribute('aria-busy');
    body.replaceChildren(...[satisfactionTable(cache.get(groupBy), groupBy, scope)].flat());
  }

  return h('section', { 'aria-labelledby': 'ikm-title', id: 'satisfaction' },
    h('h2', { id: 'ikm-title' }, 'Indeks Kepuasan Masyarakat'),
    h('div', { class: 'field-inline' },
      h('div', { class: 'field' }, h('label', { for: 'ikm-group-by' }, 'Kelompokkan menurut'), select)),
    body);
}
