// Sign-in page: NIP and password, the `login` mutation, then the session in sessionStorage. A one-time password (a
// reset by an admin: mustChangePassword) is changed first, on the "Ganti kata sandi" form: its session is kept only
// in this page until the change succeeds, since the server refuses it everything else.

import { gql, post, saveSession, ApiError } from '../api.js';
import { h, errorBox } from '../ui.js';

export const LOGIN = `mutation($nip: String!, $password: String!) {
  login(nip: $nip, password: $password) { token expiresAt mustChangePassword errors { path code message } }
}`;
export const CHANGE = `mutation($current: String!, $new: String!) {
  changePassword(current: $current, new: $new) { changed errors { path code message } }
}`;
const MIN_LENGTH = 10;

// the Indonesian text of why a new password was refused (the server answers the console in Indonesian too)
function newPasswordText(error) {
  const text = error.message || '';
  if (error.code === 'INVALID_CREDENTIALS') return 'Kata sandi sementara tidak lagi berlaku. Masuk lagi.';
  if (error.code === 'TOO_MANY_ATTEMPTS' || error.code === 'LOCKED') return loginErrorText(error);
  if (/at least (\d+) characters/.test(text)) return `Kata sandi baru minimal ${/at least (\d+)/.exec(text)[1]} karakter.`;
  if (/at most (\d+) characters/.test(text)) return `Kata sandi baru paling banyak ${/at most (\d+)/.exec(text)[1]} karakter.`;
  if (/spaces/.test(text)) return 'Kata sandi baru tidak boleh diawali atau diakhiri spasi.';
  if (/NIP/.test(text)) return 'Kata sandi baru tidak boleh memuat NIP.';
  if (/different characters/.test(text)) return 'Kata sandi baru harus memuat sedikitnya 4 karakter yang berbeda.';
  if (error.code === 'PASSWORD_UNCHANGED') return 'Kata sandi baru harus berbeda dari kata sandi sementara.';
  return error.message || 'Kata sandi baru tidak memenuhi syarat.';  // the server's own Indonesian (Accept-Language)
}

// "Ganti kata sandi": the one-time password's session sets the person's own password, then goes home
function renderChange(root, ctx, signIn) {
  document.title = 'Ganti kata sandi · Kinerja';
  const fresh = h('input', { id: 'change-new', name: 'new-password', type: 'password', autocomplete: 'new-password',
    required: true, maxlength: '128' });
  const again = h('input', { id: 'change-confirm', name: 'confirm-password', type: 'password',
    autocomplete: 'new-password', required: true, maxlength: '128' });
  const submit = h('button', { type: 'submit', id: 'change-submit' }, 'Simpan kata sandi');
  const message = h('div', { id: 'change-message', 'aria-live': 'assertive' });
  const fail = (text) => message.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, text)));
  const form = h('form', { class: 'card login-card', novalidate: true, 'aria-labelledby': 'change-title' },
    h('h1', { id: 'change-title' }, 'Ganti kata sandi'),
    h('p', { class: 'muted' }, 'Kata sandi Anda diatur ulang oleh admin dan hanya berlaku sekali. '
      + 'Buat kata sandi baru sebelum melanjutkan.'),
    h('p', { class: 'muted' }, `Minimal ${MIN_LENGTH} karakter, tanpa NIP, dan berbeda dari kata sandi sementara.`),
    h('div', { class: 'field' }, h('label', { for: 'change-new' }, 'Kata sandi baru'), fresh),
    h('div', { class: 'field' }, h('label', { for: 'change-confirm' }, 'Ulangi kata sandi baru'), again),
    message,
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (fresh.value.length < MIN_LENGTH) {
      fail(`Kata sandi baru minimal ${MIN_LENGTH} karakter.`);
      fresh.focus();
      return;
    }
    if (fresh.value !== again.value) {
      fail('Kedua isian kata sandi baru tidak sama.');
      again.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Memproses…';
    try {
      const { body, errors } = await post(CHANGE, { current: signIn.password, new: fresh.value },
        { token: signIn.token });
      const result = body && body.data && body.data.changePassword;
      if (errors.length || !result) {
        fail('Sesi berakhir. Masuk lagi dengan kata sandi sementara.');
        return;
      }
      if (result.errors && result.errors.length) {
        fail(newPasswordText(result.errors[0]));
        fresh.value = '';
        again.value = '';
        fresh.focus();
        return;
      }
      saveSession(signIn.token, signIn.expiresAt);
      fresh.value = '';
      again.value = '';
      ctx.navigate('#/');
    } catch (err) {
      fail('Tidak dapat menghubungi server. Coba lagi.');
    } finally {
      submit.disabled = false;
      submit.textContent = 'Simpan kata sandi';
    }
  });
  root.replaceChildren(form);
  fresh.focus();
}

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
      if (result.mustChangePassword) {
        const signIn = { token: result.token, expiresAt: result.expiresAt, password: password.value };
        password.value = '';
        renderChange(root, ctx, signIn);
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
