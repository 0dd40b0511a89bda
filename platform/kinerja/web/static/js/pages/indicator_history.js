// An indicator's history (#/indikator/<code>/riwayat): every version with who drafted and approved it and when, the
// current one marked; two chosen versions compared field by field (labels in Indonesian) and as text.

import { gql } from '../api.js';
import { h, fill, loading, errorBox, dateTime } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { ORIGIN, pathLabel } from '../indicator_labels.js';
import { failText } from '../indicator_steps.js';

export const HISTORY = `query($c: String!) { indicatorHistory(code: $c) { code name origin active version retiredAt retiredBy
  retireReason versions { version createdAt origin draftedBy approvedBy draft current } } }`;
export const DIFF = `query($c: String!, $f: String!, $t: String!) { indicatorHistory(code: $c) {
  diff(from: $f, to: $t) { changes { path before after } text } } }`;

function shown(v) {
  if (v === null || v === undefined) return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function versionSelect(id, label, versions, selected) {
  const sel = h('select', { id }, versions.map((v, i) => h('option', { value: v.version },
    `Versi ${i + 1} · ${dateTime(v.createdAt)}${v.current ? ', berlaku' : ''}`)));
  sel.value = selected;
  return h('div', { class: 'field' }, h('label', { for: id }, label), sel);
}

export async function render(root, params, ctx) {
  const isCurrent = isCurrentOf(ctx);
  document.title = 'Riwayat indikator · Kinerja';
  loading(root);
  let ind;
  try {
    ind = (await gql(HISTORY, { c: params.code })).indicatorHistory;
  } catch (err) {
    if (isCurrent()) fill(root, h('h1', {}, 'Riwayat indikator'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  if (!ind) { fill(root, h('h1', {}, 'Riwayat indikator'), errorBox('Indikator tidak ditemukan.')); return; }
  document.title = `Riwayat ${ind.name} · Kinerja`;
  const versions = ind.versions;
  const out = h('div', { id: 'diff-result', 'aria-live': 'polite' });
  const fromField = versionSelect('diff-from', 'Dari versi', versions, versions[Math.max(0, versions.length - 2)].version);
  const toField = versionSelect('diff-to', 'Ke versi', versions, versions[versions.length - 1].version);
  const compare = h('button', { type: 'submit', id: 'diff-go' }, 'Bandingkan');
  const form = h('form', { id: 'diff-form', class: 'field-inline', novalidate: true }, fromField, toField, compare);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = fromField.querySelector('select').value;
    const t = toField.querySelector('select').value;
    compare.disabled = true;
    out.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Membandingkan…'));
    try {
      const diff = (await gql(DIFF, { c: ind.code, f, t })).indicatorHistory.diff;
      if (!isCurrent()) return;
      fill(out,
        diff.changes.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'diff-changes' },
          h('caption', {}, 'Bagian yang berubah'),
          h('thead', {}, h('tr', {}, ['Bagian', 'Sebelum', 'Sesudah'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, diff.changes.map((c) => h('tr', { 'data-path': c.path },
            h('td', { 'data-col': 'path' }, pathLabel(c.path.split('.'))),
            h('td', { class: 'code', 'data-col': 'before' }, shown(c.before)),
            h('td', { class: 'code', 'data-col': 'after' }, shown(c.after)))))))
          : h('p', { class: 'empty', id: 'diff-none' }, 'Kedua versi sama.'),
        diff.text.length ? [h('h3', {}, 'Perbedaan teks'), h('pre', { class: 'code diff', id: 'diff-text' }, diff.text.join('\n'))] : null);
    } catch (err) {
      if (isCurrent()) out.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
    } finally {
      compare.disabled = false;
    }
  });

  fill(root,
    h('h1', {}, `Riwayat ${ind.name}`),
    h('p', { class: 'lead' }, h('span', { class: 'code' }, ind.code), ` · ${ORIGIN[ind.origin] || ''}`,
      ind.active ? '' : ` · dipensiunkan ${dateTime(ind.retiredAt)} oleh ${ind.retiredBy || '—'}: ${ind.retireReason || ''}`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'versions' },
      h('caption', {}, 'Versi'),
      h('thead', {}, h('tr', {}, ['Versi', 'Asal', 'Dibuat', 'Disusun oleh', 'Disetujui oleh', 'Status'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, versions.map((v, i) => h('tr', { 'data-version': v.version, 'data-current': v.current ? 'yes' : 'no' },
        // a version is shown by its number and date (the hash stays in data-version, for the compare form)
        h('td', { 'data-col': 'version' }, `Versi ${i + 1}`),
        h('td', {}, ORIGIN[v.origin] || '—'),
        h('td', {}, dateTime(v.createdAt)),
        h('td', { 'data-col': 'draftedBy' }, v.draftedBy || '—'),
        h('td', { 'data-col': 'approvedBy' }, v.approvedBy || '—'),
        h('td', { 'data-col': 'current' }, v.current ? h('strong', {}, 'Berlaku') : '')))))),
    versions.length > 1 ? [h('h2', {}, 'Bandingkan dua versi'), form, out] : h('p', { class: 'muted' }, 'Baru ada satu versi.'),
    h('p', {}, h('a', { href: '#/catalogue' }, 'Kembali ke katalog')));
}
