// The header's role switch: an admin who is also an employee signs in again as the employee ("Masuk sebagai
// pegawai"), and back ("Kembali sebagai Admin"). Signing in again needs the password (login(role:)), asked in a small
// dialog; the old session is ended, the new one saved, and app.js reloads the viewer (the nav follows the role).
// The role to go back to is kept for this tab only (sessionStorage), and forgotten when the session ends.

import { post, saveSession, session } from './api.js';
import { h } from './ui.js';
import { roleLabel } from './roles.js';
import { LOGIN, LOGOUT } from './session_documents.js';

const FROM_KEY = 'kinerja.switchedFrom';

function switchedFrom() {
  try {
    return sessionStorage.getItem(FROM_KEY);
  } catch (e) {
    return null;
  }
}

function remember(role) {
  try {
    if (role) sessionStorage.setItem(FROM_KEY, role);
    else sessionStorage.removeItem(FROM_KEY);
  } catch (e) { /* storage unavailable: the way back is not offered */ }
}

window.addEventListener('kinerja:session-cleared', () => remember(null));

// the control for the signed-in viewer, or null when there is no other role to switch to
export function roleSwitchControl(viewer, onSwitched) {
  if (!viewer || !viewer.person) return null;
  let target;  // [role to ask for (null: the account's own), the button's text, the role to remember]
  if (viewer.role !== 'EMPLOYEE') {
    target = ['EMPLOYEE', 'Masuk sebagai pegawai', viewer.role];
  } else {
    const back = switchedFrom();
    if (!back || back === 'EMPLOYEE') return null;
    target = [null, `Kembali sebagai ${roleLabel(back)}`, null];
  }
  const [role, text, rememberRole] = target;
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'role-switch', 'aria-haspopup': 'dialog' }, text);
  button.addEventListener('click', () => openDialog(viewer, role, text, rememberRole, onSwitched));
  return button;
}

function openDialog(viewer, role, text, rememberRole, onSwitched) {
  const old = document.getElementById('role-switch-dialog');
  if (old) old.remove();
  const password = h('input', { id: 'role-switch-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true, maxlength: '200' });
  const message = h('div', { id: 'role-switch-message', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', id: 'role-switch-submit' }, 'Lanjutkan');
  const cancel = h('button', { type: 'button', class: 'button-secondary', id: 'role-switch-cancel' }, 'Batal');
  const form = h('form', { method: 'dialog', novalidate: true },
    h('h2', { id: 'role-switch-title' }, text),
    h('p', { class: 'muted' }, 'Untuk berganti peran, masukkan kata sandi Anda. Sesi saat ini diakhiri dan diganti sesi baru.'),
    h('div', { class: 'field' }, h('label', { for: 'role-switch-password' }, 'Kata sandi'), password),
    message,
    h('div', { class: 'actions' }, submit, cancel));
  const dialog = h('dialog', { id: 'role-switch-dialog', class: 'card', 'aria-labelledby': 'role-switch-title' }, form);
  const fail = (t) => message.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, t)));
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!password.value) {
      fail('Isi kata sandi Anda.');
      password.focus();
      return;
    }
    submit.disabled = true;
    const before = session();
    let result;
    try {
      const { body, errors } = await post(LOGIN, { nip: viewer.person.nip, password: password.value, role });
      result = body && body.data && body.data.login;
      if (errors.length || !result) {
        fail(errors[0] && errors[0].message ? errors[0].message : 'Server mengembalikan kesalahan.');
        return;
      }
    } catch (err) {
      fail('Tidak dapat menghubungi server. Coba lagi.');
      return;
    } finally {
      submit.disabled = false;
    }
    if (result.errors.length) {
      const e = result.errors[0];
      fail(e.code === 'INVALID_CREDENTIALS' ? 'Kata sandi salah.' : e.message);
      password.value = '';
      password.focus();
      return;
    }
    password.value = '';
    if (result.mustChangePassword) {
      fail('Kata sandi Anda harus diganti lebih dulu: keluar, lalu masuk lagi untuk menggantinya.');
      post(LOGOUT, {}, { token: result.token }).catch(() => {});
      return;
    }
    // the old session ends (whatever the server answers), the new one takes its place
    if (before) await post(LOGOUT, {}, { token: before.token }).catch(() => {});
    saveSession(result.token, result.expiresAt);
    remember(rememberRole);
    dialog.close();
    onSwitched();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  password.focus();
}
