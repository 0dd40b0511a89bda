// One objection (#/keberatan/<id>): its facts (the employee, the assessing official, the deciding superior, the
// reason, the original ratings and, once decided, the decision), its statements with a form to add one
// (mayAddStatement), and the decision form (mayDecide) with a confirmation step: the decision is final.
// One request to show it; each mutation answers the objection as it now stands.

import { gql } from '../api.js';
import {
  h, fill, loading, badge, dateTime, evaluationLabel, fieldError, PREDIKAT, EXPECTATION,
} from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { failBox } from '../work_log_ui.js';
import {
  OBJECTION_OUTCOME, OBJECTION_ROLE, statusBadge, showObjectionErrors, sendObjection,
} from '../objection_ui.js';

const TEXT_MAX = 2000;
const REFERENCE_MAX = 200;

const OBJECTION_FIELDS = `id period reason status filedAt oldResultRating oldBehaviorRating oldPredikat
  newResultRating newBehaviorRating newPredikat decisionReason decisionReference decidedAt
  person { nip name position } assessor { nip name position } decider { nip name position }
  statements { role text at author { nip name } } mayDecide mayAddStatement`;

export const OBJECTION = `query($id: ID!) { objection(id: $id) { ${OBJECTION_FIELDS} } }`;

export const ADD_STATEMENT = `mutation($id: ID!, $text: String!) {
  addObjectionStatement(id: $id, text: $text) { objection { ${OBJECTION_FIELDS} } errors { path code message } }
}`;

export const DECIDE = `mutation($input: ObjectionDecisionInput!) {
  decideObjection(input: $input) { objection { ${OBJECTION_FIELDS} } errors { path code message } }
}`;

const official = (p) => (p ? [p.name, h('span', { class: 'muted' }, ` · ${p.nip}${p.position ? ` · ${p.position}` : ''}`)]
  : h('span', { class: 'muted' }, '—'));

function facts(o) {
  const decided = o.status !== 'OPEN';
  return h('section', { class: 'card form-card', id: 'objection-facts', 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title' }, 'Keberatan'),
    h('dl', { class: 'facts objection-facts' },
      h('dt', {}, 'Pegawai'), h('dd', { 'data-col': 'person' }, o.person
        ? [h('a', { href: `#/person/${encodeURIComponent(o.person.nip)}` }, o.person.name),
          h('span', { class: 'muted' }, ` · ${o.person.nip}`)] : '—'),
      h('dt', {}, 'Periode'), h('dd', { 'data-col': 'period' }, evaluationLabel(o.period)),
      h('dt', {}, 'Pejabat penilai'), h('dd', { 'data-col': 'assessor' }, o.assessor ? official(o.assessor)
        : h('span', { class: 'muted' }, 'Admin (menggantikan atasan langsung)')),
      h('dt', {}, 'Atasan pejabat penilai'), h('dd', { 'data-col': 'decider' }, o.decider ? official(o.decider)
        : 'Di luar aplikasi (keputusan dicatat BKPSDM)'),
      h('dt', {}, 'Diajukan'), h('dd', { 'data-col': 'filedAt' }, dateTime(o.filedAt)),
      h('dt', {}, 'Alasan keberatan'), h('dd', { 'data-col': 'reason', class: 'objection-text' }, o.reason),
      h('dt', {}, 'Hasil kerja semula'), h('dd', { 'data-col': 'oldResultRating' }, badge(o.oldResultRating, EXPECTATION)),
      h('dt', {}, 'Perilaku kerja semula'), h('dd', { 'data-col': 'oldBehaviorRating' },
        badge(o.oldBehaviorRating, EXPECTATION)),
      h('dt', {}, 'Predikat semula'), h('dd', { 'data-col': 'oldPredikat', 'data-value': o.oldPredikat },
        badge(o.oldPredikat, PREDIKAT)),
      h('dt', {}, 'Status'), h('dd', { 'data-col': 'status', 'data-value': o.status }, statusBadge(o.status))),
    decided ? h('div', { id: 'objection-decision' },
      h('h3', {}, 'Keputusan'),
      h('dl', { class: 'facts objection-facts' },
        h('dt', {}, 'Keputusan'), h('dd', { 'data-col': 'outcome' }, OBJECTION_OUTCOME[o.status] || '—'),
        o.status === 'CHANGED' ? [
          h('dt', {}, 'Hasil kerja baru'), h('dd', { 'data-col': 'newResultRating' }, badge(o.newResultRating, EXPECTATION)),
          h('dt', {}, 'Perilaku kerja baru'), h('dd', { 'data-col': 'newBehaviorRating' },
            badge(o.newBehaviorRating, EXPECTATION)),
          h('dt', {}, 'Predikat baru'), h('dd', { 'data-col': 'newPredikat', 'data-value': o.newPredikat },
            badge(o.newPredikat, PREDIKAT))] : null,
        h('dt', {}, 'Alasan keputusan'), h('dd', { 'data-col': 'decisionReason', class: 'objection-text' },
          o.decisionReason || '—'),
        o.decisionReference ? [h('dt', {}, 'Nomor surat keputusan'),
          h('dd', { 'data-col': 'decisionReference' }, o.decisionReference)] : null,
        h('dt', {}, 'Diputuskan'), h('dd', { 'data-col': 'decidedAt' }, dateTime(o.decidedAt)))) : null);
}

function statementsSection(o, isCurrent, onChanged) {
  const list = o.statements.length
    ? h('ul', { class: 'plain', id: 'statement-list' }, o.statements.map((s, i) => h('li', { class: 'card',
      'data-statement': String(i), 'data-role': s.role },
    h('p', { class: 'muted' }, h('strong', {}, OBJECTION_ROLE[s.role] || 'Pihak lain'),
      s.author ? ` · ${s.author.name}` : '', ` · ${dateTime(s.at)}`),
    h('p', { class: 'objection-text statement-text' }, s.text))))
    : h('p', { class: 'empty', id: 'statement-list' }, 'Belum ada pernyataan.');
  return h('section', { id: 'statements', 'aria-labelledby': 'statements-title' },
    h('h2', { id: 'statements-title' }, 'Pernyataan'),
    list,
    o.mayAddStatement ? statementForm(o, isCurrent, onChanged) : null);
}

function statementForm(o, isCurrent, onChanged) {
  const text = h('textarea', { id: 'statement-text', name: 'text', rows: '3', maxlength: String(TEXT_MAX) });
  const button = h('button', { type: 'submit', id: 'statement-save' }, 'Kirim pernyataan');
  const status = h('div', { id: 'statement-status', 'aria-live': 'polite' });
  const form = h('form', { id: 'statement-form', class: 'card form-card', novalidate: true,
    'aria-labelledby': 'statement-form-title' },
  h('h3', { id: 'statement-form-title' }, 'Tambah pernyataan'),
  h('div', { class: 'field' }, h('label', { for: text.id }, 'Pernyataan Anda'), text),
  status, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(text, null);
    const answer = await sendObjection({ button, status, isCurrent }, ADD_STATEMENT, { id: o.id, text: text.value },
      'addObjectionStatement');
    if (!answer) return;
    if (answer.errors.length) {
      showObjectionErrors(answer.errors, (p) => (p[0] === 'text' ? text : null), status,
        'Pernyataan belum terkirim.', 'statement-errors');
      return;
    }
    onChanged(answer.objection, 'Pernyataan terkirim.');
  });
  return form;
}

function ratingSelect(id, label, value) {
  const select = h('select', { id, name: id },
    Object.entries(EXPECTATION).map(([code, text]) => h('option', { value: code }, text)));
  select.value = value;
  return { select, field: h('div', { class: 'field' }, h('label', { for: id }, label), select) };
}

function decisionForm(o, isCurrent, onChanged) {
  const byAdmin = !o.decider; // ADMIN records the decision of a superior outside the platform
  const radios = Object.entries(OBJECTION_OUTCOME).map(([value, label]) => {
    const input = h('input', { type: 'radio', id: `decide-outcome-${value}`, name: 'outcome', value });
    return { value, input, el: h('div', { class: 'choice' }, input, h('label', { for: input.id }, label)) };
  });
  const outcome = h('fieldset', { class: 'choices', id: 'decide-outcome' }, h('legend', {}, 'Keputusan'),
    radios.map((r) => r.el));
  const result = ratingSelect('decide-result', 'Penilaian hasil kerja baru', o.oldResultRating);
  const behavior = ratingSelect('decide-behavior', 'Penilaian perilaku kerja baru', o.oldBehaviorRating);
  const ratings = h('div', { class: 'field-grid', id: 'decide-ratings', hidden: true }, result.field, behavior.field);
  const reason = h('textarea', { id: 'decide-reason', name: 'reason', rows: '3', maxlength: String(TEXT_MAX) });
  const reference = h('input', { id: 'decide-reference', name: 'reference', type: 'text',
    maxlength: String(REFERENCE_MAX) });
  const button = h('button', { type: 'submit', id: 'decide-save' }, 'Lanjutkan');
  const status = h('div', { id: 'decide-status', 'aria-live': 'polite' });
  const confirmBox = h('div', { id: 'decide-confirm', hidden: true });
  const chosen = () => (radios.find((r) => r.input.checked) || {}).value || null;
  const body = h('fieldset', { class: 'plain' }, h('legend', { class: 'visually-hidden' }, 'Keputusan atas keberatan'),
    outcome, ratings,
    h('div', { class: 'field' }, h('label', { for: reason.id }, 'Alasan keputusan'), reason),
    h('div', { class: 'field' }, h('label', { for: reference.id }, 'Nomor surat keputusan',
      byAdmin ? null : h('span', { class: 'muted' }, ' (opsional)')), reference));
  radios.forEach((r) => r.input.addEventListener('change', () => { ratings.hidden = chosen() !== 'CHANGED'; }));
  const form = h('form', { id: 'decide-form', class: 'card form-card', novalidate: true,
    'aria-labelledby': 'decide-form-title' },
  h('h2', { id: 'decide-form-title' }, 'Putuskan keberatan'),
  h('p', { class: 'notice' }, byAdmin
    ? 'Atasan pejabat penilai berada di luar aplikasi: catat keputusannya beserta nomor surat keputusan.'
    : 'Keputusan Anda bersifat final dan tidak dapat diubah setelah dikirim.'),
  body, status, h('div', { class: 'actions' }, button), confirmBox);

  const fields = { outcome, resultRating: result.select, behaviorRating: behavior.select, reason, reference };
  const clear = () => Object.values(fields).forEach((el) => fieldError(el, null));
  const input = () => {
    const value = { id: o.id, outcome: chosen(), reason: reason.value, reference: reference.value.trim() || null };
    if (value.outcome === 'CHANGED') {
      value.resultRating = result.select.value;
      value.behaviorRating = behavior.select.value;
    }
    return value;
  };
  const locked = (yes) => { body.disabled = yes; button.hidden = yes; };

  async function send() {
    const sendButton = confirmBox.querySelector('#decide-send');
    const answer = await sendObjection({ button: sendButton, status, isCurrent }, DECIDE, { input: input() },
      'decideObjection');
    if (!answer) return;
    if (answer.errors.length) {
      confirmBox.hidden = true;
      confirmBox.replaceChildren();
      locked(false);
      showObjectionErrors(answer.errors, (p) => (p[0] === 'input' ? fields[p[1]] || null : null), status,
        'Keputusan belum tersimpan.', 'decide-errors');
      return;
    }
    onChanged(answer.objection, 'Keputusan tersimpan.');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clear();
    status.replaceChildren();
    const value = input();
    const missing = [];
    if (!value.outcome) missing.push([outcome, 'Pilih salah satu.']);
    if (!value.reason.trim()) missing.push([reason, 'Wajib diisi.']);
    if (byAdmin && !value.reference) missing.push([reference, 'Wajib diisi: nomor surat keputusan atasan pejabat penilai.']);
    if (value.outcome === 'CHANGED' && value.resultRating === o.oldResultRating
      && value.behaviorRating === o.oldBehaviorRating) {
      missing.push([result.select, 'Pilih penilaian hasil kerja atau perilaku kerja yang berbeda dari penilaian semula.']);
    }
    if (missing.length) {
      missing.forEach(([el, text]) => fieldError(el, text));
      const first = missing[0][0];
      (first.tagName === 'FIELDSET' ? first.querySelector('input') : first).focus();
      return;
    }
    locked(true);
    const back = h('button', { type: 'button', class: 'button-secondary', id: 'decide-back', on: { click: () => {
      confirmBox.hidden = true;
      confirmBox.replaceChildren();
      locked(false);
      button.focus();
    } } }, 'Kembali');
    const sendButton = h('button', { type: 'button', id: 'decide-send', on: { click: send } }, 'Ya, kirim keputusan');
    const heading = h('h3', { id: 'decide-confirm-title', tabindex: '-1' }, 'Periksa kembali keputusan Anda');
    fill(confirmBox, h('div', { class: 'warning', role: 'group', 'aria-labelledby': 'decide-confirm-title' },
      heading,
      h('p', {}, 'Keputusan atas keberatan bersifat final: setelah dikirim tidak dapat diubah atau dibatalkan.'),
      h('dl', { class: 'facts objection-facts' },
        h('dt', {}, 'Keputusan'), h('dd', {}, OBJECTION_OUTCOME[value.outcome]),
        value.outcome === 'CHANGED' ? [
          h('dt', {}, 'Hasil kerja'), h('dd', {}, EXPECTATION[value.resultRating]),
          h('dt', {}, 'Perilaku kerja'), h('dd', {}, EXPECTATION[value.behaviorRating])] : null,
        h('dt', {}, 'Alasan'), h('dd', { class: 'objection-text' }, value.reason.trim()),
        value.reference ? [h('dt', {}, 'Nomor surat keputusan'), h('dd', {}, value.reference)] : null),
      h('div', { class: 'actions' }, sendButton, back)));
    confirmBox.hidden = false;
    heading.focus();
  });
  return form;
}

export async function render(root, params, ctx) {
  const id = params.id;
  document.title = 'Keberatan · Kinerja';
  const isCurrent = isCurrentOf(ctx);
  loading(root);
  let objection;
  try {
    objection = (await gql(OBJECTION, { id })).objection;
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Keberatan'), failBox(err));
    return;
  }
  if (!isCurrent()) return;
  if (!objection) {
    fill(root, h('h1', {}, 'Keberatan'),
      h('p', { class: 'empty', id: 'objection-missing' }, 'Keberatan tidak ditemukan atau di luar akses Anda.'),
      h('p', {}, h('a', { href: '#/keberatan' }, 'Kembali ke daftar keberatan')));
    return;
  }
  const show = (o, message) => {
    const heading = h('h1', {}, `Keberatan ${o.person ? o.person.name : ''}`.trim());
    const done = message ? h('p', { class: 'success', role: 'status', id: 'objection-result', tabindex: '-1' }, message)
      : null;
    fill(root,
      h('p', {}, h('a', { href: '#/keberatan' }, '‹ Daftar keberatan')),
      heading,
      done,
      facts(o),
      statementsSection(o, isCurrent, show),
      o.mayDecide ? decisionForm(o, isCurrent, show) : null);
    if (done) done.focus();
  };
  show(objection);
}
