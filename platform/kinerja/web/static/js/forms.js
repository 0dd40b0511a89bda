// Sending a form's mutation: the button disabled and a status line while it runs, a failed request shown.

import { gql } from './api.js';
import { h, errorBox } from './ui.js';

// ctx.isCurrent as a function that also answers when the page was rendered without one
export function isCurrentOf(ctx) {
  return () => !ctx || typeof ctx.isCurrent !== 'function' || ctx.isCurrent();
}

// The mutation's `data`, or null when the request failed (`failure(err)`, errorBox unless given, is then in `status`)
// or the page is no longer current (nothing touched). The button is enabled again in both cases but the last;
// `status` keeps the busy line on success, for the caller to replace.
export async function sendMutation({ button, status, isCurrent, busyText = 'Menyimpan…', failure = errorBox },
  query, variables) {
  button.disabled = true;
  status.replaceChildren(h('p', { class: 'loading', role: 'status' }, busyText));
  let data;
  try {
    data = await gql(query, variables);
  } catch (err) {
    if (isCurrent()) status.replaceChildren(failure(err));
    button.disabled = false;
    return null;
  }
  if (!isCurrent()) return null;
  button.disabled = false;
  return data;
}
