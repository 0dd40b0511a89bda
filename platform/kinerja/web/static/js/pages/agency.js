// Agency page: name, headcount, units as a tree, organisation predikat per period, each unit's own organisation
// predikat of a period (unit_org_predikat.js: set by the level above, with the units' spread beside the reference
// curve), for report readers the people rated low in a row and the talent list (follow_up_lists.js), for ADMIN and the
// agency's admin a link to its functional posts' credit-point coefficients (pages/functional_posts.js), and its people with search and keyset paging (one request to open, one per search or page).

import { gql } from '../api.js';
import { h, fill, loading, errorBox, num, badge, periodLabel, isoDateText, unitHref, ORG_PREDIKAT } from '../ui.js';
import { UNIT_ORG_FIELD, UNIT_ROWS, readsUnitRows, unitOrgSection } from '../unit_org_predikat.js';
import { actingSection } from '../assignment_ui.js';
import { can } from '../roles.js';
import { unitAdminSection, unitEditControl } from '../unit_admin.js';
import { orgPredikatSection } from '../org_predikat_ui.js';
import { servicePopulationSection } from '../service_population_ui.js';
import { personCreateSection } from '../person_create.js';
import { agencyDocumentsSection } from '../document_ui.js';
import { LOW_FIELDS, TALENT_FIELDS, lowPredikatSection, talentSection, talentYear } from '../follow_up_lists.js';
import { CREDIT_FIELDS, creditPointsSection, creditYear } from '../credit_points_ui.js';

const PAGE_SIZE = 25;
export const CYCLES = '{ cycles { year status periods evaluationPeriods } }';

const PEOPLE_FIELDS = `people(filter: {agency: $code, search: $search, includeDeparted: $departed}, first: ${PAGE_SIZE},
    after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { nip name position employmentType unit { code name } departed leftAt leftReason } }
  }`;

export const PEOPLE = `query AgencyPeople($code: String!, $search: String, $departed: Boolean!, $after: String) {
  ${PEOPLE_FIELDS} }`;

// the agency with one orgPredikat alias per period, its units with their own predikat of $unitPeriod (and their
// spread, for report readers: unit_org_predikat.js), and the first page of its people
function agencyQuery(periods) {
  const vars = periods.map((_, i) => `$p${i}: String!`).join(', ');
  const aliases = periods.map((_, i) => `o${i}: orgPredikat(period: $p${i})`).join(' ');
  return `query Agency($code: String!, $search: String, $departed: Boolean!, $after: String, $unitPeriod: String!, $reports: Boolean!, $talentYear: String!, $creditYear: Int!${vars ? ', ' + vars : ''}) {
  agency(code: $code) { code name headcount units(first: 1000) { code name parent { code } ${UNIT_ORG_FIELD} } ${aliases} }
  ${UNIT_ROWS}
  ${LOW_FIELDS}
  ${TALENT_FIELDS}
  ${CREDIT_FIELDS}
  ${PEOPLE_FIELDS}
}`;
}

// each unit links to its page (pages/unit.js); `control(u)`: what follows its name ("Ubah" for 'managesUnits')
function unitTree(agencyCode, units, control = () => null) {
  if (!units.length) return h('p', { class: 'empty' }, 'Belum ada unit.');
  const codes = new Set(units.map((u) => u.code));
  const children = new Map();
  for (const u of units) {
    const parent = u.parent && codes.has(u.parent.code) ? u.parent.code : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(u);
  }
  const branch = (parent, depth) => {
    const list = children.get(parent) || [];
    if (!list.length || depth > 20) return null;
    return h('ul', { class: depth === 0 ? 'tree root' : 'tree' }, list.map((u) => h('li', { 'data-unit': u.code },
      h('a', { href: unitHref(agencyCode, u.code) }, u.name), ' ',
      h('span', { class: 'code' }, u.code), ' ', control(u), branch(u.code, depth + 1))));
  };
  return h('details', { class: 'card', open: units.length <= 30 },
    h('summary', {}, `${num(units.length, 0)} unit kerja`), branch('', 0));
}

function orgPredikatTable(agency, periods) {
  return h('div', { class: 'table-wrap' }, h('table', { id: 'org-predikat-table' },
    h('caption', {}, 'Predikat kinerja organisasi per periode'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Periode'), h('th', { scope: 'col' }, 'Predikat'))),
    h('tbody', {}, periods.map((p, i) => h('tr', { 'data-period': p },
      h('th', { scope: 'row' }, periodLabel(p)),
      h('td', { 'data-col': 'orgPredikat', 'data-value': agency[`o${i}`] || '' },
        agency[`o${i}`] ? badge(agency[`o${i}`], ORG_PREDIKAT) : h('span', { class: 'muted' }, 'Belum ditetapkan')))))));
}

// the period the units' predikat opens on: ?period= when it is an evaluation period, else the year of the newest
// cycle still open (its predikat can be set), else the newest year
function unitPeriod(cycles, params) {
  const sorted = [...cycles].sort((a, b) => b.year - a.year);
  const all = sorted.flatMap((c) => c.evaluationPeriods || c.periods);
  const asked = params.query && params.query.get('period');
  if (asked && all.includes(asked)) return asked;
  const open = sorted.find((c) => c.status !== 'CLOSED') || sorted[0];
  const periods = open.evaluationPeriods || open.periods;
  return periods.includes(String(open.year)) ? String(open.year) : periods[periods.length - 1];
}

export async function render(root, params, ctx) {
  const code = params.code;
  document.title = `${code} · Kinerja`;
  loading(root);
  let cycles = ctx.cycles;
  let data;
  try {
    if (!cycles || !cycles.length) cycles = (await gql(CYCLES)).cycles;
    const periods = [...cycles].sort((a, b) => b.year - a.year).flatMap((c) => c.evaluationPeriods || c.periods);  // the organisation predikat: evaluations only
    // without an evaluation period (no cycle yet) there is no unit predikat nor spread to read
    const variables = { code, search: null, departed: false, after: null, unitPeriod: periods.length ? unitPeriod(cycles, params) : '',
      reports: Boolean(periods.length) && readsUnitRows(ctx.viewer), talentYear: talentYear(cycles),
      creditYear: creditYear(cycles) };
    periods.forEach((p, i) => { variables[`p${i}`] = p; });
    data = await gql(agencyQuery(periods), variables);
    data.periods = periods;
    data.cycles = cycles;
  } catch (err) {
    if (!ctx.isCurrent()) return;
    root.replaceChildren(h('h1', {}, `Perangkat daerah ${code}`), errorBox(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  const agency = data.agency;
  if (!agency) {
    root.replaceChildren(h('h1', {}, `Perangkat daerah ${code}`),
      errorBox('Perangkat daerah tidak ditemukan atau di luar akses Anda.'));
    return;
  }
  document.title = `${agency.name} · Kinerja`;

  // people list with search and paging; `cursors` holds the `after` of each page shown before this one
  let search = null;
  let departed = false;  // people who left the service listed too (includeDeparted)
  let cursors = [];
  let after = null;
  const peopleBox = h('div', { id: 'people' });
  const searchInput = h('input', { id: 'people-search', name: 'search', type: 'search', maxlength: '100',
    autocomplete: 'off' });
  const searchForm = h('form', { class: 'field-inline', role: 'search', 'aria-label': 'Cari pegawai' },
    h('div', { class: 'field' }, h('label', { for: 'people-search' }, 'Cari nama atau NIP',
      h('span', { class: 'muted' }, ' (juga jabatan atau unit)')), searchInput),
    h('div', { class: 'field field-check' }, h('label', { for: 'people-departed' },
      h('input', { id: 'people-departed', name: 'departed', type: 'checkbox' }),
      ' Termasuk yang sudah pensiun atau nonaktif')),
    h('button', { type: 'submit' }, 'Cari'));

  const showPeople = (conn) => {
    const prev = h('button', { type: 'button', class: 'button-secondary', id: 'people-prev', disabled: !cursors.length,
      on: { click: () => { after = cursors.pop(); loadPeople(); } } }, 'Sebelumnya');
    const next = h('button', { type: 'button', class: 'button-secondary', id: 'people-next',
      disabled: !conn.pageInfo.hasNextPage,
      on: { click: () => { cursors.push(after); after = conn.pageInfo.endCursor; loadPeople(); } } }, 'Berikutnya');
    const first = cursors.length * PAGE_SIZE + 1;
    const last = cursors.length * PAGE_SIZE + conn.edges.length;
    const summary = conn.totalCount
      ? `Menampilkan ${num(first, 0)}–${num(last, 0)} dari ${num(conn.totalCount, 0)} pegawai`
      : 'Tidak ada pegawai yang cocok.';
    fill(peopleBox,
      h('p', { id: 'people-summary', role: 'status', 'data-total': conn.totalCount }, summary),
      conn.edges.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'people-table' },
        h('caption', { class: 'visually-hidden' }, 'Daftar pegawai'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Nama'), h('th', { scope: 'col' }, 'NIP'),
          h('th', { scope: 'col' }, 'Jabatan'), h('th', { scope: 'col' }, 'Jenis'), h('th', { scope: 'col' }, 'Unit'))),
        h('tbody', {}, conn.edges.map(({ node }) => h('tr', { 'data-nip': node.nip },
          h('td', { 'data-col': 'name' }, h('a', { href: `#/person/${encodeURIComponent(node.nip)}` }, node.name),
            node.departed ? [' ', h('span', { class: 'badge badge-inactive', 'data-col': 'departed' },
              `tidak aktif sejak ${isoDateText(node.leftAt) || '—'}`)] : null),
          h('td', { 'data-col': 'nip', class: 'code' }, node.nip),
          h('td', { 'data-col': 'position' }, node.position),
          h('td', { 'data-col': 'employmentType' }, node.employmentType),
          h('td', { 'data-col': 'unit' }, node.unit ? h('a', { href: unitHref(code, node.unit.code) }, node.unit.name)
            : '—')))))) : null,
      h('div', { class: 'pager' }, prev, next));
  };

  let peopleSeq = 0;
  const loadPeople = async () => {
    const seq = ++peopleSeq;
    peopleBox.setAttribute('aria-busy', 'true');
    peopleBox.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const result = await gql(PEOPLE, { code, search, departed, after });
      if (!ctx.isCurrent() || seq !== peopleSeq) return;
      showPeople(result.people);
    } catch (err) {
      if (!ctx.isCurrent() || seq !== peopleSeq) return;
      peopleBox.replaceChildren(errorBox(err));
    } finally {
      if (seq === peopleSeq) peopleBox.removeAttribute('aria-busy');
    }
  };

  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    search = searchInput.value.trim() || null;
    departed = searchForm.elements.departed.checked;
    cursors = [];
    after = null;
    loadPeople();
  });

  const managesUnits = can(ctx.viewer, 'managesUnits');
  const reload = () => { if (ctx.isCurrent()) ctx.navigate(location.hash); };  // the page read again
  fill(root,
    h('h1', {}, agency.name),
    h('dl', { class: 'facts card', id: 'agency-facts' },
      h('dt', {}, 'Kode'), h('dd', { 'data-col': 'code' }, agency.code),
      h('dt', {}, 'Jumlah pegawai'), h('dd', { 'data-col': 'headcount', 'data-value': agency.headcount },
        num(agency.headcount, 0)),
      h('dt', {}, 'Jumlah unit'), h('dd', { 'data-col': 'units' }, num(agency.units.length, 0))),
    h('div', { class: 'grid-2' },
      h('section', { 'aria-labelledby': 'units-title' }, h('h2', { id: 'units-title' }, 'Unit kerja'),
        unitTree(agency.code, agency.units, managesUnits ? (u) => unitEditControl(agency.code, u, agency.units, ctx, reload)
          : undefined),
        managesUnits ? unitAdminSection(agency.code, agency.units, ctx, reload) : null),
      h('section', { 'aria-labelledby': 'org-title' }, h('h2', { id: 'org-title' }, 'Predikat organisasi'),
        orgPredikatTable(agency, data.periods))),
    can(ctx.viewer, 'setsOrgPredikat') ? orgPredikatSection(agency.code, data.cycles, ctx) : null,
    can(ctx.viewer, 'readsReports') ? agencyDocumentsSection(agency.code, data.periods) : null,
    data.low ? lowPredikatSection(agency.code, data.low) : null,
    data.talent ? talentSection(agency.code, data.cycles, data.talent) : null,
    data.credit ? creditPointsSection(agency.code, data.cycles, data.credit) : null,
    // the functional posts' credit-point coefficients, set or cleared (pages/functional_posts.js)
    can(ctx.viewer, 'setsCreditCoefficients') ? h('p', {}, h('a', { id: 'functional-posts-link',
      href: `#/jabatan/${encodeURIComponent(agency.code)}` }, 'Jabatan fungsional: koefisien angka kredit tahunan'))
      : null,
    // did development work? the agency's IKM, predikat and hours per year (pages/impact.js)
    can(ctx.viewer, 'readsReports') ? h('p', {}, h('a', { id: 'impact-link', href: `#/dampak/${encodeURIComponent(agency.code)}` },
      'Dampak pengembangan kompetensi: IKM, predikat dan jam pelatihan per tahun')) : null,
    can(ctx.viewer, 'managesPeople') ? actingSection(agency.code, ctx) : null,
    can(ctx.viewer, 'setsServicePopulation')
      ? servicePopulationSection(agency.code, agency.name, agency.units, ctx) : null,
    data.periods.length ? unitOrgSection(agency.code, data.periods, unitPeriod(data.cycles, params), ctx,
      { units: agency.units, rows: data.unitRows }) : null,
    h('section', { 'aria-labelledby': 'people-title' }, h('h2', { id: 'people-title' }, 'Pegawai'),
      can(ctx.viewer, 'managesPeople') ? h('p', {}, h('a', { id: 'people-import-link',
        href: `#/pegawai/impor?agency=${encodeURIComponent(agency.code)}` }, 'Impor atau ekspor pegawai (CSV/Excel)'))
        : null,
      can(ctx.viewer, 'managesPeople') ? personCreateSection(agency.code, agency.units, ctx) : null,
      searchForm, peopleBox));
  showPeople(data.people);
}

// every document agencyQuery() can make (no period to 13: 12 months and the year), for the trusted documents'
// manifest (web/collect_documents.mjs)
export const DOCUMENTS = Array.from({ length: 14 }, (_, n) => agencyQuery(Array(n).fill('')));
