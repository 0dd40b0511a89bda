// "Ganti kata sandi" (#/kata-sandi): a signed-in person changes their own password at any time, giving the current
// one (changePassword). The person's other sessions end; this one goes on. Each refusal is shown at its field, in the
// server's Indonesian (the console asks for it).

import { gql } from '../api.js';
import { h, fill, errorBox, fieldError } from '../ui.js';
import { MIN_LENGTH, newPasswordReady } from '../password_admin.js';

export const CHANGE = `mutation($current: String!, $new: String!) {
  changePassword(current: $current, new: $new) { changed errors { path code message } }
}`;
const MAX_LENGTH = 128;

export async function render(root, params, ctx) {
  document.title = 'Ganti kata sandi · Kinerja';
  if (!ctx.viewer || !ctx.viewer.person) {
    fill(root, h('h1', {}, 'Ganti kata sandi'),
      errorBox('Sesi ini tidak dimiliki oleh seorang pegawai, sehingga tidak memiliki kata sandi untuk diganti.'));
    return;
  }
  const field = (id, label, autocomplete) => {
    const input = h('input', { id, name: id, type: 'password', autocomplete, required: true, maxlength: String(MAX_LENGTH) });
    return [input, h('div', { class: 'field' }, h('label', { for: id }, label), input)];
  };
  const [current, currentField] = field('password-current', 'Kata sandi saat ini', 'current-password');
  const [fresh, freshField] = field('password-new', 'Kata sandi baru', 'new-password');
  const [again, againField] = field('password-confirm', 'Ulangi kata sandi baru', 'new-password');
  const submit = h('button', { type: 'submit', id: 'password-submit' }, 'Simpan kata sandi');
  const status = h('div', { id: 'password-status', 'aria-live': 'polite' });
  const form = h('form', { class: 'card login-card', novalidate: true, 'aria-labelledby': 'password-title' },
    h('h1', { id: 'password-title' }, 'Ganti kata sandi'),
    h('p', { class: 'muted' }, `Minimal ${MIN_LENGTH} karakter, tanpa NIP, dan berbeda dari kata sandi saat ini. `
      + 'Sesi Anda di perangkat lain akan berakhir; sesi ini tetap berjalan.'),
    currentField, freshField, againField, status,
    h('div', { class: 'actions' }, submit));

  const clear = () => [current, fresh, again].forEach((i) => fieldError(i, null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    status.replaceChildren();
    if (!current.value) {
      fieldError(current, 'Isi kata sandi saat ini.');
      current.focus();
      return;
    }
    if (!newPasswordReady(fresh, again, 'baru')) return;
    submit.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menyimpan…'));
    let answer;
    try {
      answer = (await gql(CHANGE, { current: current.value, new: fresh.value })).changePassword;
    } catch (err) {
      if (!ctx.isCurrent()) return;
      status.replaceChildren(errorBox(err));
      submit.disabled = false;
      return;
    }
    if (!ctx.isCurrent()) return;
    submit.disabled = false;
    status.replaceChildren();
    if (answer.errors.length) {
      for (const e of answer.errors) {
        const last = Array.isArray(e.path) ? e.path[e.path.length - 1] : null;
        const input = last === 'current' ? current : last === 'new' ? fresh : null;
        if (input) fieldError(input, e.message);
        else status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, e.message)));
      }
      const first = answer.errors[0];
      const last = Array.isArray(first.path) ? first.path[first.path.length - 1] : null;
      if (last === 'current') { current.value = ''; current.focus(); } else { fresh.focus(); }
      return;
    }
    [current, fresh, again].forEach((i) => { i.value = ''; });
    status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'password-done' },
      'Kata sandi berhasil diganti. Gunakan kata sandi baru saat masuk berikutnya.'));
  });
  fill(root, form);
  current.focus();
}
