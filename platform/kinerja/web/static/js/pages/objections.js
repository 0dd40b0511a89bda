// Keberatan (#/keberatan): the open objections the viewer decides ("Menunggu keputusan Anda") and every objection
// the viewer may see (the own, those they assessed or decide, an agency admin's agency, ADMIN all), newest first,
// each row linking to its page (pages/objection.js). One request.

import { gql } from '../api.js';
import { h, fill, loading, badge, dateTime, evaluationLabel, PREDIKAT } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { failBox } from '../work_log_ui.js';
import { statusBadge } from '../objection_ui.js';
import { exportButtons } from '../export_buttons.js';

const LIST_MAX = 100;

const OBJECTION_ROW = 'id period status filedAt oldPredikat newPredikat person { nip name }';

export const OBJECTION_LISTS = `query {
  awaiting: objections(awaitingMe: true, first: 100) { ${OBJECTION_ROW} }
  visible: objections(first: 100) { ${OBJECTION_ROW} }
}`;

function objectionTable(id, caption, rows) {
  const shown = rows.slice(0, LIST_MAX);
  return [h('div', { class: 'table-wrap' }, h('table', { id, class: 'objections' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Pegawai'), h('th', { scope: 'col' }, 'Periode'),
      h('th', { scope: 'col' }, 'Predikat awal'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Diajukan'))),
    h('tbody', {}, shown.map((o) => h('tr', { 'data-objection': o.id, 'data-status': o.status },
      h('td', { 'data-col': 'person' }, h('a', { href: `#/keberatan/${encodeURIComponent(o.id)}` }, o.person ? o.person.name : '—'),
        o.person ? h('br') : null, o.person ? h('span', { class: 'code' }, o.person.nip) : null),
      h('td', { 'data-col': 'period' }, evaluationLabel(o.period)),
      h('td', { 'data-col': 'oldPredikat' }, badge(o.oldPredikat, PREDIKAT)),
      h('td', { 'data-col': 'status' }, statusBadge(o.status),
        o.newPredikat && o.newPredikat !== o.oldPredikat ? [' ', h('span', { class: 'muted' }, 'menjadi '),
          badge(o.newPredikat, PREDIKAT)] : null),
      h('td', { 'data-col': 'filedAt' }, dateTime(o.filedAt))))))),
  rows.length > LIST_MAX ? h('p', { class: 'notice' }, `Hanya ${LIST_MAX} keberatan terbaru yang ditampilkan.`) : null];
}

export async function render(root, params, ctx) {
  document.title = 'Keberatan · Kinerja';
  const isCurrent = isCurrentOf(ctx);
  loading(root);
  let data;
  try {
    data = await gql(OBJECTION_LISTS);
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Keberatan'), failBox(err));
    return;
  }
  if (!isCurrent()) return;
  fill(root,
    h('h1', {}, 'Keberatan'),
    h('p', { class: 'lead' }, 'Keberatan pegawai atas predikat kinerja yang telah difinalisasi. Keberatan diputuskan '
      + 'oleh atasan pejabat penilai; keputusannya bersifat final.'),
    h('section', { id: 'awaiting', 'aria-labelledby': 'awaiting-title' },
      h('h2', { id: 'awaiting-title' }, `Menunggu keputusan Anda (${Math.min(data.awaiting.length, LIST_MAX)})`),
      data.awaiting.length ? objectionTable('awaiting-table', 'Keberatan yang menunggu keputusan Anda', data.awaiting)
        : h('p', { class: 'empty' }, 'Tidak ada keberatan yang menunggu keputusan Anda.')),
    h('section', { id: 'visible', 'aria-labelledby': 'visible-title' },
      h('h2', { id: 'visible-title' }, 'Semua keberatan yang dapat Anda lihat'),
      data.visible.length ? [objectionTable('visible-table', 'Semua keberatan yang dapat Anda lihat', data.visible),
        exportButtons({ id: 'objections-download', what: 'semua keberatan yang dapat Anda lihat', fallback: 'keberatan',
          csvUrl: () => '/exports/objections.csv' }).element]
        : h('p', { class: 'empty' }, 'Belum ada keberatan.')));
}
