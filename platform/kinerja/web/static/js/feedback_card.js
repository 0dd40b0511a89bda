// The person page's card "Umpan balik kinerja" for the shown period: the feedback with its dates and answers; the
// direct supervisor (or ADMIN) gives feedback (text, optional RHK); the person answers each one once.

import { gql } from './api.js';
import { h, fill, loading, fieldError, periodLabel, dateTime } from './ui.js';
import { isCurrentOf, sendMutation } from './forms.js';
import { dayText, showProblems, errorList, failBox } from './work_log_ui.js';

const FEEDBACK_FIELDS = 'id itemKey givenBy givenByName text givenOn answer answeredAt';

export const READ = `query($nip: String!, $period: String!, $cycle: Int!) {
  performanceFeedback(nip: $nip, period: $period) { ${FEEDBACK_FIELDS} }
  skp(nip: $nip, cycle: $cycle) { items { key workResult } }
}`;

export const GIVE = `mutation($input: PerformanceFeedbackInput!) {
  givePerformanceFeedback(input: $input) { feedback { ${FEEDBACK_FIELDS} } errors { path code message } }
}`;

export const ANSWER = `mutation($id: ID!, $text: String!) {
  answerPerformanceFeedback(id: $id, text: $text) { feedback { ${FEEDBACK_FIELDS} } errors { path code message } }
}`;

const TEXT_MAX = 2000;

function answerForm(f, isCurrent, onAnswered) {
  const id = `fb-${f.id}-answer`;
  const text = h('textarea', { id, name: 'answer', rows: '2', maxlength: String(TEXT_MAX) });
  const button = h('button', { type: 'submit', id: `${id}-save` }, 'Kirim tanggapan');
  const status = h('div', { id: `${id}-status`, 'aria-live': 'polite' });
  const form = h('form', { class: 'answer-form', novalidate: true, id: `${id}-form` },
    h('div', { class: 'field' }, h('label', { for: id }, 'Tanggapan Anda'), text), status,
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(text, null);
    const data = await sendMutation({ button, status, isCurrent, busyText: 'Mengirim…' }, ANSWER,
      { id: f.id, text: text.value });
    if (!data) return;
    const answer = data.answerPerformanceFeedback;
    if (answer.errors.length) {
      const { first, rest } = showProblems(answer.errors, (p) => (p[0] === 'text' ? text : null));
      status.replaceChildren(errorList('Tanggapan belum terkirim.', rest, `${id}-errors`));
      if (first) first.focus();
      return;
    }
    onAnswered(answer.feedback);
  });
  return form;
}

function feedbackItem(f, rhk, mayAnswer, isCurrent, onAnswered) {
  const about = f.itemKey ? `${f.itemKey}${rhk.get(f.itemKey) ? `: ${rhk.get(f.itemKey)}` : ''}` : null;
  return h('li', { class: 'card', 'data-feedback': f.id },
    h('p', { class: 'muted' }, dayText(f.givenOn), ' · dari ', f.givenByName || 'Admin',
      about ? ` · RHK ${about}` : null),
    h('p', { class: 'feedback-text' }, f.text),
    f.answer
      ? h('div', { class: 'feedback-answer' }, h('strong', {}, 'Tanggapan: '), h('span', { class: 'answer-text' }, f.answer),
        h('span', { class: 'muted' }, ` · ${dateTime(f.answeredAt)}`))
      : (mayAnswer ? answerForm(f, isCurrent, onAnswered) : h('p', { class: 'muted' }, 'Belum ditanggapi.')));
}

function giveForm(nip, period, items, isCurrent, onGiven) {
  const text = h('textarea', { id: 'fb-text', name: 'text', rows: '3', maxlength: String(TEXT_MAX) });
  const item = h('select', { id: 'fb-item', name: 'itemKey' },
    h('option', { value: '' }, '— Umpan balik umum —'),
    items.map((it) => h('option', { value: it.key }, `${it.key}: ${it.workResult}`)));
  const button = h('button', { type: 'submit', id: 'fb-save' }, 'Kirim umpan balik');
  const status = h('div', { id: 'fb-status', 'aria-live': 'polite' });
  const fields = { text, itemKey: item };
  const form = h('form', { id: 'fb-form', novalidate: true, 'aria-labelledby': 'fb-form-title' },
    h('h3', { id: 'fb-form-title' }, 'Beri umpan balik'),
    h('div', { class: 'field' }, h('label', { for: text.id }, 'Umpan balik'), text),
    h('div', { class: 'field' }, h('label', { for: item.id }, 'Tentang RHK', h('span', { class: 'muted' }, ' (opsional)')), item),
    status, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    [text, item].forEach((el) => fieldError(el, null));
    const data = await sendMutation({ button, status, isCurrent, busyText: 'Mengirim…' }, GIVE,
      { input: { nip, period, text: text.value, itemKey: item.value || null } });
    if (!data) return;
    const answer = data.givePerformanceFeedback;
    if (answer.errors.length) {
      const { first, rest } = showProblems(answer.errors, (p) => (p.length === 2 ? fields[p[1]] || null : null));
      status.replaceChildren(errorList('Umpan balik belum terkirim.', rest, 'fb-errors'));
      if (first) first.focus();
      return;
    }
    text.value = '';
    item.value = '';
    status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'fb-result' }, 'Umpan balik terkirim.'));
    onGiven(answer.feedback);
  });
  return form;
}

// the card's section, filled once its request answers; `person` is the person page's (nip, supervisor)
export function feedbackCard(person, cycle, period, ctx) {
  const section = h('section', { id: 'feedback', 'aria-labelledby': 'feedback-title' });
  const title = h('h2', { id: 'feedback-title' }, `Umpan balik kinerja · ${periodLabel(period)}`);
  const body = h('div', {});
  fill(section, title, body);
  loading(body);
  const isCurrent = isCurrentOf(ctx);
  const viewer = ctx.viewer || {};
  const viewerNip = viewer.person ? viewer.person.nip : null;
  const mayGive = viewer.role === 'ADMIN' || Boolean(viewerNip && person.supervisor && person.supervisor.nip === viewerNip);
  const mayAnswer = Boolean(viewerNip && viewerNip === person.nip);

  gql(READ, { nip: person.nip, period, cycle }).then((data) => {
    if (!isCurrent()) return;
    const items = data.skp ? data.skp.items : [];
    const rhk = new Map(items.map((it) => [it.key, it.workResult]));
    let list = data.performanceFeedback;
    const listBox = h('div', { id: 'feedback-list' });
    const show = () => {
      fill(listBox, list.length
        ? h('ul', { class: 'plain' }, list.map((f) => feedbackItem(f, rhk, mayAnswer, isCurrent, (saved) => {
          list = list.map((x) => (x.id === saved.id ? saved : x));
          show();
          const shown = listBox.querySelector(`[data-feedback="${saved.id}"] .answer-text`);
          if (shown) shown.setAttribute('role', 'status');
        })))
        : h('p', { class: 'empty' }, 'Belum ada umpan balik pada periode ini.'));
    };
    show();
    fill(body, listBox, mayGive ? giveForm(person.nip, period, items, isCurrent, (saved) => {
      list = [...list, saved];
      show();
    }) : null);
  }).catch((err) => {
    if (!isCurrent()) return;
    const code = err && err.errors && err.errors[0] && err.errors[0].extensions && err.errors[0].extensions.code;
    // the person page is wider than the work of a person (a colleague's page): say so instead of an error
    fill(body, code === 'NOT_FOUND' ? h('p', { class: 'empty', id: 'feedback-out-of-reach' },
      'Umpan balik pegawai ini hanya dapat dilihat oleh pegawai yang bersangkutan, atasan langsungnya, dan admin.')
      : failBox(err));
  });
  return section;
}
