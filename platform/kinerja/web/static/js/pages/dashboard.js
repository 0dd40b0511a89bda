// Dashboard (ADMIN, AGENCY_ADMIN): predikat distribution per agency (chart + table) with the reference curve of each
// agency's organisation predikat beside it (a second chart, a table column), curve warnings, IKM and indicator
// achievement of one period, all in one GraphQL request. Each table can be downloaded as CSV or Excel (the report's
// export, /reports/<name>.csv or .xlsx, scoped by the server as the table is). Beside each distribution its progress: how many of the
// agency's headcount are finalized (skpMonitoring); its percentages are either of the whole headcount ("dari
// seluruh pegawai") or of the people rated ("dari pegawai dinilai"), as chosen, and always labelled as which.

import { gql } from '../api.js';
import { can } from '../roles.js';
import {
  h, loading, errorBox, num, percentText, badge, periodSelect, evaluationLabel, annualPeriod, ORG_PREDIKAT,
} from '../ui.js';
import { boundPercent, boundText, boundWords, predikatLabel, rulesText } from '../curve_labels.js';
import { IKM_ROW_FIELDS, satisfactionSection } from '../satisfaction_groups.js';
import { loadChart } from '../chart_loader.js';
import { exportButtons } from '../export_buttons.js';
import { FOLLOW_UPS_FIELDS, followUpsSection } from '../follow_ups_ui.js';

export const REPORT = `query Dashboard($period: String!, $cycle: Int!, $progress: Boolean!) {
  progress: skpMonitoring(cycle: $cycle, period: $period) @include(if: $progress) { agency people finalized }
  distribution: predikatDistribution(period: $period) {
    group label total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat curveWarnings
    curveReference { predikat kind percent count limit total actual breached }
  }
  satisfaction: satisfactionByGroup(period: $period) { ${IKM_ROW_FIELDS} }
  achievement: indicatorAchievement(period: $period) {
    agency indicator measurements averageAchievement meetingTarget
  }
  indicators { code name unit }
  ${FOLLOW_UPS_FIELDS}
}`;

export const CYCLES = '{ cycles { year status periods } }';

export const PREDIKAT_COLUMNS = [
  ['sangatBaik', 'Sangat Baik', '#1e7b34'],
  ['baik', 'Baik', '#2f6fb3'],
  ['butuhPerbaikan', 'Butuh Perbaikan', '#d9a300'],
  ['kurangMisconduct', 'Kurang/Misconduct', '#d9661f'],
  ['sangatKurang', 'Sangat Kurang', '#b3261e'],
];

// the annual period of the most recent CLOSED or EVALUATION cycle, else of the latest cycle
export function defaultPeriod(cycles) {
  const byYear = [...cycles].sort((a, b) => b.year - a.year);
  const evaluated = byYear.find((c) => c.status === 'CLOSED' || c.status === 'EVALUATION');
  return annualPeriod(evaluated || byYear[0]);
}

function agencyLink(code, text) {
  return h('a', { href: `#/agency/${encodeURIComponent(code)}` }, text);
}

function numCell(col, value, digits = 2) {
  return h('td', { class: 'num', 'data-col': col, 'data-value': value === null || value === undefined ? '' : value },
    num(value, digits));
}

// the two bases of a percentage: of the whole headcount (skpMonitoring's people) or of the people rated (the
// distribution's total), each with the words that label it
export const BASES = {
  headcount: { words: 'dari seluruh pegawai', axis: 'Persen dari seluruh pegawai (%)' },
  rated: { words: 'dari pegawai dinilai', axis: 'Persen dari pegawai dinilai (%)' },
};

// a row's whole for a basis: its headcount (null when not known) or its people rated
function wholeOf(r, basis, progress) {
  if (basis === 'rated') return r.total;
  const found = progress && progress.get(r.group);
  return found ? found.people : null;
}

// a predikat's cell: the count, and its percentage of the chosen basis (the words for a screen reader; the caption
// and the note above the table say them to everyone)
function predikatCell(col, count) {
  return h('td', { class: 'num' }, h('span', { 'data-col': col, 'data-value': count }, num(count, 0)),
    h('br'), h('span', { class: 'muted pct', 'data-col': `${col}Pct`, 'data-pct': col, 'data-count': count }));
}

// how many of the headcount are finalized: a bar and its words
function progressCell(r, progress) {
  const found = progress.get(r.group);
  if (!found) return h('td', { 'data-col': 'progress', 'data-value': '' }, h('span', { class: 'muted' }, '—'));
  const words = `${num(found.finalized, 0)} dari ${num(found.people, 0)} pegawai difinalisasi `
    + `(${percentText(found.finalized, found.people)})`;
  return h('td', { 'data-col': 'progress', 'data-value': found.finalized, 'data-people': found.people },
    h('progress', { max: Math.max(found.people, 1), value: Math.min(found.finalized, found.people), 'aria-label': words }),
    h('br'), h('span', { class: 'muted' }, words));
}

function distributionTable(rows, progress) {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Perangkat Daerah'),
    h('th', { scope: 'col', class: 'num' }, 'Jumlah dinilai'),
    progress ? h('th', { scope: 'col' }, 'Kemajuan penilaian') : null,
    PREDIKAT_COLUMNS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)),
    h('th', { scope: 'col' }, 'Predikat Organisasi'), h('th', { scope: 'col' }, 'Kurva Acuan'),
    h('th', { scope: 'col' }, 'Peringatan Kurva'));
  const body = rows.map((r) => h('tr', { 'data-agency': r.group, class: r.curveWarnings.length ? 'has-warning' : null },
    h('th', { scope: 'row', 'data-col': 'label' }, agencyLink(r.group, r.label), ' ',
      h('span', { class: 'code', 'data-col': 'group' }, r.group)),
    numCell('total', r.total, 0),
    progress ? progressCell(r, progress) : null,
    PREDIKAT_COLUMNS.map(([col]) => predikatCell(col, r[col])),
    h('td', { 'data-col': 'orgPredikat', 'data-value': r.orgPredikat || '' }, badge(r.orgPredikat, ORG_PREDIKAT)),
    referenceCell(r),
    h('td', { 'data-col': 'curveWarnings', 'data-value': r.curveWarnings.length },
      r.curveWarnings.length ? h('ul', { class: 'warnings' }, r.curveWarnings.map((w) => h('li', {}, w)))
        : h('span', { class: 'muted' }, '—'))));
  let foot = null;
  if (rows.length > 1) {
    const sum = (col) => rows.reduce((acc, r) => acc + r[col], 0);
    const all = progress ? [...progress.values()].reduce((acc, p) => ({ people: acc.people + p.people,
      finalized: acc.finalized + p.finalized }), { people: 0, finalized: 0 }) : null;
    foot = h('tfoot', {}, h('tr', { class: 'total-row', 'data-agency': '' },
      h('th', { scope: 'row' }, 'Semua perangkat daerah'),
      numCell('total', sum('total'), 0),
      all ? progressCell({ group: '' }, new Map([['', all]])) : null,
      PREDIKAT_COLUMNS.map(([col]) => predikatCell(col, sum(col))),
      h('td', {}), h('td', {}), h('td', {})));
  }
  return h('div', { class: 'table-wrap' }, h('table', { id: 'distribution-table' },
    h('caption', { id: 'distribution-caption' }, 'Sebaran predikat kinerja pegawai per perangkat daerah'),
    h('thead', {}, head), h('tbody', {}, body), foot));
}

// the percentages of the table (and its caption) for a basis; the total row's whole is the sum of the rows'
function showBasis(table, rows, basis, progress) {
  const words = BASES[basis].words;
  table.querySelector('caption').textContent = 'Sebaran predikat kinerja pegawai per perangkat daerah '
    + `(jumlah orang dan persen ${words})`;
  const wholes = new Map(rows.map((r) => [r.group, wholeOf(r, basis, progress)]));
  const known = [...wholes.values()].every((w) => w !== null);
  wholes.set('', known ? [...wholes.values()].reduce((acc, w) => acc + w, 0) : null);
  for (const span of table.querySelectorAll('[data-pct]')) {
    const whole = wholes.get(span.closest('tr').dataset.agency);
    const part = Number(span.dataset.count);
    span.replaceChildren(percentText(part, whole), whole ? h('span', { class: 'visually-hidden' }, ` ${words}`) : '');
    span.dataset.basis = basis;
  }
}

// the choice of the percentages' basis (radio buttons; only when the headcount is known)
function basisChoice(basis, onChange) {
  const option = (value, label) => {
    const input = h('input', { type: 'radio', name: 'pct-basis', id: `pct-basis-${value}`, value,
      checked: value === basis, on: { change: () => { if (input.checked) onChange(value); } } });
    return h('div', { class: 'choice' }, h('label', { for: input.id }, input, ` ${label}`));
  };
  return h('fieldset', { class: 'choices', id: 'pct-basis' }, h('legend', {}, 'Persen dihitung'),
    option('headcount', 'dari seluruh pegawai (termasuk yang belum dinilai)'),
    option('rated', 'dari pegawai dinilai (penilaiannya sudah difinalisasi)'));
}

// the reference curve of a row's organisation predikat: each rule with the people it allows or needs for the row's
// headcount and how many there are (the rules come from the server: `curveReference`)
export function referenceCell(r) {
  const bounds = r.curveReference || [];
  return h('td', { 'data-col': 'curveReference', 'data-value': bounds.length },
    bounds.length
      ? [h('p', { class: 'reference-rule' }, rulesText(bounds)),
        h('ul', { class: 'reference' }, bounds.map((b) => h('li', { class: b.breached ? 'breached' : null,
          'data-breached': b.breached ? 'true' : 'false' }, boundText(b))))]
      : h('span', { class: 'muted' }, 'Belum ada predikat organisasi'));
}

// the reference beside the actual: per rule of each row with a predikat, the actual share of the rule's predikat
// and the rule's bound, two bars side by side (the same numbers are in the table's "Kurva Acuan" column)
export function referenceChart(rows, id = 'reference-chart') {
  const items = rows.flatMap((r) => (r.curveReference || []).map((b) => ({ r, b })));
  const box = h('div', { class: 'chart-box', id: `${id}-box` });
  if (!items.length) {
    box.append(h('p', { class: 'muted', id: `${id}-empty` }, 'Belum ada predikat organisasi pada periode ini, '
      + 'sehingga belum ada kurva acuan.'));
    return { box, draw() {} };
  }
  const unavailable = () => h('p', { class: 'muted' }, 'Grafik tidak tersedia; lihat kolom "Kurva Acuan" pada tabel.');
  if (!window.Chart) { // not loaded yet (the agency page): drawn once it is, or said to be unavailable
    const waiting = h('p', { class: 'muted', role: 'status' }, 'Memuat grafik…');
    box.append(waiting);
    return { box, draw: () => loadChart().then((Chart) => {
      if (!box.isConnected) return null;
      if (!Chart) { waiting.replaceWith(unavailable()); return null; }
      const chart = referenceChart(rows, id);
      box.replaceWith(chart.box);
      return chart.draw();
    }) };
  }
  const canvas = h('canvas', {
    id, role: 'img',
    'aria-label': 'Grafik batang: untuk tiap aturan kurva acuan, persentase aktual pegawai dengan predikat itu di '
      + 'samping batas acuannya; angkanya ada pada kolom "Kurva Acuan" tabel.',
  }, h('p', {}, 'Angka grafik ini ada pada kolom "Kurva Acuan" tabel sebaran predikat.'));
  box.append(canvas);
  box.style.height = `${Math.max(12, items.length * 2.2 + 5)}rem`;
  return {
    box,
    draw() {
      return new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: items.map(({ r, b }) => `${r.group} · ${predikatLabel(b.predikat)} ${boundWords(b)}`),
          datasets: [
            { label: 'Aktual (%)', data: items.map(({ b }) => (b.total ? (100 * b.actual) / b.total : 0)),
              backgroundColor: items.map(({ b }) => (b.breached ? '#b3261e' : '#2f6fb3')), borderWidth: 0 },
            { label: 'Batas acuan (%)', data: items.map(({ b }) => boundPercent(b)),
              backgroundColor: '#9aa5b1', borderWidth: 0 },
          ],
        },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { min: 0, max: 100, title: { display: true, text: 'Persen pegawai (%)' } } },
          plugins: {
            legend: { position: 'top' },
            tooltip: { callbacks: { label: (item) => (item.datasetIndex === 0
              ? `Aktual: ${num(items[item.dataIndex].b.actual, 0)} dari ${num(items[item.dataIndex].b.total, 0)} `
                + `orang (${num(item.raw, 1)} %)`
              : `Acuan: ${boundText(items[item.dataIndex].b)}`) } },
          },
        },
      });
    },
  };
}

function distributionChart(rows, basis = 'rated', progress = null) {
  const box = h('div', { class: 'chart-box' });
  if (!window.Chart) {
    box.append(h('p', { class: 'muted' }, 'Grafik tidak tersedia; lihat tabel di bawah.'));
    return { box, draw() {} };
  }
  const canvas = h('canvas', {
    id: 'distribution-chart', role: 'img',
    'aria-label': `Grafik batang bertumpuk: persentase tiap predikat kinerja per perangkat daerah ${BASES[basis].words}; `
      + 'jumlahnya ada pada tabel di bawahnya.',
    'aria-describedby': 'distribution-caption',
  }, h('p', {}, 'Angka grafik ini ada pada tabel sebaran predikat di bawahnya.'));
  box.append(canvas);
  box.style.height = `${Math.max(12, rows.length * 1.6 + 5)}rem`;
  const wholes = rows.map((r) => wholeOf(r, basis, progress));
  const share = (part, i) => (wholes[i] ? (100 * part) / wholes[i] : 0);
  const datasets = PREDIKAT_COLUMNS.map(([col, label, color]) => ({
    label,
    data: rows.map((r, i) => share(r[col], i)),
    counts: rows.map((r) => r[col]),
    backgroundColor: color,
    borderWidth: 0,
  }));
  if (basis === 'headcount') { // the rest of the headcount: not finalized (yet)
    const rest = rows.map((r, i) => Math.max(0, (wholes[i] || 0) - r.total));
    datasets.push({ label: 'Belum dinilai', data: rest.map(share), counts: rest, backgroundColor: '#c8ced6',
      borderWidth: 0 });
  }
  canvas.dataset.basis = basis;
  return {
    box,
    draw() {
      const chart = new window.Chart(canvas, {
        type: 'bar',
        data: { labels: rows.map((r) => r.group), datasets },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: { stacked: true, min: 0, max: 100, title: { display: true, text: BASES[basis].axis } },
            y: { stacked: true },
          },
          plugins: {
            legend: { position: 'top' },
            tooltip: {
              callbacks: {
                title: (items) => (items[0] ? rows[items[0].dataIndex].label : ''),
                label: (item) => `${item.dataset.label}: ${num(item.dataset.counts[item.dataIndex], 0)} orang `
                  + `(${num(item.raw, 1)} % ${BASES[basis].words})`,
              },
            },
          },
        },
      });
      return chart;
    },
  };
}

function warningsSection(rows) {
  const flagged = rows.filter((r) => r.curveWarnings.length);
  return h('section', { 'aria-labelledby': 'warnings-title', id: 'curve-warnings' },
    h('h2', { id: 'warnings-title' }, 'Peringatan kurva distribusi'),
    flagged.length
      ? flagged.map((r) => h('div', { class: 'warning', role: 'note', 'data-agency': r.group },
        h('strong', {}, agencyLink(r.group, r.label)), h('ul', { class: 'warnings' }, r.curveWarnings.map((w) => h('li', {}, w)))))
      : h('p', { class: 'empty' }, 'Tidak ada peringatan kurva pada periode ini.'));
}

function achievementTable(rows, indicatorNames, agencyNames) {
  if (!rows.length) return h('p', { class: 'empty', id: 'achievement-empty' }, 'Belum ada capaian indikator pada periode ini.');
  return h('div', { class: 'table-wrap' }, h('table', { id: 'achievement-table' },
    h('caption', {}, 'Capaian indikator per perangkat daerah'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Perangkat Daerah'), h('th', { scope: 'col' }, 'Indikator'),
      h('th', { scope: 'col', class: 'num' }, 'Pengukuran'), h('th', { scope: 'col', class: 'num' }, 'Rata-rata capaian (%)'),
      h('th', { scope: 'col', class: 'num' }, 'Mencapai target'))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-agency': r.agency, 'data-indicator': r.indicator },
      h('td', { 'data-col': 'agency' }, agencyLink(r.agency, agencyNames.get(r.agency) || r.agency)),
      h('td', { 'data-col': 'indicator' }, indicatorNames.get(r.indicator) || r.indicator, ' ',
        h('span', { class: 'code' }, r.indicator)),
      numCell('measurements', r.measurements, 0),
      numCell('averageAchievement', r.averageAchievement, 2),
      numCell('meetingTarget', r.meetingTarget, 0))))));
}

// the export of a report of the period: "Unduh CSV" and "Unduh Excel" (`extra()`: more parameters at the click)
function reportExport(id, name, period, what, extra = () => ({})) {
  const url = () => `/reports/${name}.csv?${new URLSearchParams({ period, ...extra() }).toString()}`;
  return exportButtons({ id, csvUrl: url, what, fallback: `${name}-${period}` }).element;
}

export async function render(root, params, ctx) {
  const scope = ctx.viewer && ctx.viewer.agency ? ctx.viewer.agency.name : 'Semua perangkat daerah';
  document.title = 'Dasbor · Kinerja';
  if (!can(ctx.viewer, 'dashboard')) {
    root.replaceChildren(h('h1', {}, 'Dasbor'), errorBox('Dasbor hanya untuk admin dan admin perangkat daerah.'),
      h('p', {}, h('a', { href: ctx.home }, 'Ke halaman Anda')));
    return;
  }
  loading(root);
  const started = performance.now();
  const chartReady = loadChart(); // alongside the data: the charts need it once the data is in
  let cycles = ctx.cycles;
  try {
    if (!cycles || !cycles.length) cycles = (await gql(CYCLES)).cycles;
  } catch (err) {
    if (!ctx.isCurrent()) return;
    root.replaceChildren(h('h1', {}, 'Dasbor'), errorBox(err));
    return;
  }
  const allPeriods = cycles.flatMap((c) => c.periods);
  const requested = params.query.get('period');
  const period = requested && allPeriods.includes(requested) ? requested : defaultPeriod(cycles);
  const header = [h('h1', {}, 'Dasbor'), h('p', { class: 'lead' }, scope)];
  if (!period) {
    root.replaceChildren(...header, h('p', { class: 'empty' }, 'Belum ada siklus penilaian.'));
    return;
  }
  const chooser = h('div', { class: 'field-inline' },
    periodSelect('dashboard-period', cycles, period,
      (p) => ctx.navigate(`#/dashboard?period=${encodeURIComponent(p)}`)));
  root.replaceChildren(...header, chooser, h('p', { class: 'loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Memuat…'));

  // the progress beside the distribution: of the period's evaluation (a last quarter or month is evaluated with the
  // year, and has no distribution of its own to stand beside)
  const withProgress = !/-(Q4|12)$/.test(period);
  let data;
  try {
    data = await gql(REPORT, { period, cycle: Number(period.slice(0, 4)), progress: withProgress });
  } catch (err) {
    if (!ctx.isCurrent()) return;
    root.replaceChildren(...header, chooser, errorBox(err));
    return;
  }
  await chartReady; // window.Chart, or none: the charts then say so and the tables remain
  if (!ctx.isCurrent()) return;
  performance.mark('kinerja:dashboard-data');

  const rows = data.distribution;
  const progress = data.progress ? new Map(data.progress.map((r) => [r.agency,
    { people: r.people, finalized: r.finalized }])) : null;
  const indicatorNames = new Map(data.indicators.map((i) => [i.code, i.name]));
  const agencyNames = new Map([...rows, ...data.satisfaction].map((r) => [r.group, r.label]));
  let basis = progress ? 'headcount' : 'rated';
  let chart = distributionChart(rows, basis, progress);
  let drawn = null;
  const chartSlot = h('div', { id: 'distribution-chart-slot' }, chart.box);
  const reference = referenceChart(rows);
  const table = rows.length ? distributionTable(rows, progress) : null;
  const basisNote = h('p', { class: 'muted', id: 'distribution-basis' });
  const showNote = () => {
    basisNote.textContent = basis === 'headcount'
      ? 'Persen dihitung dari seluruh pegawai perangkat daerah, termasuk yang penilaiannya belum difinalisasi.'
      : 'Persen dihitung dari pegawai dinilai saja: pegawai yang penilaiannya sudah difinalisasi.';
  };
  const choose = (next) => {
    basis = next;
    showNote();
    showBasis(table, rows, basis, progress);
    if (drawn) drawn.destroy();
    chart = distributionChart(rows, basis, progress);
    chartSlot.replaceChildren(chart.box);
    drawn = chart.draw() || null;
  };
  if (table) {
    showNote();
    showBasis(table, rows, basis, progress);
  }
  const all = progress ? [...progress.values()].reduce((acc, p) => ({ people: acc.people + p.people,
    finalized: acc.finalized + p.finalized }), { people: 0, finalized: 0 }) : null;
  const ikm = satisfactionSection(data.satisfaction, period, scope, ctx.isCurrent);
  const groupBy = ikm.querySelector('#ikm-group-by');
  ikm.append(reportExport('satisfaction-download', 'satisfaction-by-group', period, 'IKM',
    () => ({ groupBy: groupBy ? groupBy.value : 'AGENCY' })));
  const content = [
    h('section', { 'aria-labelledby': 'distribution-title' },
      h('h2', { id: 'distribution-title' }, `Sebaran predikat kinerja · ${evaluationLabel(period)}`),
      rows.length ? reportExport('distribution-download', 'predikat-distribution', period, 'sebaran predikat') : null,
      all ? h('p', { id: 'distribution-progress' }, `Kemajuan penilaian: ${num(all.finalized, 0)} dari `
        + `${num(all.people, 0)} pegawai difinalisasi (${percentText(all.finalized, all.people)}).`) : null,
      rows.length ? [progress ? basisChoice(basis, choose) : null, basisNote, chartSlot,
        h('h3', { id: 'reference-title' }, 'Kurva acuan di samping sebaran aktual'), reference.box,
        table]
        : h('p', { class: 'empty', id: 'distribution-empty' }, 'Belum ada penilaian yang difinalisasi pada periode ini.')),
    warningsSection(rows),
    ikm,
    h('section', { 'aria-labelledby': 'achievement-title' }, h('h2', { id: 'achievement-title' }, 'Capaian indikator'),
      data.achievement.length
        ? reportExport('achievement-download', 'indicator-achievement', period, 'capaian indikator') : null,
      achievementTable(data.achievement, indicatorNames, agencyNames)),
    followUpsSection(data.followUps, period,
      reportExport('follow-ups-download', 'follow-ups', period, 'daftar tindak lanjut')),
  ];
  root.replaceChildren(...header, chooser, ...content);
  performance.mark('kinerja:dashboard-tables');
  if (rows.length) { drawn = chart.draw() || null; reference.draw(); }
  root.setAttribute('data-rendered-ms', String(Math.round(performance.now() - started)));
  performance.mark('kinerja:dashboard-rendered');
}
