// Indicator drafts (#/indikator/draf): an agency admin's own drafts with their status (and BKPSDM's note); ADMIN sees
// every agency's, and decides the submitted ones here: each with its YAML and, for an edit, its history preview;
// Setujui (after a confirmation) or Tolak (a note required).

import { gql } from '../api.js';
import { h, fill, loading, errorBox, badge, dateTime, fieldError } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { DRAFT_STATUS } from '../indicator_labels.js';
import { DRAFT_FIELDS, approveDraft, rejectDraft, failText, confirmStep, isStale } from '../indicator_steps.js';
import { problemList, historyPreview } from '../indicator_preview.js';

export const DRAFTS = `{ indicatorDrafts { ${DRAFT_FIELDS} } }`;

function draftTable(drafts) {
  return h('div', { class: 'table-wrap' }, h('table', { id: 'drafts-table' },
    h('caption', { class: 'visually-hidden' }, 'Draf indikator'),
    h('thead', {}, h('tr', {}, ['Kode', 'Perangkat daerah', 'Status', 'Diubah', null].map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, 'Tindakan'))))),
    h('tbody', {}, drafts.map((d) => h('tr', { 'data-draft': String(d.id), 'data-status': d.status, 'data-code': d.fullCode },
      h('td', { class: 'code', 'data-col': 'code' }, d.fullCode),
      h('td', { 'data-col': 'agency' }, d.agency.name),
      h('td', { 'data-col': 'status' }, badge(d.status, DRAFT_STATUS), d.changesIndicator ? ' (perubahan)' : ' (baru)',
        d.status === 'REJECTED' && d.note ? [h('br'), h('span', { class: 'muted' }, `Catatan: ${d.note}`)] : null),
      h('td', { 'data-col': 'updated' }, dateTime(d.updatedAt), h('br'), h('span', { class: 'muted' }, d.updatedBy)),
      h('td', {}, h('a', { href: `#/indikator/draf/${d.id}` }, d.status === 'APPROVED' ? 'Lihat' : 'Buka')))))));
}

function decisionCard(d, reload, isCurrent) {
  const status = h('div', { 'aria-live': 'polite', id: `decide-${d.id}-status` });
  const confirmBox = h('div', { hidden: true });
  const note = h('textarea', { id: `decide-${d.id}-note`, rows: '3', maxlength: '2000' });
  const approve = h('button', { type: 'button', id: `decide-${d.id}-approve` }, 'Setujui');
  const reject = h('button', { type: 'button', id: `decide-${d.id}-reject`, class: 'button-secondary' }, 'Tolak');
  const history = d.changesIndicator ? h('div', { id: `decide-${d.id}-history` }, h('p', { class: 'loading' }, 'Menghitung pratinjau pada riwayat…')) : null;
  const answered = (answer, done) => {
    if (!isCurrent()) return;
    if (answer.errors.length) {
      status.replaceChildren(h('div', { class: 'error-box', role: 'alert', 'data-codes': answer.errors.map((e) => e.code).join(' ') },
        h('strong', {}, isStale(answer.errors) ? 'Draf berubah sejak halaman ini dibuka; muat ulang halaman.' : 'Keputusan belum tersimpan.'),
        problemList(answer.errors)));
      return;
    }
    status.replaceChildren(h('p', { class: 'success', role: 'status' }, done));
    reload();
  };
  approve.addEventListener('click', () => confirmStep(confirmBox, {
    id: `decide-${d.id}-confirm`, title: 'Setujui draf ini?', confirmLabel: 'Ya, setujui',
    text: `${d.fullCode} akan menjadi versi baru yang langsung berlaku untuk semua pengguna.`,
    onConfirm: async () => {
      try {
        answered(await approveDraft(d.id, d.version), 'Draf disetujui.');
      } catch (err) {
        if (isCurrent()) status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
      }
    },
  }));
  reject.addEventListener('click', async () => {
    fieldError(note, null);
    if (!note.value.trim()) { fieldError(note, 'Tuliskan alasan penolakan agar perangkat daerah dapat memperbaikinya.'); note.focus(); return; }
    reject.disabled = true;
    try {
      answered(await rejectDraft(d.id, note.value.trim(), d.version), 'Draf dikembalikan dengan catatan.');
    } catch (err) {
      if (isCurrent()) status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
    } finally {
      reject.disabled = false;
    }
  });
  const card = h('article', { class: 'card', 'data-decide': String(d.id), 'data-code': d.fullCode, 'aria-labelledby': `decide-${d.id}-title` },
    h('h3', { id: `decide-${d.id}-title` }, d.fullCode, ' ', h('span', { class: 'muted' },
      d.changesIndicator ? '(perubahan indikator)' : '(indikator baru)')),
    h('p', {}, `Diajukan oleh ${d.submittedBy || d.updatedBy}, ${dateTime(d.submittedAt || d.updatedAt)}.`),
    h('h4', {}, 'Teks YAML'), h('pre', { class: 'code yaml', 'data-col': 'yaml' }, d.yaml),
    history ? [h('h4', {}, 'Pratinjau pada riwayat'), history] : null,
    h('div', { class: 'field' }, h('label', { for: note.id }, 'Catatan penolakan', h('span', { class: 'muted' }, ' (wajib bila ditolak)')), note),
    status, h('div', { class: 'actions' }, approve, reject), confirmBox);
  if (history) historyPreview(d.id, null).then((section) => { if (isCurrent()) history.replaceChildren(section); });
  return card;
}

export async function render(root, params, ctx) {
  document.title = 'Draf indikator · Kinerja';
  const isCurrent = isCurrentOf(ctx);
  const role = ctx.viewer && ctx.viewer.role;
  if (role !== 'ADMIN' && role !== 'AGENCY_ADMIN') {
    fill(root, h('h1', {}, 'Draf indikator'), h('p', { class: 'notice' }, 'Draf indikator dikelola oleh admin perangkat daerah dan admin BKPSDM.'));
    return;
  }
  loading(root);
  let data;
  try {
    data = await gql(DRAFTS);
  } catch (err) {
    if (isCurrent()) fill(root, h('h1', {}, 'Draf indikator'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const drafts = data.indicatorDrafts;
  const submitted = drafts.filter((d) => d.status === 'SUBMITTED');
  const reload = () => ctx.navigate('#/indikator/draf');
  fill(root,
    h('h1', {}, 'Draf indikator'),
    h('p', { class: 'lead' }, role === 'ADMIN'
      ? 'Draf indikator semua perangkat daerah. Draf yang diajukan menunggu keputusan Anda.'
      : 'Draf indikator perangkat daerah Anda. Draf yang diajukan diputuskan oleh admin BKPSDM.'),
    h('p', {}, h('a', { href: '#/indikator/draf/baru', id: 'new-indicator', class: 'button' }, 'Indikator baru'), ' · ',
      h('a', { href: '#/catalogue' }, 'Katalog Indikator')),
    role === 'ADMIN' ? h('section', { id: 'to-decide', 'aria-labelledby': 'to-decide-title' },
      h('h2', { id: 'to-decide-title' }, `Menunggu persetujuan (${submitted.length})`),
      submitted.length ? submitted.map((d) => decisionCard(d, reload, isCurrent))
        : h('p', { class: 'empty' }, 'Tidak ada draf yang menunggu persetujuan.')) : null,
    h('section', { id: 'all-drafts', 'aria-labelledby': 'all-drafts-title' },
      h('h2', { id: 'all-drafts-title' }, 'Semua draf'),
      drafts.length ? draftTable(drafts) : h('p', { class: 'empty' }, 'Belum ada draf.')));
}
