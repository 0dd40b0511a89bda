// Assessment form parts shared by the supervisor and self-assessment pages: fields, saving (CONFLICT), summary, texts.

import {
  h, errorBox, fieldError, fill, badge, codeText, dateTime, EXPECTATION, CORE_VALUE,
} from './ui.js';
import { sendMutation } from './forms.js';

// an assessment's period: a year, a quarter or a month
export const PERIOD_RE = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
const NOTE_MAX = 2000;
const COMMENT_MAX = 4000;

export const ASSESSMENT_FIELDS = `id kind period resultRating behaviorRating behaviorNotes { value note } comment
  results { itemKey rating realization feedback } version updatedAt actedByAdmin assessor { nip name }`;
const RESULT_TEXT_MAX = 2000;
const RHK_KIND = { MAIN: 'Utama', ADDITIONAL: 'Tambahan' };

// Indonesian text of the server's error codes for these forms; the server's (English) message is the detail
export const FORM_CODE_TEXT = {
  CONFLICT: 'Penilaian ini sudah diubah oleh orang lain.',
  FINALIZED: 'Nilai kinerja periode ini sudah difinalisasi; penilaian tidak dapat diubah lagi.',
  ALREADY_FINALIZED: 'Nilai kinerja periode ini sudah difinalisasi.',
  CYCLE_STATE: 'Tahap siklus tidak mengizinkan perubahan ini.',
  CYCLE_CLOSED: 'Siklus sudah ditutup; data tidak dapat diubah.',
  INVALID_PERIOD: 'Periode tidak valid.',
  INVALID_VALUE: 'Pilihan tidak valid.',
  INVALID_VERSION: 'Versi tidak valid.',
  DUPLICATE: 'Isian ganda.',
  REQUIRED: 'Wajib diisi.',
  TOO_LONG: 'Terlalu panjang.',
  FORBIDDEN: 'Anda tidak berwenang melakukan ini.',
  NOT_FOUND: 'Data tidak ditemukan.',
  OVERRIDE_REASON_REQUIRED: 'Penilaian hasil kerja berbeda dari saran: alasan wajib diisi.',
  CURVE_JUSTIFICATION_REQUIRED: 'Predikat ini melampaui batas kurva distribusi: justifikasi kurva wajib diisi.',
  ASSESSMENT_REQUIRED: 'Simpan penilaian atasan terlebih dahulu.',
  NO_SKP: 'Pegawai ini belum memiliki SKP pada siklus ini, sehingga hasil kerja tidak dapat dinilai per RHK.',
  TOO_MANY: 'Terlalu banyak isian.',
};

export function errorText(e) {
  return codeText(e, FORM_CODE_TEXT);
}

// a role=alert box listing user errors that belong to no field
export function errorList(errors, title = 'Data belum tersimpan.') {
  return h('div', { class: 'error-box', role: 'alert', 'data-codes': errors.map((e) => e.code).join(' ') },
    h('strong', {}, title),
    h('ul', {}, errors.map((e) => h('li', { 'data-code': e.code }, errorText(e)))));
}

// -- read-only summary of an assessment -----------------------------------------------------------------------------

export function assessmentSummary(a, idPrefix) {
  const notes = (a.behaviorNotes || []);
  return h('div', { class: 'assessment-summary', id: idPrefix || null, 'data-version': String(a.version) },
    h('dl', { class: 'facts' },
      h('dt', {}, 'Hasil kerja'), h('dd', { 'data-field': 'resultRating' }, badge(a.resultRating, EXPECTATION)),
      h('dt', {}, 'Perilaku kerja'), h('dd', { 'data-field': 'behaviorRating' }, badge(a.behaviorRating, EXPECTATION)),
      h('dt', {}, 'Versi'), h('dd', {}, String(a.version)),
      h('dt', {}, 'Diperbarui'), h('dd', {}, dateTime(a.updatedAt)),
      a.assessor && a.kind === 'SUPERVISOR' ? [h('dt', {}, 'Penilai'), h('dd', {}, a.assessor.name)] : null),
    (a.results || []).length ? [h('h3', {}, 'Penilaian per RHK'),
      h('dl', { class: 'facts results' }, a.results.map((n) => [
        h('dt', {}, n.itemKey), h('dd', { 'data-result': n.itemKey }, badge(n.rating, EXPECTATION),
          n.realization ? h('span', {}, ` Realisasi: ${n.realization}.`) : null,
          n.feedback ? h('span', {}, ` Umpan balik: ${n.feedback}`) : null)]))] : null,
    h('h3', {}, 'Catatan perilaku'),
    notes.length
      ? h('dl', { class: 'facts notes' }, notes.map((n) => [
        h('dt', {}, CORE_VALUE[n.value] || n.value), h('dd', { 'data-note': n.value }, n.note)]))
      : h('p', { class: 'empty' }, 'Tidak ada catatan.'),
    h('h3', {}, 'Komentar'),
    a.comment ? h('p', { class: 'comment', 'data-field': 'comment' }, a.comment) : h('p', { class: 'empty' }, 'Tidak ada komentar.'));
}

// -- the form fields shared by the supervisor and the self-assessment -----------------------------------------------

function counted(textarea, max) {
  const counter = h('p', { class: 'char-count', id: `${textarea.id}-count`, 'aria-live': 'off' });
  const update = () => {
    const n = textarea.value.trim().length;
    counter.textContent = `${n}/${max} karakter`;
    counter.classList.toggle('over', n > max);
  };
  textarea.addEventListener('input', update);
  update();
  textarea.setAttribute('aria-describedby', counter.id);
  return { counter, update };
}

function radioGroup(prefix, name, legend, suggestion) {
  const radios = Object.entries(EXPECTATION).map(([value, label]) => {
    const id = `${prefix}-${name}-${value}`;
    const input = h('input', { type: 'radio', id, name: `${prefix}-${name}`, value });
    return { value, input, el: h('div', { class: 'choice' }, input,
      h('label', { for: id }, label, value === suggestion ? h('span', { class: 'muted' }, ' (saran)') : null)) };
  });
  const set = h('fieldset', { class: 'choices', id: `${prefix}-${name}` }, h('legend', {}, legend),
    radios.map((r) => r.el));
  return {
    set,
    radios,
    get: () => (radios.find((r) => r.input.checked) || {}).value || null,
    put: (value) => radios.forEach((r) => { r.input.checked = r.value === value; }),
  };
}

/** Per RHK of the person's SKP: a rating, the realisation and the feedback (the evaluation form's columns). */
function rhkFields(prefix, rhk) {
  const rows = rhk.map((item) => {
    const id = `${prefix}-rhk-${item.key}`;
    const rating = h('select', { id: `${id}-rating`, name: `rhk-${item.key}-rating`, 'data-rhk': item.key },
      h('option', { value: '' }, '— belum dinilai —'),
      Object.entries(EXPECTATION).map(([value, label]) => h('option', { value }, label)));
    const realization = h('textarea', { id: `${id}-realization`, rows: '2', maxlength: String(RESULT_TEXT_MAX) });
    const feedback = h('textarea', { id: `${id}-feedback`, rows: '2', maxlength: String(RESULT_TEXT_MAX) });
    const element = h('div', { class: 'rhk-row', 'data-rhk': item.key },
      h('h3', {}, `${item.key} · ${RHK_KIND[item.kind] || item.kind}: `, item.workResult),
      h('div', { class: 'grid-2' },
        h('div', { class: 'field' }, h('label', { for: rating.id }, 'Penilaian RHK'), rating),
        h('div', { class: 'field' }, h('label', { for: realization.id }, 'Realisasi',
          h('span', { class: 'muted' }, ' (opsional)')), realization)),
      h('div', { class: 'field' }, h('label', { for: feedback.id }, 'Umpan balik',
        h('span', { class: 'muted' }, ' (opsional)')), feedback));
    return { key: item.key, rating, realization, feedback, element };
  });
  return {
    rows,
    element: rows.length ? h('fieldset', { class: 'choices rhk-set', id: `${prefix}-rhk` },
      h('legend', {}, 'Penilaian per rencana hasil kerja (RHK)'), rows.map((r) => r.element)) : null,
    values: () => rows.filter((r) => r.rating.value).map((r) => ({ itemKey: r.key, rating: r.rating.value,
      realization: r.realization.value.trim() || null, feedback: r.feedback.value.trim() || null })),
    fill(results) {
      const byKey = new Map((results || []).map((n) => [n.itemKey, n]));
      rows.forEach((r) => {
        const n = byKey.get(r.key);
        r.rating.value = n ? n.rating : '';
        r.realization.value = (n && n.realization) || '';
        r.feedback.value = (n && n.feedback) || '';
      });
    },
  };
}

/** The rating radios, the per-RHK ratings (when `rhk` is given), one note per core value and a comment, with
 * error placement by server path. */
export function assessmentFields(prefix, { suggestion = null, rhk = [] } = {}) {
  const results = rhkFields(prefix, rhk);
  const result = radioGroup(prefix, 'result', 'Penilaian hasil kerja', suggestion);
  const behavior = radioGroup(prefix, 'behavior', 'Penilaian perilaku kerja', null);
  const notes = {};
  const counters = [];
  const noteFields = Object.entries(CORE_VALUE).map(([value, label]) => {
    const id = `${prefix}-note-${value}`;
    const area = h('textarea', { id, name: `note-${value}`, rows: '2', 'data-core-value': value });
    notes[value] = area;
    const c = counted(area, NOTE_MAX);
    counters.push(c);
    return h('div', { class: 'field' }, h('label', { for: id }, label, h('span', { class: 'muted' }, ' (opsional)')),
      area, c.counter);
  });
  const comment = h('textarea', { id: `${prefix}-comment`, name: 'comment', rows: '3' });
  const commentCount = counted(comment, COMMENT_MAX);
  counters.push(commentCount);
  const element = h('div', { class: 'assessment-fields' },
    results.element,
    h('div', { class: 'grid-2' }, result.set, behavior.set),
    h('fieldset', { class: 'choices notes-set' }, h('legend', {}, 'Catatan perilaku (nilai dasar BerAKHLAK)'),
      noteFields),
    h('div', { class: 'field' }, h('label', { for: comment.id }, 'Komentar', h('span', { class: 'muted' }, ' (opsional)')),
      comment, commentCount.counter));
  const allInputs = () => [result.set, behavior.set, ...Object.values(notes), comment,
    ...results.rows.flatMap((r) => [r.rating, r.realization, r.feedback])];

  return {
    element,
    result,
    behavior,
    // the input as sent: notes trimmed, empty ones left out (their order decides the server's error paths)
    values() {
      const behaviorNotes = Object.entries(notes).map(([value, area]) => ({ value, note: area.value.trim() }))
        .filter((n) => n.note);
      return { resultRating: result.get(), behaviorRating: behavior.get(), behaviorNotes,
        comment: comment.value.trim() || null, results: results.values() };
    },
    fill(a, defaults = {}) {
      result.put(a ? a.resultRating : (defaults.resultRating || null));
      behavior.put(a ? a.behaviorRating : (defaults.behaviorRating || null));
      const byValue = new Map(((a && a.behaviorNotes) || []).map((n) => [n.value, n.note]));
      Object.entries(notes).forEach(([value, area]) => { area.value = byValue.get(value) || ''; });
      comment.value = (a && a.comment) || '';
      results.fill(a ? a.results : []);
      counters.forEach((c) => c.update());
    },
    // differs from a stored assessment (or anything entered when there is none)
    differsFrom(a) {
      const v = this.values();
      if (!a) return true;
      const stored = new Map((a.behaviorNotes || []).map((n) => [n.value, n.note]));
      const entered = new Map(v.behaviorNotes.map((n) => [n.value, n.note]));
      if (stored.size !== entered.size) return true;
      for (const [k, note] of entered) if (stored.get(k) !== note) return true;
      const sameResults = JSON.stringify(v.results) === JSON.stringify((a.results || []).map((n) => ({
        itemKey: n.itemKey, rating: n.rating, realization: n.realization || null, feedback: n.feedback || null })));
      return v.resultRating !== a.resultRating || v.behaviorRating !== a.behaviorRating
        || (v.comment || null) !== (a.comment || null) || !sameResults;
    },
    clearErrors() {
      allInputs().forEach((el) => fieldError(el, null));
    },
    // missing radio choices, checked before sending (the API types make them non-null)
    checkRequired() {
      let ok = true;
      for (const group of [result, behavior]) {
        if (!group.get()) {
          fieldError(group.set, 'Pilih salah satu.');
          ok = false;
        }
      }
      if (!ok) (result.get() ? behavior : result).radios[0].input.focus();
      return ok;
    },
    // places each user error next to its field; returns the ones that belong to no field
    showErrors(errors, sent) {
      const rest = [];
      const messages = new Map();
      for (const e of errors) {
        const p = e.path || [];
        let target = null;
        if (p[1] === 'resultRating') target = result.set;
        else if (p[1] === 'behaviorRating') target = behavior.set;
        else if (p[1] === 'comment') target = comment;
        else if (p[1] === 'results' && p.length >= 3) {
          const item = sent.results[Number(p[2])];
          const row = item ? results.rows.find((r) => r.key === item.itemKey) : null;
          target = row ? (row[p[3]] || row.rating) : (results.rows[0] ? results.rows[0].rating : null);
        } else if (p[1] === 'behaviorNotes' && p.length >= 3) {
          const item = sent.behaviorNotes[Number(p[2])];
          target = item ? notes[item.value] : null;
        }
        if (target) messages.set(target, [...(messages.get(target) || []), errorText(e)]);
        else rest.push(e);
      }
      let first = null;
      for (const [target, texts] of messages) {
        fieldError(target, texts.join('; '));
        first = first || target;
      }
      if (first) (first.tagName === 'FIELDSET' ? first.querySelector('input') : first).focus();
      return rest;
    },
  };
}

/**
 * The form card `<prefix>-form` of an assessment: title, the stored version's line (`whose` tersimpan: versi …),
 * the conflict box, the fields (made by assessmentFields(prefix)), the status and the save button; saving as below.
 * getSaved/setSaved read and replace the page's stored assessment. Returns {form, formBody, button}.
 */
export function assessmentForm({ prefix, fields, title, whose, legend, buttonText, disabled = false, getSaved, setSaved,
  mutation, field, base, reload, isCurrent }) {
  const savedLine = h('p', { class: 'muted', id: `${prefix}-version` });
  const showSaved = () => {
    const saved = getSaved();
    savedLine.textContent = saved
      ? `${whose} tersimpan: versi ${saved.version}, ${dateTime(saved.updatedAt)}.`
      : `${whose} belum pernah disimpan.`;
  };
  showSaved();
  const button = h('button', { type: 'submit', id: `${prefix}-save`, disabled }, buttonText);
  const status = h('div', { id: `${prefix}-status`, 'aria-live': 'polite' });
  const conflictBox = h('div', { id: `${prefix}-conflict`, hidden: true });
  const formBody = h('fieldset', { class: 'plain', disabled },
    h('legend', { class: 'visually-hidden' }, legend), fields.element);
  const form = h('form', { class: 'card form-card', id: `${prefix}-form`, novalidate: true,
    'aria-labelledby': `${prefix}-form-title` },
  h('h2', { id: `${prefix}-form-title` }, title), savedLine, conflictBox, formBody, status,
  h('div', { class: 'actions' }, button));
  wireAssessmentSave({
    form, fields, button, status, conflictBox, mutation, field, base, reload, idPrefix: prefix, isCurrent, getSaved,
    setSaved: (a) => { setSaved(a); showSaved(); },
  });
  return { form, formBody, button };
}

/** Save an assessment (create without version, update with it) and handle CONFLICT by re-reading the newer one. */
function wireAssessmentSave({ form, fields, button, status, conflictBox, mutation, field, base, getSaved,
  setSaved, reload, idPrefix, isCurrent }) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fields.clearErrors();
    status.replaceChildren();
    if (!fields.checkRequired()) {
      status.replaceChildren(errorBox('Lengkapi pilihan penilaian yang wajib.'));
      return;
    }
    const sent = fields.values();
    const saved = getSaved();
    const input = { ...base, ...sent, version: saved ? saved.version : null };
    const data = await sendMutation({ button, status, isCurrent }, mutation, { input });
    if (!data) return;
    const answer = data[field];
    if (answer.errors.length) {
      const conflict = answer.errors.find((e) => e.code === 'CONFLICT');
      if (conflict) {
        status.replaceChildren();
        await showConflict(conflict);
        return;
      }
      const rest = fields.showErrors(answer.errors, sent);
      status.replaceChildren(rest.length ? errorList(rest) : errorBox('Data belum tersimpan: periksa isian yang ditandai.'));
      return;
    }
    conflictBox.replaceChildren();
    conflictBox.hidden = true;
    setSaved(answer.assessment);
    status.replaceChildren(h('p', { class: 'success', role: 'status', id: `${idPrefix}-saved` },
      `Penilaian tersimpan (versi ${answer.assessment.version}, ${dateTime(answer.assessment.updatedAt)}).`));
  });

  // someone else saved meanwhile: read the newer assessment, show it, keep the user's entries to re-apply
  async function showConflict(conflict) {
    conflictBox.hidden = false;
    conflictBox.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Memuat data terbaru…'));
    let newer;
    try {
      newer = await reload();
    } catch (err) {
      if (isCurrent()) conflictBox.replaceChildren(errorBox(err));
      return;
    }
    if (!isCurrent()) return;
    setSaved(newer);
    const useNewer = h('button', { type: 'button', class: 'button-secondary', id: `${idPrefix}-use-newer`,
      on: { click: () => { fields.fill(newer); fields.clearErrors(); status.replaceChildren(); } } },
    'Muat data terbaru ke formulir');
    fill(conflictBox, h('div', { class: 'error-box', role: 'alert', id: `${idPrefix}-conflict-message`,
      'data-code': 'CONFLICT' },
    h('strong', {}, 'Penilaian ini sudah diubah oleh orang lain; isian Anda belum tersimpan.'),
    h('p', { class: 'detail' }, newer
      ? `Data terbaru (versi ${newer.version}) ada di bawah. Isian Anda masih di formulir: tekan "Simpan" lagi untuk `
        + 'menimpanya dengan isian Anda, atau muat data terbaru ke formulir.'
      : 'Penilaian tersebut tidak ditemukan lagi; tekan "Simpan" untuk membuatnya.'),
    h('p', { class: 'detail muted' }, conflict.message)),
    newer ? h('div', { class: 'card newer' }, h('h3', {}, 'Data terbaru'), assessmentSummary(newer, `${idPrefix}-newer`)) : null,
    newer ? h('div', { class: 'actions' }, useNewer) : null);
    conflictBox.querySelector('[role=alert]').setAttribute('tabindex', '-1');
    conflictBox.querySelector('[role=alert]').focus();
  }
}
