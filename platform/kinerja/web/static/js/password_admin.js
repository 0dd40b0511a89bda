// "Atur ulang kata sandi" on the person page, for the admins the console offers it to (roles.js 'managesPeople'):
// a one-time password the person must change at the next sign-in (setPassword). The server decides the scope (an
// agency admin: an employee account of its agency who supervises nobody); its refusal is shown as it says it.

import { gql } from './api.js';
import { h, errorBox, fieldError } from './ui.js';
import { can, roleLabel } from './roles.js';

export const SET = `mutation($nip: String!, $password: String!, $role: Role) {
  setPassword(nip: $nip, password: $password, role: $role) { person { nip name } errors { path code message } }
}`;
export const MIN_LENGTH = 10;  // the server's own minimum (services/auth/passwords.py) says the same

// a new password and its repetition checked before sending (the server checks again): the first problem at its
// field, focused; true when both are fine. `what`: "baru", "sementara".
export function newPasswordReady(password, again, what) {
  if (password.value.length < MIN_LENGTH) {
    fieldError(password, `Kata sandi ${what} minimal ${MIN_LENGTH} karakter.`);
    password.focus();
    return false;
  }
  if (password.value !== again.value) {
    fieldError(again, `Kedua isian kata sandi ${what} tidak sama.`);
    again.focus();
    return false;
  }
  return true;
}
const MAX_LENGTH = 128;
// the roles ADMIN may give the account's sign-ins; an agency admin gives none (the server keeps EMPLOYEE)
const ADMIN_ROLES = ['EMPLOYEE', 'AGENCY_ADMIN', 'ADMIN'];

// the section, or null for a viewer the console does not offer it to
export function passwordResetSection(person, ctx) {
  const viewer = ctx && ctx.viewer;
  if (!can(viewer, 'managesPeople')) return null;
  const isAdmin = viewer.role === 'ADMIN';
  const password = h('input', { id: 'reset-password', name: 'reset-password', type: 'password',
    autocomplete: 'new-password', required: true, maxlength: String(MAX_LENGTH) });
  const again = h('input', { id: 'reset-confirm', name: 'reset-confirm', type: 'password',
    autocomplete: 'new-password', required: true, maxlength: String(MAX_LENGTH) });
  const role = isAdmin ? h('select', { id: 'reset-role', name: 'reset-role' },
    ADMIN_ROLES.map((r) => h('option', { value: r }, roleLabel(r)))) : null;
  const submit = h('button', { type: 'submit', id: 'reset-submit' }, 'Atur ulang kata sandi');
  const status = h('div', { id: 'reset-status', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'reset-form', novalidate: true, hidden: true },
    h('p', { class: 'muted' }, `Kata sandi sementara minimal ${MIN_LENGTH} karakter, tanpa NIP. ${person.name} wajib `
      + 'menggantinya saat masuk berikutnya; sesinya yang sedang berjalan berakhir.'),
    h('div', { class: 'field' }, h('label', { for: 'reset-password' }, 'Kata sandi sementara'), password),
    h('div', { class: 'field' }, h('label', { for: 'reset-confirm' }, 'Ulangi kata sandi sementara'), again),
    role ? h('div', { class: 'field' }, h('label', { for: 'reset-role' }, 'Peran saat masuk'), role,
      h('p', { class: 'muted' }, 'Peran ini berlaku untuk setiap sesi akun tersebut; pegawai tetap dapat masuk sebagai pegawai.'))
      : null,
    status,
    h('div', { class: 'actions' }, submit));
  const open = h('button', { type: 'button', class: 'button-secondary', id: 'reset-open', 'aria-expanded': 'false',
    'aria-controls': 'reset-form' }, 'Atur ulang kata sandi');
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) password.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(password, null);
    fieldError(again, null);
    status.replaceChildren();
    if (!newPasswordReady(password, again, 'sementara')) return;
    submit.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menyimpan…'));
    let answer;
    try {
      answer = (await gql(SET, { nip: person.nip, password: password.value, role: role ? role.value : null })).setPassword;
    } catch (err) {
      submit.disabled = false;
      if (ctx.isCurrent && !ctx.isCurrent()) return;
      // a refusal out of scope is a FORBIDDEN error: its Indonesian message says why
      status.replaceChildren(err && err.kind === 'forbidden'
        ? h('div', { class: 'error-box', role: 'alert', id: 'reset-refused' },
          h('strong', {}, 'Kata sandi tidak dapat diatur ulang.'), h('p', { class: 'detail' }, err.message))
        : errorBox(err));
      return;
    }
    submit.disabled = false;
    if (ctx.isCurrent && !ctx.isCurrent()) return;
    if (answer.errors.length) {
      status.replaceChildren();
      for (const e of answer.errors) {
        const last = Array.isArray(e.path) ? e.path[e.path.length - 1] : null;
        if (last === 'password') fieldError(password, e.message);
        else status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, e.message)));
      }
      password.focus();
      return;
    }
    password.value = '';
    again.value = '';
    const own = viewer.person && viewer.person.nip === person.nip;
    status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'reset-done' }, own
      ? 'Kata sandi Anda telah diatur.'
      : `Kata sandi sementara ${answer.person ? answer.person.name : person.name} telah diatur; `
        + 'ia wajib menggantinya saat masuk berikutnya.'));
  });

  return h('section', { 'aria-labelledby': 'reset-title', id: 'password-reset' },
    h('h2', { id: 'reset-title' }, 'Kata sandi'),
    h('div', { class: 'actions' }, open), form);
}
