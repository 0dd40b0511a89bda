// The indicator editor's form: one indicator spec as fields (name, code, unit, direction, level, periods, the
// inputs table, the checks, a formula or a calculator, the default target, the rating thresholds, the achievement
// rules). read() gives the spec as plain data (for the YAML emitter), fill(spec) shows one (from `parsed`), and
// showProblems(problems) puts each check problem at its field. Keys the form does not show are kept as they are.

import { h, fieldError } from './ui.js';
import {
  DIRECTION_CHOICE, LEVEL_CHOICE, PERIOD_KIND, INPUT_TYPE, problemText,
} from './indicator_labels.js';

const SHOWN = ['code', 'name', 'unit', 'direction', 'level', 'periods', 'inputs', 'checks', 'formula', 'calculator',
  'target', 'rating', 'achievement'];
const INPUT_SHOWN = ['type', 'min', 'max', 'label'];

function text(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

// a field's text as spec data: empty -> undefined, a number -> the number, anything else as typed (the check says)
function numberOf(s) {
  const t = s.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : t;
}

function textOf(s) {
  const t = s.trim();
  return t === '' ? undefined : t;
}

function plainObject(v) {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
}

function compact(obj) {
  const out = Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
  return Object.keys(out).length ? out : undefined;
}

function field(id, label, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, label,
    hint ? h('span', { class: 'muted' }, ` (${hint})`) : null), control);
}

function select(id, choices, blank) {
  return h('select', { id, name: id }, h('option', { value: '' }, blank),
    Object.entries(choices).map(([v, label]) => h('option', { value: v }, label)));
}

let rowSeq = 0;

export function indicatorForm({ calculators, onChange }) {
  let extra = {};                       // keys of the spec the form does not show (e.g. name_en)
  const changed = () => onChange();
  const on = { input: changed, change: changed };

  const code = h('input', { id: 'f-code', name: 'code', autocomplete: 'off', on });
  const name = h('input', { id: 'f-name', name: 'name', on });
  const unit = h('input', { id: 'f-unit', name: 'unit', on, placeholder: 'persen' });
  const direction = select('f-direction', DIRECTION_CHOICE, '— pilih arah —');
  const level = select('f-level', LEVEL_CHOICE, '— pilih tingkat —');
  [direction, level].forEach((el) => el.addEventListener('change', changed));
  const periodBoxes = new Map(Object.entries(PERIOD_KIND).map(([v, label]) => [v,
    h('input', { type: 'checkbox', id: `f-period-${v}`, value: v, on })]));
  const periods = h('fieldset', { id: 'f-periods', class: 'choice' }, h('legend', {}, 'Periode pengukuran'),
    [...periodBoxes].map(([v, box]) => h('label', { for: box.id }, box, ' ', PERIOD_KIND[v])));

  // the inputs table: one row per input
  const inputRows = [];                 // {name, type, min, max, label, extra, row}
  const inputBody = h('tbody', {});
  const addInput = h('button', { type: 'button', id: 'f-input-add', class: 'button-secondary' }, 'Tambah isian');
  const inputsBox = h('fieldset', { id: 'f-inputs' }, h('legend', {}, 'Isian'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'inputs-edit' },
      h('thead', {}, h('tr', {}, ['Nama', 'Jenis', 'Batas bawah', 'Batas atas', 'Keterangan', null].map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, 'Tindakan'))))),
      inputBody)), addInput);
  function inputRow(nameText = '', spec = {}) {
    const n = ++rowSeq;
    const r = {
      name: h('input', { id: `f-in-${n}-name`, 'aria-label': 'Nama isian', 'data-part': 'name', value: nameText, on }),
      type: h('select', { id: `f-in-${n}-type`, 'aria-label': 'Jenis isian', 'data-part': 'type' },
        Object.entries(INPUT_TYPE).map(([v, label]) => h('option', { value: v }, label))),
      min: h('input', { id: `f-in-${n}-min`, 'aria-label': 'Batas bawah', inputmode: 'decimal', 'data-part': 'min', value: text(spec.min), on }),
      max: h('input', { id: `f-in-${n}-max`, 'aria-label': 'Batas atas', inputmode: 'decimal', 'data-part': 'max', value: text(spec.max), on }),
      label: h('input', { id: `f-in-${n}-label`, 'aria-label': 'Keterangan isian', 'data-part': 'label', value: text(spec.label), on }),
      extra: Object.fromEntries(Object.entries(plainObject(spec) || {}).filter(([k]) => !INPUT_SHOWN.includes(k))),
    };
    r.type.value = spec.type === 'number' ? 'number' : 'integer';
    r.type.addEventListener('change', changed);
    const remove = h('button', { type: 'button', class: 'button-secondary', 'aria-label': `Hapus isian ${nameText}`.trim(),
      on: { click: () => { inputRows.splice(inputRows.indexOf(r), 1); r.row.remove(); changed(); } } }, 'Hapus');
    r.row = h('tr', { 'data-input-row': String(n) }, ['name', 'type', 'min', 'max', 'label'].map((k) => h('td', {}, r[k])),
      h('td', {}, remove));
    inputRows.push(r);
    inputBody.append(r.row);
    return r;
  }
  addInput.addEventListener('click', () => { inputRow().name.focus(); changed(); });

  // the checks: one text field each
  const checkRows = [];
  const checkList = h('ol', { class: 'checks-edit' });
  const addCheck = h('button', { type: 'button', id: 'f-check-add', class: 'button-secondary' }, 'Tambah pemeriksaan');
  const checksBox = h('fieldset', { id: 'f-checks' }, h('legend', {}, 'Pemeriksaan data',
    h('span', { class: 'muted' }, ' (misalnya: diimunisasi <= sasaran)')), checkList, addCheck);
  function checkRow(value = '') {
    const n = ++rowSeq;
    const input = h('input', { id: `f-check-${n}`, 'aria-label': 'Pemeriksaan', value: text(value), on });
    const item = h('li', {}, input, ' ', h('button', { type: 'button', class: 'button-secondary',
      on: { click: () => { checkRows.splice(checkRows.indexOf(input), 1); item.remove(); changed(); } } }, 'Hapus'));
    checkRows.push(input);
    checkList.append(item);
    return input;
  }
  addCheck.addEventListener('click', () => { checkRow().focus(); changed(); });

  // the computation: a formula or one of the installed calculators
  const byFormula = h('input', { type: 'radio', name: 'f-compute', id: 'f-compute-formula', value: 'formula', checked: true });
  const byCalculator = h('input', { type: 'radio', name: 'f-compute', id: 'f-compute-calculator', value: 'calculator' });
  const formula = h('input', { id: 'f-formula', name: 'formula', autocomplete: 'off', on, placeholder: 'diimunisasi / sasaran * 100' });
  const calculator = h('select', { id: 'f-calculator', name: 'calculator' }, h('option', { value: '' }, '— pilih kalkulator —'),
    calculators.map((c) => h('option', { value: c.name }, c.hasContract ? c.name : `${c.name} (tanpa kontrak)`)));
  const calculatorInfo = h('div', { id: 'f-calculator-info', class: 'notice', 'aria-live': 'polite' });
  const formulaField = field('f-formula', 'Rumus', formula);
  const calculatorField = h('div', {}, field('f-calculator', 'Kalkulator', calculator), calculatorInfo);
  const computeBox = h('fieldset', { id: 'f-compute' }, h('legend', {}, 'Cara menghitung'),
    h('div', { class: 'choice' }, h('label', { for: byFormula.id }, byFormula, ' Rumus'), ' ',
      h('label', { for: byCalculator.id }, byCalculator, ' Kalkulator terpasang')),
    formulaField, calculatorField);
  function showCompute() {
    formulaField.hidden = !byFormula.checked;
    calculatorField.hidden = byFormula.checked;
    const c = calculators.find((x) => x.name === calculator.value);
    calculatorInfo.hidden = !c;
    if (c) {
      calculatorInfo.replaceChildren(h('p', {}, c.description || 'Tanpa keterangan.'),
        c.hasContract ? h('p', {}, 'Isian yang dibaca: ',
          c.inputs.map((i) => `${i.label || i.name} (${i.name}, ${INPUT_TYPE[i.type] || i.type}${i.required ? '' : ', tidak wajib'})`).join('; '), '.')
          : h('p', { 'data-contract': 'none' }, 'Kalkulator tanpa kontrak: isian yang dibacanya tidak dinyatakan.'));
    }
  }
  [byFormula, byCalculator].forEach((r) => r.addEventListener('change', () => { showCompute(); changed(); }));
  calculator.addEventListener('change', () => {
    const c = calculators.find((x) => x.name === calculator.value);
    // the inputs the contract requires, added where missing
    for (const i of (c && c.inputs) || []) {
      if (!i.required || inputRows.some((r) => r.name.value.trim() === i.name)) continue;
      inputRow(i.name, { type: i.type, min: i.min, max: i.max, label: i.label });
    }
    showCompute();
    changed();
  });

  // target, rating thresholds, achievement rules
  const targetSingle = h('input', { type: 'radio', name: 'f-target-kind', id: 'f-target-single', value: 'single', checked: true });
  const targetRange = h('input', { type: 'radio', name: 'f-target-kind', id: 'f-target-range', value: 'range' });
  const target = h('input', { id: 'f-target', inputmode: 'decimal', on });
  const targetLower = h('input', { id: 'f-target-lower', inputmode: 'decimal', on });
  const targetUpper = h('input', { id: 'f-target-upper', inputmode: 'decimal', on });
  const singleField = field('f-target', 'Target bawaan', target);
  const rangeFields = h('div', { class: 'field-grid' }, field('f-target-lower', 'Batas bawah target', targetLower),
    field('f-target-upper', 'Batas atas target', targetUpper));
  const targetBox = h('fieldset', { id: 'f-target-box' }, h('legend', {}, 'Target bawaan'),
    h('div', { class: 'choice' }, h('label', { for: targetSingle.id }, targetSingle, ' Satu angka'), ' ',
      h('label', { for: targetRange.id }, targetRange, ' Rentang')), singleField, rangeFields);
  const showTarget = () => { singleField.hidden = !targetSingle.checked; rangeFields.hidden = targetSingle.checked; };
  [targetSingle, targetRange].forEach((r) => r.addEventListener('change', () => { showTarget(); changed(); }));
  const above = h('input', { id: 'f-rating-above', inputmode: 'decimal', on });
  const meets = h('input', { id: 'f-rating-meets', inputmode: 'decimal', on });
  const ratingBox = h('fieldset', { id: 'f-rating' }, h('legend', {}, 'Ambang penilaian (capaian, %)'),
    h('div', { class: 'field-grid' }, field('f-rating-above', 'Di atas ekspektasi mulai', above),
      field('f-rating-meets', 'Sesuai ekspektasi mulai', meets)));
  const cap = h('input', { id: 'f-ach-cap', inputmode: 'decimal', on });
  const over = h('input', { id: 'f-ach-over', inputmode: 'decimal', on });
  const best = h('input', { id: 'f-ach-best', inputmode: 'decimal', on });
  const achievementBox = h('fieldset', { id: 'f-achievement' }, h('legend', {}, 'Aturan capaian', h('span', { class: 'muted' }, ' (opsional)')),
    h('div', { class: 'field-grid' }, field('f-ach-cap', 'Nilai tertinggi', cap), field('f-ach-over', 'Dibatasi mulai capaian', over),
      field('f-ach-best', 'Nilai terbaik yang mungkin', best)));

  const element = h('div', { class: 'indicator-form' },
    h('div', { class: 'field-grid' }, field('f-name', 'Nama indikator', name), field('f-code', 'Kode', code, 'huruf besar, tanpa spasi'),
      field('f-unit', 'Satuan', unit), field('f-direction', 'Arah', direction), field('f-level', 'Tingkat', level)),
    periods, inputsBox, checksBox, computeBox, targetBox, ratingBox, achievementBox);
  showCompute();
  showTarget();

  function read() {
    const spec = { ...extra };
    spec.code = textOf(code.value);
    spec.name = textOf(name.value);
    spec.unit = textOf(unit.value);
    spec.direction = direction.value || undefined;
    spec.level = level.value || undefined;
    spec.periods = [...periodBoxes].filter(([, b]) => b.checked).map(([v]) => v);
    const inputs = {};
    for (const r of inputRows) {
      const key = r.name.value.trim();
      if (!key) continue;
      inputs[key] = { type: r.type.value, min: numberOf(r.min.value), max: numberOf(r.max.value),
        label: textOf(r.label.value), ...r.extra };
      inputs[key] = compact(inputs[key]);
    }
    spec.inputs = inputs;
    const checks = checkRows.map((c) => c.value.trim()).filter(Boolean);
    spec.checks = checks.length ? checks : undefined;
    spec.formula = byFormula.checked ? textOf(formula.value) : undefined;
    spec.calculator = byFormula.checked ? undefined : (calculator.value || undefined);
    spec.target = targetSingle.checked ? numberOf(target.value)
      : compact({ lower: numberOf(targetLower.value), upper: numberOf(targetUpper.value) });
    spec.rating = compact({ above: numberOf(above.value), meets: numberOf(meets.value) });
    spec.achievement = compact({ cap: numberOf(cap.value), over: numberOf(over.value), best: numberOf(best.value) });
    return spec;
  }

  function fill(spec) {
    const s = plainObject(spec) || {};
    extra = Object.fromEntries(Object.entries(s).filter(([k]) => !SHOWN.includes(k)));
    code.value = text(s.code);
    name.value = text(s.name);
    unit.value = text(s.unit);
    direction.value = DIRECTION_CHOICE[s.direction] ? s.direction : '';
    level.value = LEVEL_CHOICE[s.level] ? s.level : '';
    const ps = Array.isArray(s.periods) ? s.periods : [];
    periodBoxes.forEach((b, v) => { b.checked = ps.includes(v); });
    inputRows.splice(0).forEach((r) => r.row.remove());
    Object.entries(plainObject(s.inputs) || {}).forEach(([k, v]) => inputRow(k, plainObject(v) || {}));
    checkRows.splice(0);
    checkList.replaceChildren();
    (Array.isArray(s.checks) ? s.checks : []).forEach((c) => checkRow(c));
    const useCalculator = s.calculator !== undefined && s.calculator !== null && (s.formula === undefined || s.formula === null);
    byFormula.checked = !useCalculator;
    byCalculator.checked = useCalculator;
    formula.value = text(s.formula);
    if (useCalculator && !calculators.some((c) => c.name === s.calculator)) {
      calculator.append(h('option', { value: text(s.calculator) }, `${text(s.calculator)} (tidak terpasang)`));
    }
    calculator.value = useCalculator ? text(s.calculator) : '';
    const t = s.target;
    const range = plainObject(t);
    targetRange.checked = Boolean(range);
    targetSingle.checked = !range;
    target.value = range ? '' : text(t);
    targetLower.value = range ? text(range.lower) : '';
    targetUpper.value = range ? text(range.upper) : '';
    const rating = plainObject(s.rating) || {};
    above.value = text(rating.above);
    meets.value = text(rating.meets);
    const ach = plainObject(s.achievement) || {};
    cap.value = text(ach.cap);
    over.value = text(ach.over);
    best.value = text(ach.best);
    showCompute();
    showTarget();
  }

  // the field of a spec path: the longest prefix that has one; null when none (the summary lists it)
  function fieldFor(path) {
    const p = (path || []).map(String);
    const fixed = {
      code, name, unit, direction, level, periods, inputs: addInput, checks: addCheck, formula, calculator,
      target: targetSingle.checked ? target : targetLower, 'target.lower': targetLower, 'target.upper': targetUpper,
      rating: above, 'rating.above': above, 'rating.meets': meets,
      achievement: cap, 'achievement.cap': cap, 'achievement.over': over, 'achievement.best': best,
    };
    if (p[0] === 'inputs' && p.length >= 2) {
      const r = inputRows.find((x) => x.name.value.trim() === p[1]);
      if (r) return r[INPUT_SHOWN.includes(p[2]) ? p[2] : 'name'];
    }
    if (p[0] === 'checks' && p.length >= 2 && checkRows[Number(p[1])]) return checkRows[Number(p[1])];
    for (let n = p.length; n > 0; n -= 1) {
      const el = fixed[p.slice(0, n).join('.')];
      if (el) return el.hidden || (el.closest && el.closest('[hidden]')) ? null : el;
    }
    return null;
  }

  let marked = [];
  // each problem at its field (Indonesian); the problems with no field are returned
  function showProblems(problems) {
    marked.forEach((el) => fieldError(el, null));
    marked = [];
    const byField = new Map();
    const rest = [];
    for (const p of problems || []) {
      const el = fieldFor(p.path);
      if (!el) { rest.push(p); continue; }
      if (!byField.has(el)) byField.set(el, []);
      const t = problemText(p.code);
      if (!byField.get(el).includes(t)) byField.get(el).push(t);
    }
    for (const [el, texts] of byField) {
      fieldError(el, texts.join(' '));
      marked.push(el);
    }
    return rest;
  }

  return { element, read, fill, showProblems, fieldFor };
}
