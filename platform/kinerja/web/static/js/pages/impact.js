// Dampak (#/dampak/:agency?dari=YYYY&sampai=YYYY&unit=KODE; issue 23 §3): did development work? Per year, the
// agency's (or one unit's) IKM, the spread of the annual predikat, the development hours done, and for the people with
// a development plan their predikat before the plan and at their next rating; then each unit per year; the table as
// CSV or Excel. The caveat the figures need (an association, not proof of cause) is stated first, in the server's
// words. Report readers only (BKPSDM and the agency's admin): the server decides. One request a load; the years and
// the unit are in the address, so a change of them is a new load.

import { gql } from '../api.js';
import { h, fill, loading, errorBox, num, percentText, PREDIKAT } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { exportButtons } from '../export_buttons.js';

const ROW = `year unit label respondents ikm ikmGrade ikmLabel total sangatBaik baik butuhPerbaikan kurangMisconduct
      sangatKurang people hoursMet hoursDone plans improved same worse notYetRated`;

export const IMPACT = `query Impact($agency: String!, $from: Int!, $to: Int!, $unit: String) {
  impact(agency: $agency, from: $from, to: $to, unit: $unit) {
    agency agencyName unit fromYear toYear minimumHours caveat
    rows { ${ROW} }
    transitions { year before after people }
  }
}`;

const MAX_YEARS = 10;  // services/reports/impact.py MAX_YEARS
const PREDIKATS = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'];
const FIELD = { SANGAT_BAIK: 'sangatBaik', BAIK: 'baik', BUTUH_PERBAIKAN: 'butuhPerbaikan',
  KURANG_MISCONDUCT: 'kurangMisconduct', SANGAT_KURANG: 'sangatKurang' };
const enc = encodeURIComponent;

// the years asked (?dari, ?sampai), else the cycles' years (the latest MAX_YEARS), else this year
function chosenYears(cycles, query) {
  const years = (cycles || []).map((c) => c.year).sort((a, b) => a - b);
  const last = years.length ? years[years.length - 1] : new Date().getFullYear();
  const first = years.length ? Math.max(years[0], last - MAX_YEARS + 1) : last;
  const asked = (name, fallback) => {
    const text = query && query.get(name);
    return text && /^\d{4}$/.test(text) ? Number(text) : fallback;
  };
  return { from: asked('dari', first), to: asked('sampai', last), years };
}

const th = (text) => h('th', { scope: 'col' }, text);
const table = (id, caption, heads, rows) => h('div', { class: 'table-wrap' }, h('table', { id },
  h('caption', {}, caption), h('thead', {}, h('tr', {}, heads.map(th))), h('tbody', {}, rows)));

function ikmText(r) {
  return r.ikm === null ? h('span', { class: 'muted' }, 'Belum ada responden') : `${num(r.ikm, 2)} (${r.ikmGrade}, ${r.ikmLabel})`;
}

// the change of the IKM from the year before: "naik 3,2 poin", "turun …", "tetap"
function ikmChange(r, before) {
  if (!before || before.ikm === null || r.ikm === null) return '—';
  const d = Math.round((r.ikm - before.ikm) * 100) / 100;
  if (d === 0) return 'tetap';
  return `${d > 0 ? 'naik' : 'turun'} ${num(Math.abs(d), 2)} poin`;
}

function ikmTable(rows) {
  return table('impact-ikm', 'Indeks Kepuasan Masyarakat per tahun', ['Tahun', 'IKM', 'Perubahan', 'Responden'],
    rows.map((r, i) => h('tr', { 'data-year': r.year },
      h('th', { scope: 'row' }, String(r.year)),
      h('td', { 'data-col': 'ikm', 'data-value': r.ikm === null ? '' : r.ikm }, ikmText(r)),
      h('td', { 'data-col': 'change' }, ikmChange(r, rows[i - 1])),
      h('td', { 'data-col': 'respondents' }, num(r.respondents, 0)))));
}

function predikatTable(rows) {
  return table('impact-predikat', 'Sebaran predikat penilaian tahunan per tahun',
    ['Tahun', 'Dinilai', ...PREDIKATS.map((p) => PREDIKAT[p])],
    rows.map((r) => h('tr', { 'data-year': r.year },
      h('th', { scope: 'row' }, String(r.year)),
      h('td', { 'data-col': 'total' }, num(r.total, 0)),
      PREDIKATS.map((p) => h('td', { 'data-col': FIELD[p], 'data-value': r[FIELD[p]] },
        r.total ? `${num(r[FIELD[p]], 0)} (${percentText(r[FIELD[p]], r.total)})` : '—')))));
}

function hoursTable(rows, minimum) {
  return table('impact-hours', 'Jam pengembangan kompetensi (JP) yang terlaksana dan dikonfirmasi per tahun',
    ['Tahun', 'JP terlaksana', 'Pegawai', `Memenuhi paling sedikit ${num(minimum, 0)} JP`],
    rows.map((r) => h('tr', { 'data-year': r.year },
      h('th', { scope: 'row' }, String(r.year)),
      h('td', { 'data-col': 'hoursDone', 'data-value': r.hoursDone }, num(r.hoursDone, 0)),
      h('td', { 'data-col': 'people' }, num(r.people, 0)),
      h('td', { 'data-col': 'hoursMet', 'data-value': r.hoursMet },
        `${num(r.hoursMet, 0)} (${percentText(r.hoursMet, r.people)})`))));
}

function plansTable(rows) {
  return table('impact-plans', 'Predikat pegawai dengan rencana pengembangan: sebelum dan sesudah',
    ['Tahun rencana', 'Pegawai dengan rencana', 'Predikat naik', 'Predikat tetap', 'Predikat turun',
      'Belum dinilai lagi'],
    rows.map((r) => h('tr', { 'data-year': r.year },
      h('th', { scope: 'row' }, String(r.year)),
      h('td', { 'data-col': 'plans' }, num(r.plans, 0)),
      ...['improved', 'same', 'worse', 'notYetRated'].map((k) => h('td', { 'data-col': k, 'data-value': r[k] },
        num(r[k], 0))))));
}

function transitionsTable(transitions) {
  if (!transitions.length) {
    return h('p', { class: 'empty', id: 'impact-transitions-empty' },
      'Belum ada pegawai dengan rencana pengembangan yang diwajibkan oleh penilaian rendah pada tahun-tahun ini.');
  }
  return table('impact-transitions', 'Dari predikat sebelum rencana ke predikat penilaian berikutnya',
    ['Tahun rencana', 'Predikat sebelum', 'Predikat sesudah', 'Jumlah pegawai'],
    transitions.map((t) => h('tr', { 'data-year': t.year },
      h('td', {}, String(t.year)),
      h('td', { 'data-col': 'before' }, PREDIKAT[t.before] || '—'),
      h('td', { 'data-col': 'after' }, t.after ? PREDIKAT[t.after] || '—'
        : h('span', { class: 'muted' }, 'Belum dinilai lagi')),
      h('td', { 'data-col': 'people' }, num(t.people, 0)))));
}

function unitsTable(rows) {
  if (!rows.length) return h('p', { class: 'empty' }, 'Tidak ada unit kerja dengan data pada tahun-tahun ini.');
  const low = (r) => r.butuhPerbaikan + r.kurangMisconduct + r.sangatKurang;
  return table('impact-units', 'Per unit kerja dan tahun',
    ['Tahun', 'Unit kerja', 'IKM', 'Dinilai', 'Butuh Perbaikan atau lebih rendah', 'JP terlaksana',
      'Memenuhi JP minimal', 'Rencana: naik / tetap / turun / belum dinilai'],
    rows.map((r) => h('tr', { 'data-year': r.year, 'data-unit': r.unit },
      h('td', {}, String(r.year)),
      h('td', { 'data-col': 'unit' }, r.label),
      h('td', { 'data-col': 'ikm', 'data-value': r.ikm === null ? '' : r.ikm },
        r.ikm === null ? '—' : `${num(r.ikm, 2)} (${num(r.respondents, 0)} responden)`),
      h('td', {}, num(r.total, 0)),
      h('td', {}, num(low(r), 0)),
      h('td', { 'data-col': 'hoursDone' }, num(r.hoursDone, 0)),
      h('td', {}, `${num(r.hoursMet, 0)} dari ${num(r.people, 0)}`),
      h('td', {}, r.plans ? `${num(r.improved, 0)} / ${num(r.same, 0)} / ${num(r.worse, 0)} / `
        + `${num(r.notYetRated, 0)}` : '—'))));
}

function filterForm(agency, chosen, units, unit, navigate) {
  const years = [...new Set([...chosen.years, chosen.from, chosen.to])].sort((a, b) => a - b);
  const yearSelect = (id, name, value) => h('select', { id, name },
    years.map((y) => h('option', { value: String(y), selected: y === value }, String(y))));
  const from = yearSelect('impact-from', 'dari', chosen.from);
  const to = yearSelect('impact-to', 'sampai', chosen.to);
  const unitSelect = h('select', { id: 'impact-unit', name: 'unit' },
    h('option', { value: '' }, 'Seluruh perangkat daerah'),
    units.map(([code, label]) => h('option', { value: code, selected: code === unit }, label)));
  const form = h('form', { class: 'field-inline', id: 'impact-form', 'aria-label': 'Pilih tahun dan unit' },
    h('div', { class: 'field' }, h('label', { for: 'impact-from' }, 'Dari tahun'), from),
    h('div', { class: 'field' }, h('label', { for: 'impact-to' }, 'Sampai tahun'), to),
    h('div', { class: 'field' }, h('label', { for: 'impact-unit' }, 'Unit kerja'), unitSelect),
    h('button', { type: 'submit' }, 'Tampilkan'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ dari: from.value, sampai: to.value });
    if (unitSelect.value) query.set('unit', unitSelect.value);
    navigate(`#/dampak/${enc(agency)}?${query}`);
  });
  return form;
}

export async function render(root, params, ctx) {
  const code = params.agency;
  const isCurrent = isCurrentOf(ctx);
  const chosen = chosenYears(ctx.cycles, params.query);
  const unit = (params.query && params.query.get('unit')) || null;
  document.title = `Dampak ${code} · Kinerja`;
  loading(root);
  let found;
  try {
    found = (await gql(IMPACT, { agency: code, from: chosen.from, to: chosen.to, unit })).impact;
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Dampak pengembangan kompetensi'), errorBox(err),
      filterForm(code, chosen, [], unit, ctx.navigate),
      h('p', {}, h('a', { href: `#/agency/${enc(code)}` }, 'Kembali ke perangkat daerah')));
    return;
  }
  if (!isCurrent()) return;
  document.title = `Dampak · ${found.agencyName} · Kinerja`;
  const scopeRows = found.rows.filter((r) => r.unit === found.unit);
  const unitRows = found.unit ? [] : found.rows.filter((r) => r.unit !== null);
  const units = [...new Map(found.rows.filter((r) => r.unit !== null).map((r) => [r.unit, r.label])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'id'));
  const scopeName = found.unit ? (scopeRows[0] ? scopeRows[0].label : found.unit) : found.agencyName;
  const span = found.fromYear === found.toYear ? `tahun ${found.fromYear}`
    : `tahun ${found.fromYear}–${found.toYear}`;
  const download = exportButtons({ id: 'impact-export', what: 'dampak pengembangan kompetensi',
    csvUrl: () => `/exports/impact.csv?${new URLSearchParams({ agency: found.agency, from: String(found.fromYear),
      to: String(found.toYear), ...(found.unit ? { unit: found.unit } : {}) })}`,
    fallback: `dampak-${found.agency}` });
  fill(root,
    h('h1', {}, 'Dampak pengembangan kompetensi'),
    h('p', { class: 'lead', id: 'impact-scope' }, `${scopeName}, ${span}`,
      found.unit ? [' · ', h('a', { href: `#/dampak/${enc(found.agency)}?dari=${found.fromYear}`
        + `&sampai=${found.toYear}` }, `seluruh ${found.agencyName}`)] : null),
    h('div', { class: 'notice', id: 'impact-caveat', role: 'note' },
      h('strong', {}, 'Catatan: '), found.caveat),
    filterForm(found.agency, chosen, units, found.unit, ctx.navigate),
    h('section', { 'aria-labelledby': 'impact-ikm-title' },
      h('h2', { id: 'impact-ikm-title' }, 'Kepuasan masyarakat (IKM)'), ikmTable(scopeRows)),
    h('section', { 'aria-labelledby': 'impact-predikat-title' },
      h('h2', { id: 'impact-predikat-title' }, 'Predikat kinerja pegawai'), predikatTable(scopeRows)),
    h('section', { 'aria-labelledby': 'impact-hours-title' },
      h('h2', { id: 'impact-hours-title' }, 'Pengembangan kompetensi'), hoursTable(scopeRows, found.minimumHours)),
    h('section', { 'aria-labelledby': 'impact-plans-title' },
      h('h2', { id: 'impact-plans-title' }, 'Sebelum dan sesudah rencana pengembangan'),
      h('p', { class: 'muted' }, 'Predikat sebelum: penilaian rendah yang mewajibkan rencana pengembangan. '
        + 'Predikat sesudah: penilaian berikutnya dari pegawai itu (periode yang berakhir sesudahnya).'),
      plansTable(scopeRows), transitionsTable(found.transitions)),
    found.unit ? null : h('section', { 'aria-labelledby': 'impact-units-title' },
      h('h2', { id: 'impact-units-title' }, 'Per unit kerja'), unitsTable(unitRows)),
    h('section', { 'aria-labelledby': 'impact-export-title' },
      h('h2', { id: 'impact-export-title' }, 'Unduh tabel'),
      h('p', { class: 'muted' }, 'Satu baris per tahun untuk perangkat daerah dan setiap unit kerja.'),
      download.element),
    h('p', {}, h('a', { href: `#/agency/${enc(found.agency)}` }, `Kembali ke ${found.agencyName}`)));
}
