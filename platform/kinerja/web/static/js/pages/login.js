// Sign-in page: NIP and password, the `login` mutation, then the session in sessionStorage.

import { gql, saveSession, ApiError } from '../api.js';
import { h, errorBox } from '../ui.js';

const LOGIN = `mutation($nip: String!, $password: String!) {
  login(nip: $nip, password: $password) { token expiresAt errors { path code message } }
}`;

// the Indonesian text of a login error; the server's (English) message goes under it as the detail
function loginErrorText(error) {
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return 'NIP atau kata sandi salah.';
    case 'TOO_MANY_ATTEMPTS': {
      const m = /(\d+)\s*second/i.exec(error.message || '') || /(\d+)/.exec(error.message || '');
      return m ? `Terlalu banyak percobaan; coba lagi dalam ${m[1]} detik.`
        : 'Terlalu banyak percobaan; coba lagi sebentar lagi.';
    }
    case 'LOCKED': {
      const m = /(\d+)\s*(second|minute)/i.exec(error.message || '');
      const when = m ? ` coba lagi dalam ${m[1]} ${m[2].toLowerCase() === 'second' ? 'detik' : 'menit'}` : ' coba lagi nanti';
      return `Akun/alamat dikunci sementara karena terlalu banyak percobaan yang gagal;${when}.`;
    }
    case 'RATE_LIMITED':
      return 'Terlalu banyak permintaan; coba lagi sebentar lagi.';
    case 'REQUIRED':
      return 'Isi NIP dan kata sandi.';
    default:
      return 'Isian tidak valid.';
  }
}

export async function render(root, params, ctx) {
  document.title = 'Masuk · Kinerja';
  const nip = h('input', { id: 'login-nip', name: 'nip', type: 'text', autocomplete: 'username', inputmode: 'numeric',
    required: true, maxlength: '40', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true, maxlength: '200' });
  const submit = h('button', { type: 'submit', id: 'login-submit' }, 'Masuk');
  const message = h('div', { id: 'login-message', 'aria-live': 'assertive' });

  const form = h('form', { class: 'card login-card', novalidate: true, 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Masuk ke Kinerja'),
    h('p', { class: 'muted' }, 'Masuk dengan NIP dan kata sandi Anda.'),
    h('div', { class: 'field' }, h('label', { for: 'login-nip' }, 'NIP'), nip),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Kata sandi'), password),
    message,
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const nipValue = nip.value.trim();
    if (!nipValue || !password.value) {
      message.replaceChildren(errorBox('Isi NIP dan kata sandi.'));
      (nipValue ? password : nip).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Memproses…';
    try {
      const data = await gql(LOGIN, { nip: nipValue, password: password.value });
      const result = data.login;
      if (result.errors && result.errors.length) {
        const first = result.errors[0];
        message.replaceChildren(h('div', { class: 'error-box', role: 'alert', 'data-code': first.code },
          h('strong', {}, loginErrorText(first)), h('p', { class: 'detail' }, first.message)));
        password.value = '';
        password.focus();
        return;
      }
      if (!result.token) {
        message.replaceChildren(errorBox('Server tidak mengembalikan token.'));
        return;
      }
      saveSession(result.token, result.expiresAt);
      password.value = '';
      ctx.navigate('#/');
    } catch (err) {
      message.replaceChildren(errorBox(err instanceof ApiError ? err : String(err)));
    } finally {
      submit.disabled = false;
      submit.textContent = 'Masuk';
    }
  });

  root.replaceChildren(form);
  nip.focus();
}
