// "Buka kembali penilaian" on a finalized rating (the person page's rating section): for whom the console offers it
// (roles.js 'reopensRatings'; the server decides: reopenRating), a required reason, then a confirmation that says
// what happens; once reopened, the section shows the period as not finalized.

import { gql } from './api.js';
import { h, errorBox, fieldError, evaluationLabel, badge, PREDIKAT } from './ui.js';
import { can } from './roles.js';

export const REOPEN = `mutation($nip: String!, $period: String!, $reason: String!) {
  reopenRating(nip: $nip, period: $period, reason: $reason) { errors { path code message } }
}`;
const REASON_MAX = 2000;

// the control under a finalized rating, or null for a viewer the console does not offer it to
export function reopenControl(rating, nip, period, ctx) {
  if (!rating || !can(ctx && ctx.viewer, 'reopensRatings')) return null;
  const box = h('div', { id: 'reopen-rating', class: 'reopen' });
  const open = h('button', { type: 'button', class: 'button-secondary', id: 'reopen-open' }, 'Buka kembali penilaian');
  const reason = h('textarea', { id: 'reopen-reason', name: 'reason', rows: '3', maxlength: String(REASON_MAX), required: true });
  const status = h('div', { id: 'reopen-status', 'aria-live': 'polite' });
  const next = h('button', { type: 'button', id: 'reopen-next' }, 'Lanjutkan');
  const cancel = h('button', { type: 'button', class: 'button-secondary', id: 'reopen-cancel' }, 'Batal');
  const confirmBox = h('div', { id: 'reopen-confirm', class: 'warning', role: 'alertdialog', 'aria-labelledby': 'reopen-confirm-text', hidden: true });
  const form = h('form', { class: 'card', id: 'reopen-form', novalidate: true, hidden: true, 'aria-labelledby': 'reopen-title' },
    h('h3', { id: 'reopen-title' }, 'Buka kembali penilaian'),
    h('p', { class: 'muted' }, `Predikat ${evaluationLabel(period)} dihapus agar penilaian dapat difinalisasi ulang; `
      + 'jejak audit tetap menyimpannya.'),
    h('div', { class: 'field' }, h('label', { for: 'reopen-reason' }, 'Alasan membuka kembali (wajib)'), reason),
    confirmBox, status,
    h('div', { class: 'actions' }, next, cancel));

  const reset = () => {
    confirmBox.hidden = true;
    confirmBox.replaceChildren();
    next.hidden = false;
    reason.disabled = false;
  };
  open.addEventListener('click', () => {
    form.hidden = false;
    open.hidden = true;
    reason.focus();
  });
  cancel.addEventListener('click', () => {
    reset();
    fieldError(reason, null);
    status.replaceChildren();
    form.hidden = true;
    open.hidden = false;
    open.focus();
  });
  next.addEventListener('click', () => {
    status.replaceChildren();
    const text = reason.value.trim();
    if (!text) {
      fieldError(reason, 'Alasan wajib diisi untuk membuka kembali penilaian.');
      reason.focus();
      return;
    }
    if (text.length > REASON_MAX) {
      fieldError(reason, `Alasan paling banyak ${REASON_MAX} karakter.`);
      reason.focus();
      return;
    }
    fieldError(reason, null);
    reason.disabled = true;
    next.hidden = true;
    const yes = h('button', { type: 'button', id: 'reopen-yes' }, 'Ya, buka kembali');
    const no = h('button', { type: 'button', class: 'button-secondary', id: 'reopen-no' }, 'Tidak');
    confirmBox.replaceChildren(
      h('p', { id: 'reopen-confirm-text' }, h('strong', {}, `Buka kembali penilaian ${evaluationLabel(period)}? `),
        'Predikat ', badge(rating.predikat, PREDIKAT), ' tidak lagi final sampai penilaian difinalisasi ulang.'),
      h('div', { class: 'actions' }, yes, no));
    confirmBox.hidden = false;
    yes.focus();
    no.addEventListener('click', () => { reset(); reason.focus(); });
    yes.addEventListener('click', () => send(text, yes, no));
  });

  async function send(text, yes, no) {
    yes.disabled = true;
    no.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Memproses…'));
    let answer;
    try {
      answer = (await gql(REOPEN, { nip, period, reason: text })).reopenRating;
    } catch (err) {
      if (ctx.isCurrent && !ctx.isCurrent()) return;
      status.replaceChildren(errorBox(err));
      reset();
      return;
    }
    if (ctx.isCurrent && !ctx.isCurrent()) return;
    if (answer.errors.length) {
      const e = answer.errors[0];
      status.replaceChildren();
      reset();
      if (Array.isArray(e.path) && e.path[e.path.length - 1] === 'reason') {
        fieldError(reason, e.message);
        reason.focus();
      } else {
        status.replaceChildren(h('div', { class: 'error-box', role: 'alert', 'data-code': e.code },
          h('strong', {}, 'Penilaian tidak dapat dibuka kembali.'), h('p', { class: 'detail' }, e.message)));
      }
      return;
    }
    // the rating is gone: the section says so, as for a period never finalized
    const section = box.closest('section#rating');
    const notice = h('p', { class: 'notice', role: 'status', id: 'reopen-done' },
      `Penilaian ${evaluationLabel(period)} dibuka kembali dan dapat difinalisasi ulang.`);
    const empty = h('p', { class: 'empty' }, 'Penilaian periode ini belum difinalisasi.');
    if (section) {
      const heading = section.querySelector('h2');
      section.replaceChildren(...[heading, notice, empty].filter(Boolean));
    } else {
      box.replaceChildren(notice, empty);
    }
    notice.setAttribute('tabindex', '-1');
    notice.focus();
  }

  box.append(h('div', { class: 'actions' }, open), form);
  return box;
}
