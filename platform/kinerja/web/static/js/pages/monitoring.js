// Monitoring (#/monitoring?cycle=&period=&agency=&unit=): per agency (or an agency's units) the headcount, approved
// SKPs, work logged in the last 7 / 30 days, feedback received and, in the evaluation period, self-assessed, assessed
// by the supervisor, finalized and objections open, each as a count and a percentage of the headcount. Each count
// links to the people behind it (&list=<fact>; &gap=<gap>: those lacking it), a page of its own with paging ("Muat
// lebih banyak"), the switch to those lacking it (or having it) and its export (CSV or Excel). For each gap the people
// lacking it, paged, each linking to the person page. ADMIN any agency, an agency admin its own, a supervisor (EMPLOYEE) its
// direct subordinates: the server decides the scope.

import { gql } from '../api.js';
import { h, fill, loading, num, percentText, periodLabel, evaluationLabel, CYCLE_STATUS } from '../ui.js';
import { failBox } from '../work_log_ui.js';
import { isCurrentOf } from '../forms.js';
import { exportButtons } from '../export_buttons.js';

const PAGE = 10;
const LIST_PAGE = 50;
const PEOPLE_FIELDS = 'nip name position agency agencyName unit unitName cursor';
const ROW_FIELDS = 'agency unit people approvedSkp loggedLast7Days loggedLast30Days hadFeedback selfAssessed '
  + 'supervisorAssessed finalized objectionsOpen developmentHoursMet evaluationPeriod';

// each gap's alias in OVERVIEW (written out there: the cost test measures the document as it stands); the
// evaluation's gaps are asked only once the cycle is evaluated (EVALUATION or CLOSED)
const GAPS = [
  { code: 'SKP_NOT_APPROVED', alias: 'noSkp', title: 'Belum memiliki SKP yang disetujui' },
  { code: 'NO_LOG_7_DAYS', alias: 'noLog7', title: 'Tidak mencatat kerja dalam 7 hari terakhir' },
  { code: 'NO_LOG_30_DAYS', alias: 'noLog30', title: 'Tidak mencatat kerja dalam 30 hari terakhir' },
  { code: 'NO_FEEDBACK', alias: 'noFeedback', title: 'Belum mendapat umpan balik' },
  { code: 'NOT_SELF_ASSESSED', alias: 'notSelf', title: 'Belum menilai diri', evaluation: true },
  { code: 'NOT_ASSESSED', alias: 'notAssessed', title: 'Belum dinilai atasan', evaluation: true },
  { code: 'NOT_FINALIZED', alias: 'notFinalized', title: 'Penilaiannya belum difinalisasi', evaluation: true },
  { code: 'OBJECTION_OPEN', alias: 'objectionOpen', title: 'Keberatannya belum diputuskan', evaluation: true },
  { code: 'DEVELOPMENT_HOURS_BELOW', alias: 'devBelow', title: 'JP pengembangan kompetensi tahun ini belum terpenuhi' },
];
const GAP_BY_CODE = new Map(GAPS.map((g) => [g.code, g]));

// the columns: the row's field, its heading, the fact behind it (monitoringPeople has:) and the gap of those lacking it
const COLUMNS = [
  { key: 'people', label: 'Pegawai', fact: 'PEOPLE', title: 'Seluruh pegawai' },
  { key: 'approvedSkp', label: 'SKP disetujui', fact: 'APPROVED_SKP', gap: 'SKP_NOT_APPROVED',
    title: 'Memiliki SKP yang disetujui' },
  { key: 'loggedLast7Days', label: 'Mencatat kerja 7 hari', fact: 'LOGGED_LAST_7_DAYS', gap: 'NO_LOG_7_DAYS',
    title: 'Mencatat kerja dalam 7 hari terakhir' },
  { key: 'loggedLast30Days', label: 'Mencatat kerja 30 hari', fact: 'LOGGED_LAST_30_DAYS', gap: 'NO_LOG_30_DAYS',
    title: 'Mencatat kerja dalam 30 hari terakhir' },
  { key: 'hadFeedback', label: 'Mendapat umpan balik', fact: 'HAD_FEEDBACK', gap: 'NO_FEEDBACK',
    title: 'Mendapat umpan balik' },
  { key: 'selfAssessed', label: 'Sudah menilai diri', fact: 'SELF_ASSESSED', gap: 'NOT_SELF_ASSESSED',
    title: 'Sudah menilai diri', evaluation: true },
  { key: 'supervisorAssessed', label: 'Sudah dinilai atasan', fact: 'SUPERVISOR_ASSESSED', gap: 'NOT_ASSESSED',
    title: 'Sudah dinilai atasan', evaluation: true },
  { key: 'finalized', label: 'Sudah difinalisasi', fact: 'FINALIZED', gap: 'NOT_FINALIZED',
    title: 'Penilaiannya sudah difinalisasi', evaluation: true },
  { key: 'objectionsOpen', label: 'Keberatan belum diputuskan', fact: 'OBJECTION_OPEN',
    title: 'Keberatannya belum diputuskan', evaluation: true },
  { key: 'developmentHoursMet', label: 'JP pengembangan terpenuhi',
    fact: 'DEVELOPMENT_HOURS_MET', gap: 'DEVELOPMENT_HOURS_BELOW',
    title: 'JP pengembangan kompetensi tahun ini terpenuhi' },
];
const COLUMN_BY_FACT = new Map(COLUMNS.map((c) => [c.fact, c]));
const COLUMN_BY_GAP = new Map(COLUMNS.filter((c) => c.gap).map((c) => [c.gap, c]));

const ARGS = '$cycle: Int!, $agency: String, $unit: String, $period: String';
const SCOPE = 'cycle: $cycle, agency: $agency, unit: $unit, period: $period';

export const OVERVIEW = `query(${ARGS}, $first: Int!, $evaluation: Boolean!) {
  skpMonitoring(${SCOPE}) { ${ROW_FIELDS} }
  noSkp: monitoringPeople(${SCOPE}, missing: SKP_NOT_APPROVED, first: $first) { ${PEOPLE_FIELDS} }
  noLog7: monitoringPeople(${SCOPE}, missing: NO_LOG_7_DAYS, first: $first) { ${PEOPLE_FIELDS} }
  noLog30: monitoringPeople(${SCOPE}, missing: NO_LOG_30_DAYS, first: $first) { ${PEOPLE_FIELDS} }
  noFeedback: monitoringPeople(${SCOPE}, missing: NO_FEEDBACK, first: $first) { ${PEOPLE_FIELDS} }
  notSelf: monitoringPeople(${SCOPE}, missing: NOT_SELF_ASSESSED, first: $first) @include(if: $evaluation) {
    ${PEOPLE_FIELDS} }
  notAssessed: monitoringPeople(${SCOPE}, missing: NOT_ASSESSED, first: $first) @include(if: $evaluation) {
    ${PEOPLE_FIELDS} }
  notFinalized: monitoringPeople(${SCOPE}, missing: NOT_FINALIZED, first: $first) @include(if: $evaluation) {
    ${PEOPLE_FIELDS} }
  objectionOpen: monitoringPeople(${SCOPE}, missing: OBJECTION_OPEN, first: $first) @include(if: $evaluation) {
    ${PEOPLE_FIELDS} }
  devBelow: monitoringPeople(${SCOPE}, missing: DEVELOPMENT_HOURS_BELOW, first: $first) { ${PEOPLE_FIELDS} }
}`;

export const MORE = `query(${ARGS}, $missing: MonitoringGap, $has: MonitoringFact, $first: Int!, $after: String) {
  monitoringPeople(${SCOPE}, missing: $missing, has: $has, first: $first, after: $after) { ${PEOPLE_FIELDS} }
}`;

// a list's first page with the counts of its scope (how many there are in all)
export const LIST = `query(${ARGS}, $missing: MonitoringGap, $has: MonitoringFact, $first: Int!) {
  skpMonitoring(${SCOPE}) { ${ROW_FIELDS} }
  monitoringPeople(${SCOPE}, missing: $missing, has: $has, first: $first) { ${PEOPLE_FIELDS} }
}`;

export const AGENCIES = '{ agencies { code name } }';
export const UNITS = 'query($code: String!) { agency(code: $code) { code name units { code name } } }';

// the period the assessments, ratings and objections are counted in (the server's evaluationPeriod, the same rule)
function evaluationPeriodOf(cycle, period, rows) {
  if (rows && rows.length && rows[0].evaluationPeriod) return rows[0].evaluationPeriod;
  return !period || /-(Q4|12)$/.test(period) ? String(cycle.year) : period;
}

function placeOf(p) {
  return p.unit ? (p.unitName || p.unit) : (p.agencyName || p.agency);
}

function personItem(p) {
  return h('li', { 'data-nip': p.nip }, h('a', { href: `#/person/${encodeURIComponent(p.nip)}` }, p.name),
    h('span', { class: 'muted' }, ` · ${p.nip} · ${placeOf(p)}`));
}

// the scope of a hash: cycle, period, agency, unit, and the list (list: a fact, gap: a gap)
function hashOf(next) {
  const sp = new URLSearchParams();
  sp.set('cycle', String(next.cycle));
  if (next.period) sp.set('period', next.period);
  if (next.agency) sp.set('agency', next.agency);
  if (next.unit) sp.set('unit', next.unit);
  if (next.list) sp.set('list', next.list);
  if (next.gap) sp.set('gap', next.gap);
  return `#/monitoring?${sp.toString()}`;
}

function csvUrl(vars, list) {
  const sp = new URLSearchParams();
  sp.set('cycle', String(vars.cycle));
  for (const key of ['period', 'agency', 'unit']) if (vars[key]) sp.set(key, vars[key]);
  if (list.gap) sp.set('missing', list.gap);
  else sp.set('has', list.fact);
  return `/monitoring/people.csv?${sp.toString()}`;
}

function countsTable(rows, names, hrefOf, listHref, caption) {
  const cell = (r, column) => {
    const value = r[column.key];
    const text = num(value, 0);
    return h('td', { class: 'num', 'data-col': column.key, 'data-value': value },
      h('a', { href: listHref(r, column), 'data-list': column.fact,
        'aria-label': `${column.title}: ${text} orang` }, text),
      column.key === 'people' ? null
        : h('span', { class: 'muted pct', 'data-pct': column.key }, `(${percentText(value, r.people)})`));
  };
  return h('div', { class: 'table-wrap' }, h('table', { id: 'monitoring-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rows.some((r) => r.unit) ? 'Unit' : 'Perangkat daerah'),
      COLUMNS.map((c) => h('th', { scope: 'col', class: 'num' }, c.label)))),
    h('tbody', {}, rows.map((r) => {
      const name = r.unit ? (names.units.get(r.unit) || r.unit) : (r.agency && names.agencies.get(r.agency)) || r.agency;
      const label = r.unit === null && names.total ? `${name} (seluruhnya)` : name;
      const href = hrefOf(r);
      return h('tr', { 'data-agency': r.agency, 'data-unit': r.unit || '' },
        h('th', { scope: 'row' }, href ? h('a', { href }, label) : label),
        COLUMNS.map((c) => cell(r, c)));
    }))));
}

function gapSection(gap, firstPage, vars, listHref, isCurrent) {
  let people = firstPage.slice(0, PAGE);
  let more = firstPage.length > PAGE;
  const list = h('ul', { id: `gap-${gap.code}-list` });
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: `gap-${gap.code}-more` }, 'Muat lebih banyak');
  const count = h('span', { class: 'muted', 'data-count': '' });
  const empty = h('p', { class: 'empty' }, 'Tidak ada pegawai.');
  const show = () => {
    list.replaceChildren(...people.map((p) => personItem(p)));
    list.hidden = people.length === 0;
    empty.hidden = people.length !== 0;
    button.hidden = !more;
    count.textContent = ` (${people.length}${more ? '+' : ''})`;
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Memuat…'));
    try {
      const data = await gql(MORE, { ...vars, missing: gap.code, has: null, first: PAGE + 1,
        after: people.length ? people[people.length - 1].cursor : null });
      if (!isCurrent()) return;
      const page = data.monitoringPeople;
      people = [...people, ...page.slice(0, PAGE)];
      more = page.length > PAGE;
      status.replaceChildren();
      show();
      const next = list.children[people.length - page.slice(0, PAGE).length];
      if (next) next.querySelector('a').focus();
    } catch (err) {
      if (isCurrent()) status.replaceChildren(failBox(err));
    } finally {
      button.disabled = false;
    }
  });
  show();
  return h('section', { class: 'card', id: `gap-${gap.code}`, 'aria-labelledby': `gap-${gap.code}-title` },
    h('h3', { id: `gap-${gap.code}-title` }, gap.title, count), list, empty, status,
    h('div', { class: 'actions' }, button,
      h('a', { href: listHref(gap), id: `gap-${gap.code}-all` }, 'Daftar lengkap dan unduhan')));
}

// the people behind one count (or lacking it): a page of LIST_PAGE, more on demand, the switch between the two
// sides of a fact, the CSV export
async function renderList(root, ctx, { cycle, period, agency, unit, list, isCurrent, back }) {
  const column = list.gap ? COLUMN_BY_GAP.get(list.gap) : COLUMN_BY_FACT.get(list.fact);
  const gap = list.gap ? GAP_BY_CODE.get(list.gap) : null;
  const title = gap ? gap.title : column ? column.title : null;
  if (!title) {
    fill(root, h('h1', {}, 'Pemantauan'), h('p', { class: 'empty' }, 'Daftar ini tidak dikenal.'),
      h('p', {}, h('a', { href: back }, 'Kembali ke rekap pemantauan')));
    return;
  }
  document.title = `${title} · Pemantauan · Kinerja`;
  const vars = { cycle: cycle.year, agency, unit, period };
  const side = { missing: list.gap || null, has: list.gap ? null : list.fact };
  loading(root);
  let data;
  try {
    data = await gql(LIST, { ...vars, ...side, first: LIST_PAGE + 1 });
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, title), failBox(err), h('p', {}, h('a', { href: back }, 'Kembali ke rekap pemantauan')));
    return;
  }
  if (!isCurrent()) return;
  const rows = data.skpMonitoring;
  const counted = unit ? rows.filter((r) => r.unit === unit) : rows.filter((r) => r.unit === null);
  const sum = (key) => counted.reduce((acc, r) => acc + r[key], 0);
  const headcount = sum('people');
  const having = column ? sum(column.key) : 0;
  // a gap lists those lacking the fact, but OBJECTION_OPEN those having an open objection
  const total = list.gap && list.gap !== 'OBJECTION_OPEN' ? headcount - having : having;
  let people = data.monitoringPeople.slice(0, LIST_PAGE);
  let more = data.monitoringPeople.length > LIST_PAGE;
  const first = people[0];
  const place = unit ? ((first && first.unitName) || unit) : agency ? ((first && first.agencyName) || agency) : null;
  const evaluated = evaluationPeriodOf(cycle, period, rows);
  const scope = [place || (ctx.viewer && ctx.viewer.role === 'EMPLOYEE' ? 'Bawahan langsung Anda'
    : 'Semua perangkat daerah'), `siklus ${cycle.year}`,
  column && column.evaluation ? `penilaian ${evaluationLabel(evaluated)}`
    : period ? `periode ${periodLabel(period)}` : null].filter(Boolean).join(' · ');

  const body = h('tbody', {});
  const shown = h('p', { id: 'list-count', 'aria-live': 'polite' });
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'list-more' }, 'Muat lebih banyak');
  const rowOf = (p) => h('tr', { 'data-nip': p.nip },
    h('th', { scope: 'row' }, h('a', { href: `#/person/${encodeURIComponent(p.nip)}` }, p.name)),
    h('td', { 'data-col': 'nip' }, p.nip), h('td', { 'data-col': 'position' }, p.position),
    h('td', { 'data-col': 'place' }, placeOf(p)));
  const show = () => {
    body.replaceChildren(...people.map(rowOf));
    button.hidden = !more;
    shown.textContent = `Menampilkan ${num(people.length, 0)} dari ${num(total, 0)} orang.`;
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Memuat…'));
    try {
      const page = (await gql(MORE, { ...vars, ...side, first: LIST_PAGE + 1,
        after: people[people.length - 1].cursor })).monitoringPeople;
      if (!isCurrent()) return;
      const before = people.length;
      people = [...people, ...page.slice(0, LIST_PAGE)];
      more = page.length > LIST_PAGE;
      status.replaceChildren();
      show();
      const next = body.children[before];
      if (next) next.querySelector('a').focus();
    } catch (err) {
      if (isCurrent()) status.replaceChildren(failBox(err));
    } finally {
      button.disabled = false;
    }
  });
  show();

  // the list as CSV or as Excel (the same rows, Indonesian headers): #list-download and #list-download-xlsx
  const download = exportButtons({ id: 'list-download', csvUrl: () => csvUrl(vars, list), fallback: 'pemantauan' });

  // the other side of the same fact: those lacking it, or those having it
  let other = null;
  if (column && column.gap && list.fact) {
    other = h('a', { href: hashOf({ ...vars, gap: column.gap }), id: 'list-other', class: 'button button-secondary' },
      `Tampilkan yang belum (${num(headcount - having, 0)} orang)`);
  } else if (column && list.gap && list.gap !== 'OBJECTION_OPEN') {
    other = h('a', { href: hashOf({ ...vars, list: column.fact }), id: 'list-other', class: 'button button-secondary' },
      `Tampilkan yang sudah (${num(having, 0)} orang)`);
  }

  fill(root,
    h('p', {}, h('a', { href: back, id: 'list-back' }, `← Kembali ke rekap ${place || 'pemantauan'}`)),
    h('h1', {}, title),
    h('p', { class: 'lead', id: 'list-scope' }, scope),
    h('div', { class: 'actions' }, ...download.buttons, other),
    download.status,
    shown,
    people.length
      ? h('div', { class: 'table-wrap' }, h('table', { id: 'list-table' },
        h('caption', {}, `${title} · ${scope}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Nama'), h('th', { scope: 'col' }, 'NIP'),
          h('th', { scope: 'col' }, 'Jabatan'), h('th', { scope: 'col' }, 'Unit kerja'))),
        body))
      : h('p', { class: 'empty', id: 'list-empty' }, 'Tidak ada pegawai.'),
    status,
    h('div', { class: 'actions' }, button));
}

export async function render(root, params, ctx) {
  document.title = 'Pemantauan · Kinerja';
  const isCurrent = isCurrentOf(ctx);
  const viewer = ctx.viewer || {};
  const cycles = [...(ctx.cycles || [])].sort((a, b) => b.year - a.year);
  if (!cycles.length) {
    fill(root, h('h1', {}, 'Pemantauan'), h('p', { class: 'empty' }, 'Belum ada siklus penilaian.'));
    return;
  }
  const q = params.query;
  const cycle = cycles.find((c) => String(c.year) === q.get('cycle'))
    || cycles.find((c) => c.status === 'ACTIVE') || cycles[0];
  const period = cycle.periods.includes(q.get('period')) ? q.get('period') : null;
  const isAdmin = viewer.role === 'ADMIN';
  const isAgencyAdmin = viewer.role === 'AGENCY_ADMIN';
  const isSupervisor = viewer.role === 'EMPLOYEE';
  let agency = isAdmin ? (q.get('agency') || null) : null;
  if (isAgencyAdmin) agency = viewer.agency ? viewer.agency.code : null;
  const list = q.get('list') ? { fact: q.get('list') } : q.get('gap') ? { gap: q.get('gap') } : null;
  if (list && isSupervisor) agency = q.get('agency') || null; // their subordinates of one agency (the server checks)
  const unit = agency && q.get('unit') ? q.get('unit') : null;
  const vars = { cycle: cycle.year, agency, unit, period };
  const overviewHash = hashOf({ cycle: cycle.year, period, agency: isAdmin ? agency : null, unit });
  if (list) {
    await renderList(root, ctx, { cycle, period, agency, unit, list, isCurrent, back: overviewHash });
    return;
  }
  const evaluation = cycle.status === 'EVALUATION' || cycle.status === 'CLOSED';

  loading(root);
  let data;
  let agencies = [];
  let units = [];
  try {
    const asks = [gql(OVERVIEW, { ...vars, first: PAGE + 1, evaluation })];
    if (isAdmin) asks.push(gql(AGENCIES));
    if (agency) asks.push(gql(UNITS, { code: agency }));
    const answers = await Promise.all(asks);
    data = answers[0];
    if (isAdmin) agencies = answers[1].agencies;
    if (agency) {
      const found = answers[answers.length - 1].agency;
      units = found ? found.units : [];
      if (found && !isAdmin) agencies = [{ code: found.code, name: found.name }];
      else if (found && !agencies.some((a) => a.code === found.code)) agencies.push({ code: found.code, name: found.name });
    }
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Pemantauan'), failBox(err));
    return;
  }
  if (!isCurrent()) return;
  const names = { agencies: new Map(agencies.map((a) => [a.code, a.name])), units: new Map(units.map((u) => [u.code, u.name])),
    total: Boolean(agency) };

  // the choice: cycle, period (feedback and evaluation), agency (ADMIN), unit (within an agency)
  const cycleSelect = h('select', { id: 'mon-cycle', name: 'cycle' }, cycles.map((c) => h('option',
    { value: c.year, selected: c.year === cycle.year }, `${c.year} (${CYCLE_STATUS[c.status] || 'Status tidak dikenal'})`)));
  const periodSelectEl = h('select', { id: 'mon-period', name: 'period' },
    h('option', { value: '' }, 'Seluruh siklus'),
    cycle.periods.map((p) => h('option', { value: p, selected: p === period }, periodLabel(p))));
  periodSelectEl.value = period || '';
  const agencySelect = isAdmin ? h('select', { id: 'mon-agency', name: 'agency' },
    h('option', { value: '' }, 'Semua perangkat daerah'),
    agencies.map((a) => h('option', { value: a.code, selected: a.code === agency }, a.name))) : null;
  if (agencySelect) agencySelect.value = agency || '';
  const unitSelect = agency && units.length ? h('select', { id: 'mon-unit', name: 'unit' },
    h('option', { value: '' }, 'Semua unit'),
    units.map((u) => h('option', { value: u.code, selected: u.code === unit }, u.name))) : null;
  if (unitSelect) unitSelect.value = unit || '';
  const form = h('form', { id: 'mon-form', class: 'field-inline', 'aria-label': 'Pilihan pemantauan' },
    h('div', { class: 'field' }, h('label', { for: cycleSelect.id }, 'Siklus'), cycleSelect),
    h('div', { class: 'field' }, h('label', { for: periodSelectEl.id }, 'Periode umpan balik dan penilaian'), periodSelectEl),
    agencySelect ? h('div', { class: 'field' }, h('label', { for: agencySelect.id }, 'Perangkat daerah'), agencySelect) : null,
    unitSelect ? h('div', { class: 'field' }, h('label', { for: unitSelect.id }, 'Unit'), unitSelect) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'mon-show' }, 'Tampilkan')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const year = Number(cycleSelect.value);
    const chosenAgency = agencySelect ? agencySelect.value || null : agency;
    ctx.navigate(hashOf({ cycle: year, period: year === cycle.year ? periodSelectEl.value || null : null,
      agency: isAdmin ? chosenAgency : null,
      unit: unitSelect && chosenAgency === agency ? unitSelect.value || null : null }));
  });

  const evaluated = evaluationPeriodOf(cycle, period, data.skpMonitoring);
  const scopeText = unit ? `Unit ${names.units.get(unit) || unit}`
    : agency ? (names.agencies.get(agency) || agency)
      : isAdmin ? 'Semua perangkat daerah' : 'Bawahan langsung Anda';
  const caption = `Rekap ${scopeText}, siklus ${cycle.year}${period ? `, umpan balik ${periodLabel(period)}` : ''}, `
    + `penilaian ${evaluationLabel(evaluated)}: jumlah pegawai dan persen dari seluruh pegawai`;
  const hrefOf = (r) => {
    if (!agency && isAdmin) return hashOf({ cycle: cycle.year, period, agency: r.agency });
    if (agency && r.unit && r.unit !== unit) return hashOf({ cycle: cycle.year, period, agency: isAdmin ? agency : null, unit: r.unit });
    return null;
  };
  // a count's list: the row's agency (and unit); an agency admin's is its own, a supervisor's narrows their own
  const listHref = (r, column) => hashOf({ cycle: cycle.year, period, agency: isAgencyAdmin ? null : r.agency,
    unit: r.unit, list: column.fact });
  const gapHref = (gap) => hashOf({ cycle: cycle.year, period, agency: isAdmin ? agency : null, unit, gap: gap.code });
  const shownGaps = GAPS.filter((g) => !g.evaluation || evaluation);

  fill(root,
    h('h1', {}, 'Pemantauan'),
    h('p', { class: 'lead' }, 'SKP yang disetujui, catatan kerja, umpan balik kinerja dan kemajuan penilaian per ',
      agency ? 'unit' : 'perangkat daerah', '. ',
      isSupervisor ? 'Anda melihat bawahan langsung Anda.' : null),
    form,
    h('section', { id: 'monitoring', 'aria-labelledby': 'monitoring-title' },
      h('h2', { id: 'monitoring-title' }, scopeText),
      h('p', { class: 'muted', id: 'monitoring-note' }, `Penilaian diri, penilaian atasan, finalisasi dan keberatan `
        + `dihitung untuk periode ${evaluationLabel(evaluated)}. Persen dihitung dari seluruh pegawai; pilih angka `
        + 'untuk melihat daftar pegawainya.'),
      data.skpMonitoring.length ? countsTable(data.skpMonitoring, names, hrefOf, listHref, caption)
        : h('p', { class: 'empty' }, 'Tidak ada pegawai pada pilihan ini.')),
    h('section', { id: 'gaps', 'aria-labelledby': 'gaps-title' },
      h('h2', { id: 'gaps-title' }, 'Pegawai yang perlu ditindaklanjuti'),
      h('div', { class: 'grid-2' }, shownGaps.map((g) => gapSection(g, data[g.alias] || [], vars, gapHref, isCurrent)))));
}
