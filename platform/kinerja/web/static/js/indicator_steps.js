// The steps of an indicator draft (save, submit, approve, reject) and of an indicator (retire) as requests, a failed
// request's Indonesian text, and the in-page confirmation step the final decisions take.

import { gql } from './api.js';
import { h } from './ui.js';
import { PROBLEM_TEXT } from './indicator_labels.js';

export const DRAFT_FIELDS = `id code fullCode status version changesIndicator baseVersion yaml note approvedVersion
  createdBy createdAt updatedBy updatedAt submittedBy submittedAt decidedBy decidedAt agency { code name }`;
const PAYLOAD = `draft { ${DRAFT_FIELDS} } errors { path code message }`;

export const SAVE = `mutation($a: String!, $y: String!, $id: Int, $v: Int) {
  saveIndicatorDraft(input: {agency: $a, yaml: $y, id: $id}, version: $v) { ${PAYLOAD} } }`;
export const SUBMIT = `mutation($id: Int!, $v: Int) { submitIndicatorDraft(id: $id, version: $v) { ${PAYLOAD} } }`;
export const APPROVE = `mutation($id: Int!, $v: Int) { approveIndicatorDraft(id: $id, version: $v) { ${PAYLOAD} } }`;
export const REJECT = `mutation($id: Int!, $n: String!, $v: Int) { rejectIndicatorDraft(id: $id, note: $n, version: $v) { ${PAYLOAD} } }`;
export const RETIRE = `mutation($c: String!, $r: String!) { retireIndicator(code: $c, reason: $r) {
  indicator { code active } errors { path code message } } }`;

const KIND_TEXT = {
  network: 'Server tidak dapat dihubungi. Periksa sambungan, lalu coba lagi.',
  forbidden: 'Anda tidak berwenang melakukan langkah ini.',
  unauthenticated: 'Sesi Anda berakhir; silakan masuk kembali.',
};

// a failed request (ApiError) as one Indonesian sentence
export function failText(err) {
  const code = err && err.errors && err.errors[0] && err.errors[0].extensions && err.errors[0].extensions.code;
  if (code && PROBLEM_TEXT[code]) return PROBLEM_TEXT[code];
  return (err && KIND_TEXT[err.kind]) || 'Terjadi kesalahan; coba lagi.';
}

// each resolves to the payload {draft, errors} (retire: {indicator, errors}); a failed request throws ApiError
export const saveDraft = async (agency, yaml, id, version) => (await gql(SAVE, { a: agency, y: yaml, id, v: version })).saveIndicatorDraft;
export const submitDraft = async (id, version) => (await gql(SUBMIT, { id, v: version })).submitIndicatorDraft;
export const approveDraft = async (id, version) => (await gql(APPROVE, { id, v: version })).approveIndicatorDraft;
export const rejectDraft = async (id, note, version) => (await gql(REJECT, { id, n: note, v: version })).rejectIndicatorDraft;
export const retireIndicator = async (code, reason) => (await gql(RETIRE, { c: code, r: reason })).retireIndicator;

// whether the answer's errors say the draft changed meanwhile (the page should be reloaded)
export function isStale(errors) {
  return (errors || []).some((e) => e.code === 'STALE_VERSION');
}

// An in-page confirmation in `box`: the question, a confirm and a cancel button; onConfirm runs on the first.
export function confirmStep(box, { id, title, text, confirmLabel, onConfirm }) {
  const yes = h('button', { type: 'button', id: `${id}-yes` }, confirmLabel);
  const no = h('button', { type: 'button', id: `${id}-no`, class: 'button-secondary' }, 'Batal');
  const heading = h('h3', { id: `${id}-title`, tabindex: '-1' }, title);
  box.replaceChildren(h('div', { class: 'warning', role: 'group', id, 'aria-labelledby': `${id}-title` },
    heading, h('p', {}, text), h('div', { class: 'actions' }, yes, no)));
  box.hidden = false;
  heading.focus();
  no.addEventListener('click', () => { box.replaceChildren(); box.hidden = true; });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    no.disabled = true;
    try {
      await onConfirm();
    } finally {
      yes.disabled = false;
      no.disabled = false;
    }
  });
}
