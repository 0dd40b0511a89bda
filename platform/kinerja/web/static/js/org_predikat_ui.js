// The agency page's "Tetapkan predikat organisasi" (ADMIN, 'setsOrgPredikat'): per period of the cycle under
// evaluation (else the newest cycle still open), the agency's organisation predikat now, a choice of the five and
// Simpan (setOrgPredikat), and beside it the reference curve of the chosen predikat (curveRules: the server's rules,
// said in words by curve_labels.js) against the actual spread of the period's finalized ratings (predikatDistribution)
// as a small table. A saved predikat also shows the server's verdict of each rule (its curveReference), and each
// period "Unduh dokumen kurva distribusi (PDF)": the official document of that curve (/documents/kurva/<agency>/
// <period>.pdf, fetched with the session's bearer header, download.js). Folded until opened, so that the agency page
// still opens with one request.

import { gql } from './api.js';
import { h, fill, errorBox, num, badge, periodLabel, percentText, ORG_PREDIKAT, CYCLE_STAGE } from './ui.js';
import { predikatLabel, boundWords } from './curve_labels.js';
import { isCurrentOf, sendMutation } from './forms.js';
import { downloadFile } from './download.js';

const COUNTS = { SANGAT_BAIK: 'sangatBaik', BAIK: 'baik', BUTUH_PERBAIKAN: 'butuhPerbaikan',
  KURANG_MISCONDUCT: 'kurangMisconduct', SANGAT_KURANG: 'sangatKurang' };
const ROW = `group total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat
  curveReference { predikat kind percent count limit total actual breached }`;
export const SET = `mutation($agency: String!, $period: String!, $predikat: OrgPredikat!) {
  setOrgPredikat(agency: $agency, period: $period, predikat: $predikat) {
    agency { code orgPredikat(period: $period) } errors { path code message } } }`;

function query(periods) {
  const vars = periods.map((_, i) => `$p${i}: String!`).join(', ');
  return `query OrgPredikat($code: String!, ${vars}) {
  curveRules { orgPredikat rules { predikat kind percent count } }
  agency(code: $code) { ${periods.map((_, i) => `o${i}: orgPredikat(period: $p${i})`).join(' ')} }
  ${periods.map((_, i) => `d${i}: predikatDistribution(period: $p${i}, groupBy: AGENCY, agency: $code) { ${ROW} }`)
    .join('\n  ')}
}`;
}

// every document query() can make (a cycle has at most 13 periods: 12 months and the year), for the trusted
// documents' manifest (web/collect_documents.mjs)
export const DOCUMENTS = Array.from({ length: 13 }, (_, n) => query(Array(n + 1).fill('')));

// the cycle whose organisation predikat is due: the one under evaluation, else the newest that is not closed
export function cycleUnderEvaluation(cycles) {
  const byYear = [...(cycles || [])].sort((a, b) => b.year - a.year);
  return byYear.find((c) => c.status === 'EVALUATION') || byYear.find((c) => c.status !== 'CLOSED') || null;
}

// what the server said of a saved rule for this headcount
function verdict(b) {
  if (b.kind === 'MAXIMUM') return b.breached ? 'Melampaui acuan' : 'Sesuai acuan';
  if (b.breached) return 'Tidak dapat terpenuhi lagi';
  return b.actual >= b.limit ? 'Terpenuhi' : 'Belum terpenuhi';
}

// the reference curve of `predikat` beside the actual spread `row` (null: nobody rated yet)
function curveTable(period, predikat, saved, rules, row) {
  const total = row ? row.total : 0;
  // the server's verdict of each rule, for the saved predikat (matched by the rule, not by its place)
  const key = (r) => [r.kind, r.predikat.join('+'), r.percent, r.count].join('|');
  const own = new Map(predikat === saved && row && row.orgPredikat === saved
    ? (row.curveReference || []).map((b) => [key(b), b]) : []);
  const caption = predikat
    ? `Kurva acuan ${ORG_PREDIKAT[predikat]} dan sebaran aktual · ${periodLabel(period)}`
      + (predikat !== saved ? ' (pratinjau, belum disimpan)' : '')
    : `Sebaran aktual · ${periodLabel(period)}`;
  const actual = (list) => {
    const n = list.reduce((sum, p) => sum + (row ? row[COUNTS[p]] || 0 : 0), 0);
    return `${num(n, 0)} dari ${num(total, 0)} (${percentText(n, total)})`;
  };
  return h('div', { class: 'table-wrap' }, h('table', { class: 'org-curve', id: `org-curve-${period}` },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Predikat pegawai'), h('th', { scope: 'col' }, 'Kurva acuan'),
      h('th', { scope: 'col' }, 'Sebaran aktual'), h('th', { scope: 'col' }, 'Keterangan'))),
    h('tbody', {},
      predikat && rules.length ? rules.map((rule, i) => h('tr', { 'data-rule': i },
        h('th', { scope: 'row', 'data-col': 'predikat' }, predikatLabel(rule.predikat)),
        h('td', { 'data-col': 'reference' }, boundWords(rule)),
        h('td', { 'data-col': 'actual' }, actual(rule.predikat)),
        h('td', { 'data-col': 'state' }, own.has(key(rule)) ? verdict(own.get(key(rule)))
          : h('span', { class: 'muted' }, predikat === saved ? 'Belum ada penilaian' : 'Diperiksa setelah disimpan'))))
        : h('tr', {}, h('td', { colspan: 4, class: 'muted' },
          predikat ? 'Predikat ini tanpa aturan sebaran.' : 'Pilih predikat untuk melihat kurva acuannya.'))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Sebaran aktual'), h('td', { colspan: 3, 'data-col': 'spread' },
      total ? Object.entries(COUNTS).map(([p, col]) => `${predikatLabel([p])} ${num(row[col], 0)}`).join(' · ')
        + ` (dinilai ${num(total, 0)} pegawai)`
        : 'Belum ada penilaian yang difinalisasi pada periode ini.')))));
}

// the official distribution-curve document of the agency for the period (services/documents/kurva.py)
export function kurvaDownload(agency, period, unit = null) {
  const id = unit ? `kurva-pdf-${unit}-${period}` : `kurva-pdf-${period}`;
  const status = h('div', { 'aria-live': 'polite', class: 'export-status' });
  const button = h('button', { type: 'button', class: 'button-secondary', id },
    'Unduh dokumen kurva distribusi (PDF)');
  const query = unit ? `?${new URLSearchParams({ unit }).toString()}` : '';
  button.addEventListener('click', () => downloadFile(
    `/documents/kurva/${encodeURIComponent(agency)}/${encodeURIComponent(period)}.pdf${query}`,
    `kurva-${agency}${unit ? `-${unit}` : ''}-${period}.pdf`, status, button, id));
  return h('div', { class: 'export kurva-document' }, h('div', { class: 'actions' }, button), status);
}

function periodCard(agency, period, saved, rules, row, isCurrent, onSaved) {
  const byPredikat = new Map(rules.map((c) => [c.orgPredikat, c.rules]));
  const id = `org-set-${period}`;
  const select = h('select', { id, name: 'predikat' },
    saved ? null : h('option', { value: '' }, '— Pilih predikat —'),
    Object.entries(ORG_PREDIKAT).map(([value, label]) => h('option', { value, selected: value === saved }, label)));
  select.value = saved || '';
  const curveBox = h('div', { class: 'org-curve-box' });
  const showCurve = () => fill(curveBox, curveTable(period, select.value || null, saved, byPredikat.get(select.value)
    || [], row));
  select.addEventListener('change', showCurve);
  const button = h('button', { type: 'submit' }, 'Simpan');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'field-inline', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, `Predikat organisasi ${periodLabel(period)}`), select),
    button, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!select.value) {
      status.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, 'Pilih salah satu predikat organisasi.'));
      return;
    }
    const busy = { button, status, isCurrent, busyText: 'Menyimpan…',
      failure: () => errorBox('Predikat tidak dapat disimpan: periksa koneksi lalu coba lagi.') };
    const data = await sendMutation(busy, SET, { agency, period, predikat: select.value });
    if (!data) return;
    const answer = data.setOrgPredikat;
    if (answer.errors.length) {
      status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Belum disimpan.'),
        h('ul', {}, answer.errors.map((e) => h('li', { 'data-code': e.code }, e.message)))));
      return;
    }
    onSaved(period, answer.agency.orgPredikat);
  });
  showCurve();
  return h('article', { class: 'card', 'data-org-period': period },
    h('h3', {}, periodLabel(period)),
    h('p', {}, 'Predikat saat ini: ', h('span', { 'data-col': 'current', 'data-value': saved || '' },
      saved ? badge(saved, ORG_PREDIKAT) : h('span', { class: 'muted' }, 'Belum ditetapkan'))),
    form, curveBox, kurvaDownload(agency, period));
}

// the section: `cycles` as the viewer's query read them; the table of the agency page (#org-predikat-table) follows a
// saved predikat
export function orgPredikatSection(agency, cycles, ctx) {
  const isCurrent = isCurrentOf(ctx);
  const cycle = cycleUnderEvaluation(cycles);
  const box = h('div', { id: 'org-set' });
  // folded until opened: the agency page opens with its own one request, this section's is read on demand
  const details = h('details', { class: 'card', id: 'org-set-details' },
    h('summary', {}, h('h2', { id: 'org-set-title', class: 'summary-title' }, 'Tetapkan predikat organisasi')), box);
  const section = h('section', { 'aria-labelledby': 'org-set-title' }, details);
  if (!cycle) {
    box.append(h('p', { class: 'empty' }, 'Tidak ada siklus yang terbuka: predikat organisasi tidak dapat ditetapkan.'));
    return section;
  }
  const periods = cycle.evaluationPeriods || cycle.periods;
  let notice = null;
  const load = async () => {
    box.setAttribute('aria-busy', 'true');
    const variables = { code: agency };
    periods.forEach((p, i) => { variables[`p${i}`] = p; });
    try {
      const data = await gql(query(periods), variables);
      if (!isCurrent()) return;
      const onSaved = (period, value) => {
        notice = `Predikat organisasi ${periodLabel(period)} disimpan: ${ORG_PREDIKAT[value] || 'predikat baru'}.`;
        const cell = document.querySelector(`#org-predikat-table tr[data-period="${period}"] [data-col="orgPredikat"]`);
        if (cell) { cell.dataset.value = value; cell.replaceChildren(badge(value, ORG_PREDIKAT)); }
        load();
      };
      fill(box,
        h('p', { class: 'muted' }, `Siklus ${cycle.year} (tahap ${CYCLE_STAGE[cycle.status] || 'yang tidak dikenal'}). `
          + 'Predikat kinerja organisasi perangkat daerah ditetapkan oleh Admin BKPSDM; sebaran predikat pegawai '
          + 'dibandingkan dengan kurva acuan predikat itu.'),
        notice ? h('p', { class: 'notice', role: 'status', id: 'org-set-notice' }, notice) : null,
        periods.map((p, i) => periodCard(agency, p, data.agency ? data.agency[`o${i}`] : null, data.curveRules,
          (data[`d${i}`] || []).find((r) => r.group === agency) || null, isCurrent, onSaved)));
      notice = null;
    } catch (err) {
      if (isCurrent()) box.replaceChildren(errorBox(err));
    } finally {
      box.removeAttribute('aria-busy');
    }
  };
  details.addEventListener('toggle', () => { if (details.open && !box.childNodes.length) load(); });
  return section;
}
