// The previews of an indicator draft: on sample inputs (value, capaian, suggested rating, the formula's steps) and on
// a period's history (each target's stored inputs through the current version and the draft, side by side).
// Also the problem list every indicator page shows (Indonesian, each at its field's label).

import { gql } from './api.js';
import { h, fill, num, badge, unitText, periodLabel, EXPECTATION } from './ui.js';
import { problemText, mutationPathLabel } from './indicator_labels.js';
import { failText } from './indicator_steps.js';

const OUTCOME = 'value achievement suggestedRating problems { path code message }';
// a history row's outcome without its problems: the query cost counts each row's problem list at the bound of any
// outcome's (sample inputs may name thousands of unknown inputs), which 500 rows take far past the limit; a row
// that cannot be computed shows so by its missing value
const ROW_OUTCOME = 'value achievement suggestedRating';
export const PREVIEW = `query($id: Int!, $inputs: JSON!, $t: Float, $lo: Float, $up: Float) {
  previewIndicator(id: $id, inputs: $inputs, target: $t, targetLower: $lo, targetUpper: $up) {
    preview { outcome { ${OUTCOME} } steps { expression value problem } target targetLower targetUpper }
    errors { path code message } } }`;
export const ON_HISTORY = `query($id: Int!) { previewIndicatorOnHistory(id: $id) {
  preview { indicator period currentVersion total changed rows { target workResult nip personName inputs storedVersion
    current { ${ROW_OUTCOME} } draft { ${ROW_OUTCOME} } changed } }
  errors { path code message } } }`;

// a list of problems, each "label: text"; label(path) turns a path into its field's name
export function problemList(problems, label = mutationPathLabel, id = null) {
  if (!problems || !problems.length) return null;
  return h('ul', { class: 'problems', id }, problems.map((p) => h('li', { 'data-code': p.code },
    h('strong', {}, `${label(p.path)}:`), ' ', problemText(p.code))));
}

function outcomeCells(o, unit, col) {
  if ((o.problems && o.problems.length) || o.value === null) {
    return [h('td', { colspan: '3', 'data-col': `${col}-problem` }, 'Tidak dapat dihitung dari isian tersimpan.')];
  }
  return [h('td', { class: 'num', 'data-col': `${col}-value` }, `${num(o.value)} ${unit}`.trim()),
    h('td', { class: 'num', 'data-col': `${col}-achievement` }, o.achievement === null ? '—' : `${num(o.achievement)} %`),
    h('td', { 'data-col': `${col}-rating` }, badge(o.suggestedRating, EXPECTATION))];
}

// the sample-input preview: a field per input, an optional target, and the answer with the formula's steps
export function samplePreview({ draftId, inputs, unit, beforeRun, isCurrent }) {
  const fields = Object.entries(inputs || {}).map(([name, spec]) => {
    const input = h('input', { id: `p-in-${name}`, inputmode: 'decimal', 'data-input': name });
    return [name, input, h('div', { class: 'field' }, h('label', { for: input.id }, (spec && spec.label) || name,
      h('span', { class: 'muted' }, ` (${name})`)), input)];
  });
  const target = h('input', { id: 'p-target', inputmode: 'decimal' });
  const run = h('button', { type: 'submit', id: 'p-run' }, 'Hitung pratinjau');
  const out = h('div', { id: 'p-result', 'aria-live': 'polite' });
  const form = h('form', { id: 'p-form', novalidate: true, class: 'card form-card' },
    h('h3', {}, 'Pratinjau pada contoh isian'),
    h('div', { class: 'field-grid' }, fields.map((f) => f[2]),
      h('div', { class: 'field' }, h('label', { for: 'p-target' }, 'Target', h('span', { class: 'muted' }, ' (opsional; kosong: target bawaan)')), target)),
    h('div', { class: 'actions' }, run), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    run.disabled = true;
    out.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menghitung…'));
    try {
      const id = await beforeRun();
      if (!id) { out.replaceChildren(); return; }
      const values = {};
      for (const [name, input] of fields) {
        const t = input.value.trim();
        if (t === '') continue;
        const n = Number(t.replace(',', '.'));
        values[name] = Number.isFinite(n) ? n : t;
      }
      const tt = target.value.trim();
      const tn = tt === '' ? null : Number(tt.replace(',', '.'));
      const data = await gql(PREVIEW, { id, inputs: values, t: Number.isFinite(tn) ? tn : null });
      if (!isCurrent()) return;
      const answer = data.previewIndicator;
      if (answer.errors.length) {
        out.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Pratinjau tidak dapat dihitung.'),
          problemList(answer.errors)));
        return;
      }
      const p = answer.preview;
      const u = unitText(unit);
      const o = p.outcome;
      fill(out, h('div', { class: 'success', role: 'status', id: 'p-outcome' },
        o.problems.length ? [h('strong', {}, 'Isian contoh belum dapat dihitung.'), problemList(o.problems)] : h('dl', { class: 'facts' },
          h('dt', {}, 'Realisasi'), h('dd', { 'data-col': 'value' }, `${num(o.value)} ${u}`.trim()),
          h('dt', {}, 'Capaian'), h('dd', { 'data-col': 'achievement' }, o.achievement === null ? '—' : `${num(o.achievement)} %`),
          h('dt', {}, 'Rekomendasi penilaian'), h('dd', { 'data-col': 'rating' }, badge(o.suggestedRating, EXPECTATION)),
          h('dt', {}, 'Target'), h('dd', { 'data-col': 'target' }, p.targetLower !== null && p.targetUpper !== null
            ? `${num(p.targetLower)}–${num(p.targetUpper)}` : num(p.target)))),
      p.steps.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'p-steps' }, h('caption', {}, 'Langkah perhitungan rumus'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Bagian rumus'), h('th', { scope: 'col', class: 'num' }, 'Nilai'))),
        h('tbody', {}, p.steps.map((s) => h('tr', {}, h('td', { class: 'code' }, s.expression),
          h('td', { class: 'num' }, s.value === null ? 'tidak dapat dihitung' : num(s.value, 4))))))) : null);
    } catch (err) {
      if (isCurrent()) out.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
    } finally {
      run.disabled = false;
    }
  });
  return form;
}

// the history preview of a saved draft that changes an indicator, as a section (loads at once)
export async function historyPreview(draftId, unit) {
  const box = h('section', { class: 'history-preview', 'data-draft': String(draftId) });
  let data;
  try {
    data = await gql(ON_HISTORY, { id: draftId });
  } catch (err) {
    box.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
    return box;
  }
  const answer = data.previewIndicatorOnHistory;
  if (answer.errors.length) {
    box.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Pratinjau pada riwayat tidak dapat dibuat.'),
      problemList(answer.errors)));
    return box;
  }
  const p = answer.preview;
  const u = unitText(unit);
  if (!p.period) {
    box.replaceChildren(h('p', { class: 'empty' }, 'Belum ada capaian tercatat untuk indikator ini: tidak ada yang berubah.'));
    return box;
  }
  const head = (t) => h('th', { scope: 'col', colspan: '3' }, t);
  box.replaceChildren(
    h('p', { class: 'lead', 'data-changed': String(p.changed), 'data-total': String(p.total) },
      `${periodLabel(p.period)}: ${num(p.changed, 0)} dari ${num(p.total, 0)} capaian akan berubah dengan draf ini.`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'history-rows' },
      h('caption', {}, `Capaian ${periodLabel(p.period)}: versi berlaku dan draf`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Pegawai'), h('th', { scope: 'col' }, 'Hasil kerja'),
        head('Versi berlaku'), head('Draf'), h('th', { scope: 'col' }, 'Berubah'))),
      h('tbody', {}, p.rows.map((r) => h('tr', { 'data-target': String(r.target), 'data-changed': r.changed.length ? 'yes' : 'no',
        class: r.changed.length ? 'changed' : null },
      h('td', {}, r.personName || '—', r.nip ? [h('br'), h('span', { class: 'code' }, r.nip)] : null),
      h('td', {}, r.workResult),
      outcomeCells(r.current, u, 'current'), outcomeCells(r.draft, u, 'draft'),
      h('td', { 'data-col': 'changed' }, r.changed.length ? `Ya: ${r.changed.map((c) => ({
        value: 'realisasi', achievement: 'capaian', suggestedRating: 'rekomendasi' }[c] || 'lainnya')).join(', ')}` : 'Tidak')))))));
  return box;
}
