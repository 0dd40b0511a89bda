// Dashboard (ADMIN, AGENCY_ADMIN): predikat distribution per agency (chart + table) with the reference curve of each
// agency's organisation predikat beside it (a second chart, a table column), curve warnings, IKM and indicator
// achievement of one period, all in one GraphQL request.

import { gql } from '../api.js';
import { can } from '../roles.js';
import {
  h, loading, errorBox, num, badge, periodSelect, evaluationLabel, annualPeriod, ORG_PREDIKAT,
} from '../ui.js';
import { boundPercent, boundText, boundWords, predikatLabel, rulesText } from '../curve_labels.js';
import { IKM_ROW_FIELDS, satisfactionSection } from '../satisfaction_groups.js';

const REPORT = `query Dashboard($period: String!) {
  distribution: predikatDistribution(period: $period) {
    group label total sangatBaik baik butuhPerbaikan kurangMisconduct sangatKurang orgPredikat curveWarnings
    curveReference { predikat kind percent count limit total actual breached }
  }
  satisfaction: satisfactionByGroup(period: $period) { ${IKM_ROW_FIELDS} }
  achievement: indicatorAchievement(period: $period) {
    agency indicator measurements averageAchievement meetingTarget
  }
  indicators { code name unit }
}`;

const CYCLES = '{ cycles { year status periods } }';

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

function distributionTable(rows) {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Perangkat Daerah'),
    h('th', { scope: 'col', class: 'num' }, 'Jumlah'),
    PREDIKAT_COLUMNS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)),
    h('th', { scope: 'col' }, 'Predikat Organisasi'), h('th', { scope: 'col' }, 'Kurva Acuan'),
    h('th', { scope: 'col' }, 'Peringatan Kurva'));
  const body = rows.map((r) => h('tr', { 'data-agency': r.group, class: r.curveWarnings.length ? 'has-warning' : null },
    h('th', { scope: 'row', 'data-col': 'label' }, agencyLink(r.group, r.label), ' ',
      h('span', { class: 'code', 'data-col': 'group' }, r.group)),
    numCell('total', r.total, 0),
    PREDIKAT_COLUMNS.map(([col]) => numCell(col, r[col], 0)),
    h('td', { 'data-col': 'orgPredikat', 'data-value': r.orgPredikat || '' }, badge(r.orgPredikat, ORG_PREDIKAT)),
    referenceCell(r),
    h('td', { 'data-col': 'curveWarnings', 'data-value': r.curveWarnings.length },
      r.curveWarnings.length ? h('ul', { class: 'warnings' }, r.curveWarnings.map((w) => h('li', {}, w)))
        : h('span', { class: 'muted' }, '—'))));
  let foot = null;
  if (rows.length > 1) {
    const sum = (col) => rows.reduce((acc, r) => acc + r[col], 0);
    foot = h('tfoot', {}, h('tr', { class: 'total-row' }, h('th', { scope: 'row' }, 'Semua perangkat daerah'),
      numCell('total', sum('total'), 0), PREDIKAT_COLUMNS.map(([col]) => numCell(col, sum(col), 0)),
      h('td', {}), h('td', {}), h('td', {})));
  }
  return h('div', { class: 'table-wrap' }, h('table', { id: 'distribution-table' },
    h('caption', { id: 'distribution-caption' }, 'Sebaran predikat kinerja pegawai per perangkat daerah (jumlah orang)'),
    h('thead', {}, head), h('tbody', {}, body), foot));
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
  if (!window.Chart) {
    box.append(h('p', { class: 'muted' }, 'Grafik tidak tersedia; lihat kolom "Kurva Acuan" pada tabel.'));
    return { box, draw() {} };
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

function distributionChart(rows) {
  const box = h('div', { class: 'chart-box' });
  if (!window.Chart) {
    box.append(h('p', { class: 'muted' }, 'Grafik tidak tersedia; lihat tabel di bawah.'));
    return { box, draw() {} };
  }
  const canvas = h('canvas', {
    id: 'distribution-chart', role: 'img',
    'aria-label': 'Grafik batang bertumpuk: persentase tiap predikat kinerja per perangkat daerah; jumlahnya ada pada tabel di bawahnya.',
    'aria-describedby': 'distribution-caption',
  }, h('p', {}, 'Angka grafik ini ada pada tabel sebaran predikat di bawahnya.'));
  box.append(canvas);
  box.style.height = `${Math.max(12, rows.length * 1.6 + 5)}rem`;
  return {
    box,
    draw() {
      const chart = new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: rows.map((r) => r.group),
          datasets: PREDIKAT_COLUMNS.map(([col, label, color]) => ({
            label,
            data: rows.map((r) => (r.total ? (100 * r[col]) / r.total : 0)),
            counts: rows.map((r) => r[col]),
            backgroundColor: color,
            borderWidth: 0,
          })),
        },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: { stacked: true, min: 0, max: 100, title: { display: true, text: 'Persen pegawai yang dinilai (%)' } },
            y: { stacked: true },
          },
          plugins: {
            legend: { position: 'top' },
            tooltip: {
              callbacks: {
                title: (items) => (items[0] ? rows[items[0].dataIndex].label : ''),
                label: (item) => `${item.dataset.label}: ${num(item.dataset.counts[item.dataIndex], 0)} orang `
                  + `(${num(item.raw, 1)} %)`,
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

  let data;
  try {
    data = await gql(REPORT, { period });
  } catch (err) {
    if (!ctx.isCurrent()) return;
    root.replaceChildren(...header, chooser, errorBox(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  performance.mark('kinerja:dashboard-data');

  const rows = data.distribution;
  const indicatorNames = new Map(data.indicators.map((i) => [i.code, i.name]));
  const agencyNames = new Map([...rows, ...data.satisfaction].map((r) => [r.group, r.label]));
  const chart = distributionChart(rows);
  const reference = referenceChart(rows);
  const content = [
    h('section', { 'aria-labelledby': 'distribution-title' },
      h('h2', { id: 'distribution-title' }, `Sebaran predikat kinerja · ${evaluationLabel(period)}`),
      rows.length ? [chart.box,
        h('h3', { id: 'reference-title' }, 'Kurva acuan di samping sebaran aktual'), reference.box,
        distributionTable(rows)]
        : h('p', { class: 'empty', id: 'distribution-empty' }, 'Belum ada penilaian yang difinalisasi pada periode ini.')),
    warningsSection(rows),
    satisfactionSection(data.satisfaction, period, scope, ctx.isCurrent),
    h('section', { 'aria-labelledby': 'achievement-title' }, h('h2', { id: 'achievement-title' }, 'Capaian indikator'),
      achievementTable(data.achievement, indicatorNames, agencyNames)),
  ];
  root.replaceChildren(...header, chooser, ...content);
  performance.mark('kinerja:dashboard-tables');
  if (rows.length) { chart.draw(); reference.draw(); }
  root.setAttribute('data-rendered-ms', String(Math.round(performance.now() - started)));
  performance.mark('kinerja:dashboard-rendered');
}
