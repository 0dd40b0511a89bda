// Monitoring (#/monitoring?cycle=&period=&agency=&unit=): per agency (or an agency's units) the people, approved
// SKPs, work logged in the last 7 / 30 days and feedback received; for each gap the people lacking it, paged
// ("Muat lebih banyak"), each linking to the person page. ADMIN any agency, an agency admin its own, a
// supervisor (EMPLOYEE) its direct subordinates: the server decides the scope.

import { gql } from '../api.js';
import { h, fill, loading, num, periodLabel, CYCLE_STATUS } from '../ui.js';
import { failBox } from '../work_log_ui.js';
import { isCurrentOf } from '../forms.js';

const PAGE = 10;
const PEOPLE_FIELDS = 'nip name agency unit cursor';

// each gap's alias in OVERVIEW (written out there: the cost test measures the document as it stands)
const GAPS = [
  { code: 'SKP_NOT_APPROVED', alias: 'noSkp', title: 'Belum memiliki SKP yang disetujui' },
  { code: 'NO_LOG_7_DAYS', alias: 'noLog7', title: 'Tidak mencatat kerja dalam 7 hari terakhir' },
  { code: 'NO_LOG_30_DAYS', alias: 'noLog30', title: 'Tidak mencatat kerja dalam 30 hari terakhir' },
  { code: 'NO_FEEDBACK', alias: 'noFeedback', title: 'Belum mendapat umpan balik' },
];

const COLUMNS = [
  ['people', 'Pegawai'], ['approvedSkp', 'SKP disetujui'], ['loggedLast7Days', 'Mencatat kerja 7 hari'],
  ['loggedLast30Days', 'Mencatat kerja 30 hari'], ['hadFeedback', 'Mendapat umpan balik'],
];

const ARGS = '$cycle: Int!, $agency: String, $unit: String, $period: String';
const SCOPE = 'cycle: $cycle, agency: $agency, unit: $unit, period: $period';

const OVERVIEW = `query(${ARGS}, $first: Int!) {
  skpMonitoring(${SCOPE}) { agency unit people approvedSkp loggedLast7Days loggedLast30Days hadFeedback }
  noSkp: monitoringPeople(${SCOPE}, missing: SKP_NOT_APPROVED, first: $first) { ${PEOPLE_FIELDS} }
  noLog7: monitoringPeople(${SCOPE}, missing: NO_LOG_7_DAYS, first: $first) { ${PEOPLE_FIELDS} }
  noLog30: monitoringPeople(${SCOPE}, missing: NO_LOG_30_DAYS, first: $first) { ${PEOPLE_FIELDS} }
  noFeedback: monitoringPeople(${SCOPE}, missing: NO_FEEDBACK, first: $first) { ${PEOPLE_FIELDS} }
}`;

const MORE = `query(${ARGS}, $missing: MonitoringGap!, $first: Int!, $after: String) {
  monitoringPeople(${SCOPE}, missing: $missing, first: $first, after: $after) { ${PEOPLE_FIELDS} }
}`;

const AGENCIES = '{ agencies { code name } }';
const UNITS = 'query($code: String!) { agency(code: $code) { code name units { code name } } }';

function percent(part, whole) {
  return whole ? ` (${num((part / whole) * 100, 0)}%)` : '';
}

function countsTable(rows, names, hrefOf, caption) {
  return h('div', { class: 'table-wrap' }, h('table', { id: 'monitoring-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rows.some((r) => r.unit) ? 'Unit' : 'Perangkat daerah'),
      COLUMNS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)))),
    h('tbody', {}, rows.map((r) => {
      const name = r.unit ? (names.units.get(r.unit) || r.unit) : (r.agency && names.agencies.get(r.agency)) || r.agency;
      const label = r.unit === null && names.total ? `${name} (seluruhnya)` : name;
      const href = hrefOf(r);
      return h('tr', { 'data-agency': r.agency, 'data-unit': r.unit || '' },
        h('th', { scope: 'row' }, href ? h('a', { href }, label) : label),
        COLUMNS.map(([key]) => h('td', { class: 'num', 'data-col': key, 'data-value': r[key] },
          num(r[key], 0), key === 'people' ? '' : h('span', { class: 'muted' }, percent(r[key], r.people)))));
    }))));
}

function personItem(p, names) {
  const where = p.unit ? (names.units.get(p.unit) || p.unit) : (names.agencies.get(p.agency) || p.agency);
  return h('li', { 'data-nip': p.nip }, h('a', { href: `#/person/${encodeURIComponent(p.nip)}` }, p.name),
    h('span', { class: 'muted' }, ` · ${p.nip} · ${where}`));
}

function gapSection(gap, firstPage, vars, names, isCurrent) {
  let people = firstPage.slice(0, PAGE);
  let more = firstPage.length > PAGE;
  const list = h('ul', { id: `gap-${gap.code}-list` });
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: `gap-${gap.code}-more` }, 'Muat lebih banyak');
  const count = h('span', { class: 'muted', 'data-count': '' });
  const show = () => {
    list.replaceChildren(...people.map((p) => personItem(p, names)));
    list.hidden = people.length === 0;
    empty.hidden = people.length !== 0;
    button.hidden = !more;
    count.textContent = ` (${people.length}${more ? '+' : ''})`;
  };
  const empty = h('p', { class: 'empty' }, 'Tidak ada pegawai.');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Memuat…'));
    try {
      const data = await gql(MORE, { ...vars, missing: gap.code, first: PAGE + 1,
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
  let agency = isAdmin ? (q.get('agency') || null) : null;
  if (isAgencyAdmin) agency = viewer.agency ? viewer.agency.code : null;
  const unit = agency && q.get('unit') ? q.get('unit') : null;
  const vars = { cycle: cycle.year, agency, unit, period };

  loading(root);
  let data;
  let agencies = [];
  let units = [];
  try {
    const asks = [gql(OVERVIEW, { ...vars, first: PAGE + 1 })];
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

  const hashOf = (next) => {
    const sp = new URLSearchParams();
    sp.set('cycle', String(next.cycle));
    if (next.period) sp.set('period', next.period);
    if (next.agency && isAdmin) sp.set('agency', next.agency);
    if (next.unit) sp.set('unit', next.unit);
    return `#/monitoring?${sp.toString()}`;
  };

  // the choice: cycle, period (for feedback), agency (ADMIN), unit (within an agency)
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
    h('div', { class: 'field' }, h('label', { for: periodSelectEl.id }, 'Periode umpan balik'), periodSelectEl),
    agencySelect ? h('div', { class: 'field' }, h('label', { for: agencySelect.id }, 'Perangkat daerah'), agencySelect) : null,
    unitSelect ? h('div', { class: 'field' }, h('label', { for: unitSelect.id }, 'Unit'), unitSelect) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'mon-show' }, 'Tampilkan')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const year = Number(cycleSelect.value);
    const chosenAgency = agencySelect ? agencySelect.value || null : agency;
    ctx.navigate(hashOf({ cycle: year, period: year === cycle.year ? periodSelectEl.value || null : null,
      agency: chosenAgency,
      unit: unitSelect && chosenAgency === agency ? unitSelect.value || null : null }));
  });

  const scopeText = unit ? `Unit ${names.units.get(unit) || unit}`
    : agency ? (names.agencies.get(agency) || agency)
      : isAdmin ? 'Semua perangkat daerah' : 'Bawahan langsung Anda';
  const caption = `Rekap ${scopeText}, siklus ${cycle.year}${period ? `, umpan balik ${periodLabel(period)}` : ''}`;
  const hrefOf = (r) => {
    if (!agency && isAdmin) return hashOf({ cycle: cycle.year, period, agency: r.agency });
    if (agency && r.unit && r.unit !== unit) return hashOf({ cycle: cycle.year, period, agency, unit: r.unit });
    return null;
  };

  fill(root,
    h('h1', {}, 'Pemantauan'),
    h('p', { class: 'lead' }, 'SKP yang disetujui, catatan kerja dan umpan balik kinerja per ',
      agency ? 'unit' : 'perangkat daerah', '. ',
      viewer.role === 'EMPLOYEE' ? 'Anda melihat bawahan langsung Anda.' : null),
    form,
    h('section', { id: 'monitoring', 'aria-labelledby': 'monitoring-title' },
      h('h2', { id: 'monitoring-title' }, scopeText),
      data.skpMonitoring.length ? countsTable(data.skpMonitoring, names, hrefOf, caption)
        : h('p', { class: 'empty' }, 'Tidak ada pegawai pada pilihan ini.')),
    h('section', { id: 'gaps', 'aria-labelledby': 'gaps-title' },
      h('h2', { id: 'gaps-title' }, 'Pegawai yang perlu ditindaklanjuti'),
      h('div', { class: 'grid-2' }, GAPS.map((g) => gapSection(g, data[g.alias], vars, names, isCurrent)))));
}
