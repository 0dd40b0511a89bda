// Jabatan fungsional (#/jabatan/:agency): an agency's functional posts (FUNGSIONAL) with their annual credit-point
// coefficient (koefisien angka kredit tahunan, PermenPANRB 1/2023; docs/DOMAIN.md, "Credit points"), each set or
// cleared with a reason (setPostCreditCoefficient: ADMIN or the agency's admin; the server decides and audits). One
// request a load; a change answers the post as stored and only its card is drawn again. A payload error is shown
// at its field in the server's Indonesian words (the console sends Accept-Language: id), never its code.

import { gql } from '../api.js';
import { h, fill, loading, num, fieldError } from '../ui.js';
import { sendMutation, isCurrentOf } from '../forms.js';
import { failBox } from '../work_log_ui.js';

export const FUNCTIONAL_POSTS = `query FunctionalPosts($agency: String!) {
  agency(code: $agency) { code name }
  posts(agency: $agency, first: 1000) { id name kind creditCoefficient }
}`;

export const SET_COEFFICIENT = `mutation SetPostCreditCoefficient($post: ID!, $coefficient: Float, $reason: String) {
  setPostCreditCoefficient(post: $post, coefficient: $coefficient, reason: $reason) {
    post { id name kind creditCoefficient } errors { path code message }
  }
}`;

const REASON_MAX = 500;  // services/org/credit_coefficients.py REASON_MAX
const NUMBER = /^\d{1,3}(?:[.,]\d+)?$/;  // 12,5 or 12.5; the server checks the range and the decimals
const enc = encodeURIComponent;

const coefficientText = (c) => (c === null || c === undefined ? null : num(c, 2));

// one functional post: its coefficient, and the form that sets or clears it
function postCard(post, isCurrent) {
  const key = `post-${post.id}`;
  const shown = h('dd', { 'data-col': 'coefficient' });
  const draw = () => {
    const text = coefficientText(post.creditCoefficient);
    shown.setAttribute('data-value', post.creditCoefficient === null ? '' : String(post.creditCoefficient));
    shown.replaceChildren(text || h('span', { class: 'muted' }, 'Belum ditetapkan'));
  };
  draw();
  const input = h('input', { id: `${key}-coefficient`, name: 'coefficient', type: 'text', inputmode: 'decimal',
    autocomplete: 'off', maxlength: '12', value: coefficientText(post.creditCoefficient) || '',
    'aria-describedby': `${key}-hint` });
  const reason = h('input', { id: `${key}-reason`, name: 'reason', type: 'text', maxlength: String(REASON_MAX),
    autocomplete: 'off' });
  const save = h('button', { type: 'submit', id: `${key}-save` }, 'Simpan');
  const clear = h('button', { type: 'button', class: 'button-secondary', id: `${key}-clear` },
    'Kosongkan koefisien');
  const status = h('div', { id: `${key}-status` });
  const form = h('form', { novalidate: true, 'aria-label': `Koefisien angka kredit ${post.name}` },
    h('div', { class: 'field' }, h('label', { for: input.id }, 'Koefisien angka kredit tahunan'),
      h('p', { class: 'muted', id: `${key}-hint` }, 'Lebih dari 0 dan paling besar 100, paling banyak 2 angka di '
        + 'belakang koma (misalnya 12,5).'),
      input),
    h('div', { class: 'field' }, h('label', { for: reason.id }, 'Alasan',
      h('span', { class: 'muted' }, ' (dasar peraturan atau surat keputusan; dicatat di jejak audit)')), reason),
    status,
    h('div', { class: 'actions' }, save, clear));

  const send = async (coefficient, button) => {
    fieldError(input, null);
    fieldError(reason, null);
    const got = await sendMutation({ button, status, isCurrent, failure: failBox }, SET_COEFFICIENT,
      { post: post.id, coefficient, reason: reason.value.trim() || null });
    if (!got) return;
    const answer = got.setPostCreditCoefficient;
    if (answer.errors.length) {
      const rest = [];
      for (const e of answer.errors) {
        const last = Array.isArray(e.path) ? e.path[e.path.length - 1] : '';
        if (last === 'coefficient') fieldError(input, e.message);
        else if (last === 'reason') fieldError(reason, e.message);
        else rest.push(e);
      }
      status.replaceChildren(h('div', { class: 'error-box', role: 'alert', id: `${key}-errors`,
        'data-codes': answer.errors.map((e) => e.code).join(' ') },
      h('strong', {}, 'Koefisien belum tersimpan.'),
      rest.length ? h('ul', {}, rest.map((e) => h('li', {}, e.message)))
        : h('p', { class: 'detail' }, 'Periksa isian yang ditandai.')));
      (input.getAttribute('aria-invalid') ? input : reason.getAttribute('aria-invalid') ? reason : button).focus();
      return;
    }
    post.creditCoefficient = answer.post.creditCoefficient;
    draw();
    input.value = coefficientText(post.creditCoefficient) || '';
    reason.value = '';
    status.replaceChildren(h('p', { class: 'notice', role: 'status', id: `${key}-saved` },
      post.creditCoefficient === null ? 'Koefisien dikosongkan.'
        : `Koefisien tersimpan: ${coefficientText(post.creditCoefficient)}.`));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      fieldError(input, 'Isi koefisien, atau pilih “Kosongkan koefisien” untuk menghapusnya.');
      input.focus();
      return;
    }
    if (!NUMBER.test(text)) {
      fieldError(input, 'Isi koefisien dengan angka, misalnya 12,5.');
      input.focus();
      return;
    }
    send(Number(text.replace(',', '.')), save);
  });
  clear.addEventListener('click', () => send(null, clear));

  return h('article', { class: 'card', 'data-post': post.id, id: key, 'aria-labelledby': `${key}-title` },
    h('h3', { id: `${key}-title` }, post.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Koefisien saat ini'), shown),
    form);
}

export async function render(root, params, ctx) {
  const code = params.agency;
  const isCurrent = isCurrentOf(ctx);
  document.title = `Jabatan fungsional ${code} · Kinerja`;
  loading(root);
  let found;
  try {
    found = await gql(FUNCTIONAL_POSTS, { agency: code });
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Jabatan fungsional'), failBox(err),
      h('p', {}, h('a', { href: `#/agency/${enc(code)}` }, 'Kembali ke perangkat daerah')));
    return;
  }
  if (!isCurrent()) return;
  const agency = found.agency;
  if (!agency) {
    fill(root, h('h1', {}, 'Jabatan fungsional'),
      failBox({ errors: [{ extensions: { code: 'NOT_FOUND' } }] }));
    return;
  }
  document.title = `Jabatan fungsional · ${agency.name} · Kinerja`;
  const posts = found.posts.filter((p) => p.kind === 'FUNGSIONAL');
  fill(root,
    h('h1', {}, 'Jabatan fungsional'),
    h('p', { class: 'lead' }, agency.name),
    h('p', { class: 'muted' }, 'Koefisien angka kredit tahunan setiap jabatan fungsional (PermenPANRB 1/2023), '
      + 'misalnya Ahli Pertama 12,5, Ahli Muda 25, Ahli Madya 37,5, Ahli Utama 50. Angka kredit pemegang jabatan '
      + 'dihitung dari koefisien ini dikalikan persentase predikat kinerja tahunannya, untuk setiap tahun; '
      + 'koefisien yang dikosongkan tidak menghasilkan angka kredit.'),
    h('section', { 'aria-labelledby': 'posts-title', id: 'functional-posts' },
      h('h2', { id: 'posts-title' }, `Jabatan fungsional (${num(posts.length, 0)})`),
      posts.length ? posts.map((p) => postCard(p, isCurrent))
        : h('p', { class: 'empty', id: 'functional-posts-empty' }, 'Perangkat daerah ini belum memiliki jabatan '
          + 'fungsional.')),
    h('p', {}, h('a', { href: `#/agency/${enc(agency.code)}` }, `Kembali ke ${agency.name}`)));
}
