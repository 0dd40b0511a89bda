// Measurement entry (#/measurements?cycle=&period=): the viewer's own targets, one form per target, server errors.

import { gql } from '../api.js';
import {
  h, loading, errorBox, fieldError, fill, badge, codeText, unitText, EXPECTATION, CYCLE_STAGE, num, targetText,
  scoringText, versionLabel,
} from '../ui.js';
import { isCurrentOf, sendMutation } from '../forms.js';

export const CYCLES = '{ cycles { year status periods } }';

// specVersion: the indicator version that computed it (an old measurement keeps its old version)
const MEASUREMENT_FIELDS = 'period inputs value achievement suggestedRating evidenceUrl specVersion specVersionStamp { number since }';

export const TARGETS = `query($nip: String!, $cycle: Int!) {
  person(nip: $nip) { nip name targets(cycle: $cycle) { id workResult value lower upper
    indicator { code name unit direction periods inputs { name type label min max } achievement { cap over best } }
    measurements { ${MEASUREMENT_FIELDS} } } }
}`;

export const TARGETS_AND_CYCLES = TARGETS.replace('query($nip: String!, $cycle: Int!) {',
  'query($nip: String!, $cycle: Int!) { cycles { year status periods }');

export const RECORD = `mutation($input: [MeasurementInput!]!) {
  recordMeasurements(input: $input) { measurements { ${MEASUREMENT_FIELDS} } errors { path code message } }
}`;

const CODE_TEXT = {
  REQUIRED: 'Wajib diisi.',
  INVALID_TYPE: 'Harus berupa angka yang sesuai.',
  OUT_OF_RANGE: 'Nilai di luar rentang yang diizinkan.',
  UNKNOWN_INPUT: 'Isian tidak dikenal.',
  INVALID_INPUT: 'Isian tidak valid.',
  CHECK_FAILED: 'Pemeriksaan data gagal.',
  CALCULATION_ERROR: 'Nilai tidak dapat dihitung.',
  INVALID_PERIOD: 'Periode tidak valid untuk indikator ini.',
  INVALID_URL: 'Alamat bukti harus berupa alamat http(s).',
  CYCLE_STATE: 'Tahap siklus tidak mengizinkan pengisian capaian.',
  CYCLE_CLOSED: 'Siklus sudah ditutup.',
  INDICATOR_UNAVAILABLE: 'Indikator sedang tidak tersedia.',
  FORBIDDEN: 'Anda tidak berwenang mengisi capaian ini.',
  NOT_FOUND: 'Target tidak ditemukan.',
  CONFLICT: 'Capaian ini disimpan bersamaan oleh permintaan lain; kirim lagi.',
  DUPLICATE: 'Isian ganda.',
};

const DIRECTION = {
  HIGHER_IS_BETTER: 'makin tinggi makin baik', LOWER_IS_BETTER: 'makin rendah makin baik',
  BAND: 'ideal di dalam rentang target',
};
const OPEN = new Set(['ACTIVE', 'EVALUATION']);

function text(e) {
  return codeText(e, CODE_TEXT);
}

function periodKind(period) {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  return null;
}

function inputsText(inputs, specs) {
  const label = new Map(specs.map((s) => [s.name, s.label || s.name]));
  return Object.entries(inputs || {}).map(([k, v]) => `${label.get(k) || k}: ${num(v)}`).join('; ');
}

// an achievement as shown: "120 % (nilai maksimum)" when it is the indicator's cap
function achievementText(m, rule) {
  const capped = rule && rule.cap !== null && rule.cap !== undefined && m.achievement === rule.cap;
  return `${num(m.achievement)} %${capped ? ' (nilai maksimum)' : ''}`;
}

function measurementRows(target, order) {
  const unit = unitText(target.indicator.unit);
  const rows = [...target.measurements].sort((a, b) => order.indexOf(a.period) - order.indexOf(b.period));
  return rows.map((m) => h('tr', { 'data-period': m.period },
    h('th', { scope: 'row' }, m.period),
    h('td', {}, inputsText(m.inputs, target.indicator.inputs)),
    h('td', { class: 'num' }, `${num(m.value)} ${unit}`),
    h('td', { class: 'num', 'data-col': 'achievement' }, achievementText(m, target.indicator.achievement)),
    h('td', {}, badge(m.suggestedRating, EXPECTATION)),
    h('td', {}, m.evidenceUrl ? h('a', { href: m.evidenceUrl, rel: 'noopener noreferrer', target: '_blank' }, 'Bukti') : '—'),
    h('td', { 'data-col': 'specVersion', title: m.specVersion || '' }, versionLabel(m.specVersionStamp))));
}

function targetSection(target, cycle, wantedPeriod, isCurrent) {
  const tid = target.id;
  const prefix = `m-${tid}`;
  const ind = target.indicator;
  const unit = unitText(ind.unit);
  const periods = cycle.periods.filter((p) => ind.periods.includes(periodKind(p)));
  const measured = () => new Map(target.measurements.map((m) => [m.period, m]));

  // the table of what is recorded
  const tbody = h('tbody', {});
  const emptyRow = h('p', { class: 'empty' }, 'Belum ada capaian tercatat.');
  const table = h('div', { class: 'table-wrap' }, h('table', { id: `${prefix}-table` },
    h('caption', {}, 'Capaian tercatat'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Periode'), h('th', { scope: 'col' }, 'Isian'),
      h('th', { scope: 'col', class: 'num' }, 'Realisasi'), h('th', { scope: 'col', class: 'num' }, 'Capaian'),
      h('th', { scope: 'col' }, 'Saran'), h('th', { scope: 'col' }, 'Bukti'), h('th', { scope: 'col' }, 'Versi indikator'))),
    tbody));
  const showTable = () => {
    tbody.replaceChildren(...measurementRows(target, cycle.periods));
    table.hidden = target.measurements.length === 0;
    emptyRow.hidden = target.measurements.length !== 0;
  };
  showTable();

  // the form
  const periodSelect = h('select', { id: `${prefix}-period`, name: 'period' },
    periods.map((p) => h('option', { value: p }, measured().has(p) ? `${p} (sudah diisi)` : p)));
  const inputs = new Map();
  const inputFields = ind.inputs.map((spec) => {
    const id = `${prefix}-in-${spec.name}`;
    const input = h('input', { id, name: spec.name, type: 'number', inputmode: spec.type === 'integer' ? 'numeric' : 'decimal',
      step: spec.type === 'integer' ? '1' : 'any',
      min: spec.min === null || spec.min === undefined ? null : String(spec.min),
      max: spec.max === null || spec.max === undefined ? null : String(spec.max),
      'data-input': spec.name });
    inputs.set(spec.name, input);
    const range = [spec.min !== null && spec.min !== undefined ? `min. ${num(spec.min)}` : null,
      spec.max !== null && spec.max !== undefined ? `maks. ${num(spec.max)}` : null].filter(Boolean).join(', ');
    return h('div', { class: 'field' },
      h('label', { for: id }, spec.label || spec.name, range ? h('span', { class: 'muted' }, ` (${range})`) : null),
      input);
  });
  const evidence = h('input', { id: `${prefix}-evidence`, name: 'evidenceUrl', type: 'url', placeholder: 'https://…' });
  const button = h('button', { type: 'submit', id: `${prefix}-save` }, 'Simpan');
  const status = h('div', { id: `${prefix}-status`, 'aria-live': 'polite' });
  const form = h('form', { id: `${prefix}-form`, class: 'measurement-form', novalidate: true,
    'aria-label': `Isi capaian: ${target.workResult}` },
  h('div', { class: 'field' }, h('label', { for: periodSelect.id }, 'Periode'), periodSelect),
  h('div', { class: 'field-grid' }, inputFields),
  h('div', { class: 'field' }, h('label', { for: evidence.id }, 'Tautan bukti', h('span', { class: 'muted' }, ' (opsional)')),
    evidence),
  status,
  h('div', { class: 'actions' }, button));
  if (!periods.length) {
    button.disabled = true;
    status.replaceChildren(h('p', { class: 'notice' }, 'Siklus ini tidak punya periode yang diukur indikator ini.'));
  }

  // the inputs of the chosen period's measurement, if any, so that saving replaces it knowingly
  const fillFromPeriod = () => {
    const m = measured().get(periodSelect.value);
    for (const [name, input] of inputs) {
      const v = m && m.inputs ? m.inputs[name] : undefined;
      input.value = v === undefined || v === null ? '' : String(v);
    }
    evidence.value = (m && m.evidenceUrl) || '';
  };
  const free = periods.find((p) => !measured().has(p));
  periodSelect.value = periods.includes(wantedPeriod) ? wantedPeriod : (free || periods[0] || '');
  fillFromPeriod();
  periodSelect.addEventListener('change', () => { clearErrors(); status.replaceChildren(); fillFromPeriod(); });

  const fieldsByKey = () => ({ period: periodSelect, evidenceUrl: evidence });
  function clearErrors() {
    [periodSelect, evidence, ...inputs.values()].forEach((el) => fieldError(el, null));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    status.replaceChildren();
    const values = {};
    for (const [name, input] of inputs) {
      const raw = input.value.trim();
      if (raw === '') continue;              // left out: the server says it is required
      const n = Number(raw);
      values[name] = Number.isFinite(n) ? n : raw; // a non-number goes as typed: the server names the problem
    }
    const item = { target: tid, period: periodSelect.value, inputs: values,
      evidenceUrl: evidence.value.trim() || null };
    const data = await sendMutation({ button, status, isCurrent }, RECORD, { input: [item] });
    if (!data) return;
    const answer = data.recordMeasurements;
    if (answer.errors.length) {
      const rest = [];
      let first = null;
      const byField = new Map();
      for (const e of answer.errors) {
        const p = e.path || [];
        // ["input", "0", "inputs", name] | ["input", "0", "period" | "evidenceUrl" | "target"] | ["input", "0"]
        let el = null;
        if (p[2] === 'inputs' && p.length >= 4) el = inputs.get(p[3]) || null;
        else if (p.length === 3) el = fieldsByKey()[p[2]] || null;
        if (el) byField.set(el, [...(byField.get(el) || []), text(e)]);
        else rest.push(e);
      }
      for (const [el, texts] of byField) {
        fieldError(el, texts.join('; '));
        first = first || el;
      }
      status.replaceChildren(h('div', { class: 'error-box', role: 'alert', id: `${prefix}-errors`,
        'data-codes': answer.errors.map((e) => e.code).join(' ') },
      h('strong', {}, 'Capaian belum tersimpan.'),
      rest.length ? h('ul', {}, rest.map((e) => h('li', { 'data-code': e.code }, text(e))))
        : h('p', { class: 'detail' }, 'Periksa isian yang ditandai.')));
      if (first) first.focus();
      return;
    }
    const m = answer.measurements[0];
    target.measurements = [...target.measurements.filter((x) => x.period !== m.period), m];
    showTable();
    [...periodSelect.options].forEach((o) => {
      o.textContent = measured().has(o.value) ? `${o.value} (sudah diisi)` : o.value;
    });
    status.replaceChildren(h('div', { class: 'success', role: 'status', id: `${prefix}-result`,
      'data-period': m.period },
    h('strong', {}, `Capaian ${m.period} tersimpan.`), ' ',
    `Realisasi ${num(m.value)} ${unit}, capaian ${achievementText(m, ind.achievement)}, saran: `,
    badge(m.suggestedRating, EXPECTATION), `. ${versionLabel(m.specVersionStamp).replace('Versi', 'Versi indikator')}.`));
  });

  return h('section', { class: 'card form-card measurement-target', id: `target-${tid}`, 'data-target': tid,
    'aria-labelledby': `${prefix}-title` },
  h('h2', { id: `${prefix}-title` }, target.workResult),
  h('dl', { class: 'facts' },
    h('dt', {}, 'Indikator'), h('dd', {}, ind.name, ' ', h('span', { class: 'code' }, ind.code)),
    h('dt', {}, 'Target'), h('dd', { 'data-col': 'target' }, targetText(target.value, target.lower, target.upper, ind.unit)),
    h('dt', {}, 'Arah'), h('dd', {}, DIRECTION[ind.direction] || ind.direction),
    h('dt', {}, 'Penilaian capaian'), h('dd', { 'data-col': 'scoring' }, scoringText(ind.achievement))),
  table, emptyRow,
  h('h3', {}, 'Isi capaian'),
  form);
}

function pickCycle(cycles, wanted) {
  const byYear = [...cycles].sort((a, b) => b.year - a.year);
  return byYear.find((c) => c.year === wanted) || byYear.find((c) => c.status === 'ACTIVE')
    || byYear.find((c) => c.status === 'EVALUATION') || byYear[0] || null;
}

export async function render(root, params, ctx) {
  const isCurrent = isCurrentOf(ctx);
  document.title = 'Isi capaian · Kinerja';
  const me = ctx && ctx.viewer && ctx.viewer.person;
  if (!me) {
    root.replaceChildren(h('h1', {}, 'Isi capaian'),
      h('p', { class: 'notice' }, 'Pengisian capaian untuk akun yang mewakili seorang pegawai.'));
    return;
  }
  const query = params.query || new URLSearchParams();
  const wantedYear = /^\d{4}$/.test(query.get('cycle') || '') ? Number(query.get('cycle')) : null;
  const wantedPeriod = query.get('period') || '';
  loading(root);
  let cycles;
  let person;
  try {
    if (wantedYear) {
      const data = await gql(TARGETS_AND_CYCLES, { nip: me.nip, cycle: wantedYear });
      cycles = data.cycles;
      person = data.person;
    } else {
      cycles = (await gql(CYCLES)).cycles;
      if (!isCurrent()) return;
      const chosen = pickCycle(cycles, null);
      person = chosen ? (await gql(TARGETS, { nip: me.nip, cycle: chosen.year })).person : null;
    }
  } catch (err) {
    if (isCurrent()) root.replaceChildren(h('h1', {}, 'Isi capaian'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const cycle = pickCycle(cycles, wantedYear);
  const heading = h('h1', {}, 'Isi capaian');
  if (!cycle || (wantedYear && cycle.year !== wantedYear)) {
    root.replaceChildren(heading, errorBox(wantedYear ? `Tidak ada siklus ${wantedYear}.` : 'Belum ada siklus.'));
    return;
  }
  document.title = `Isi capaian ${cycle.year} · Kinerja`;

  const cycleSelect = h('select', { id: 'm-cycle', name: 'cycle' },
    [...cycles].sort((a, b) => b.year - a.year).map((c) => h('option', { value: String(c.year),
      selected: c.year === cycle.year }, `${c.year} (${CYCLE_STAGE[c.status] || c.status})`)));
  const chooser = h('form', { class: 'field-inline', id: 'm-cycle-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'm-cycle' }, 'Siklus'), cycleSelect),
    h('button', { type: 'submit', class: 'button-secondary', id: 'm-cycle-go' }, 'Tampilkan'));
  chooser.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.navigate(`#/measurements?cycle=${encodeURIComponent(cycleSelect.value)}`);
  });

  const targets = (person && person.targets) || [];
  fill(root,
    heading,
    h('p', { class: 'lead' }, `${person ? person.name : me.name} · target kinerja siklus ${cycle.year}`),
    chooser,
    OPEN.has(cycle.status) ? null : h('p', { class: 'notice', role: 'status', id: 'm-closed' },
      `Siklus ${cycle.year} sedang tahap ${CYCLE_STAGE[cycle.status] || cycle.status}: capaian hanya dapat diisi `
      + 'saat siklus berjalan atau tahap evaluasi.'),
    targets.length
      ? targets.map((t) => targetSection(t, cycle, wantedPeriod, isCurrent))
      : h('p', { class: 'empty', id: 'm-none' }, `Tidak ada target kinerja pribadi pada siklus ${cycle.year}.`));
}
