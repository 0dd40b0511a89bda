// Tugas saya (#/tugas): what awaits the signed-in viewer now (myTasks): one card per kind of task with its count,
// the period or cycle it is about and its first items, each linking to where it is done. One request; the count
// goes to the navigation's badge (app.js listens for 'kinerja:tasks').

import { gql } from '../api.js';
import { h, fill, loading, num, evaluationLabel, periodLabel, isoDateText } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { failBox } from '../work_log_ui.js';

export const TASKS = `{ myTasks { today total groups { kind period cycle count items { period cycle nip name position
  objectionId targetId workResult indicator indicatorName draftId agency agencyName } } } }`;

const enc = encodeURIComponent;

function person(i, href) {
  return [h('a', { href }, i.name || i.nip), ' ', h('span', { class: 'code' }, i.nip),
    i.position ? [' ', h('span', { class: 'muted' }, `· ${i.position}`)] : null];
}

// kind -> its card: title, what it asks, what one item is called, the heading of a group, and each item's line
// (`line(item, group)` -> [children, data attributes]); `perGroup`: the group itself is the item (one line each)
const KINDS = {
  SELF_ASSESSMENT: {
    title: 'Penilaian diri',
    lead: 'Periode penilaian yang penilaian dirinya belum Anda isi.',
    noun: 'periode',
    perGroup: (g) => [h('a', { href: `#/self/${enc(g.period)}` }, `Isi penilaian diri ${evaluationLabel(g.period)}`)],
  },
  MEASUREMENTS: {
    title: 'Capaian yang perlu diisi',
    lead: 'Target Anda yang periodenya telah berakhir tetapi capaiannya belum diisi.',
    noun: 'target',
    heading: (g) => periodLabel(g.period),
    action: (g) => h('a', { href: `#/measurements?cycle=${enc(g.cycle)}&period=${enc(g.period)}` },
      `Isi capaian ${periodLabel(g.period)}`),
    line: (i) => [[i.workResult, i.indicatorName ? [' ', h('span', { class: 'muted' }, `· ${i.indicatorName}`)] : null],
      { 'data-target': i.targetId }],
  },
  ASSESSMENTS: {
    title: 'Penilaian atasan yang harus Anda tulis',
    lead: 'Pegawai yang Anda nilai sebagai pejabat penilai dan belum Anda beri penilaian.',
    noun: 'pegawai',
    heading: (g) => evaluationLabel(g.period),
    line: (i) => [person(i, `#/assess/${enc(i.nip)}/${enc(i.period)}`), { 'data-nip': i.nip }],
  },
  RATINGS_TO_FINALIZE: {
    title: 'Penilaian yang menunggu finalisasi',
    lead: 'Penilaian atasan sudah tersimpan; predikatnya belum difinalisasi.',
    noun: 'pegawai',
    heading: (g) => evaluationLabel(g.period),
    line: (i) => [person(i, `#/assess/${enc(i.nip)}/${enc(i.period)}`), { 'data-nip': i.nip }],
  },
  SKPS_TO_APPROVE: {
    title: 'SKP yang menunggu persetujuan Anda',
    lead: 'SKP yang telah diajukan dan menunggu Anda setujui atau kembalikan.',
    noun: 'SKP',
    heading: (g) => `Siklus ${g.cycle}`,
    line: (i) => [person(i, `#/skp/${enc(i.nip)}/${enc(i.cycle)}`), { 'data-nip': i.nip }],
  },
  OBJECTIONS_TO_DECIDE: {
    title: 'Keberatan yang menunggu keputusan Anda',
    lead: 'Keberatan pegawai atas predikat kinerja yang Anda putuskan sebagai atasan pejabat penilai.',
    noun: 'keberatan',
    heading: (g) => evaluationLabel(g.period),
    line: (i) => [person(i, `#/keberatan/${enc(i.objectionId)}`),
      { 'data-objection': i.objectionId, 'data-nip': i.nip }],
  },
  DEVELOPMENT_PLANS_TO_AGREE: {
    title: 'Rencana pengembangan yang menunggu persetujuan Anda',
    lead: 'Rencana pengembangan kompetensi yang belum Anda setujui: rencana Anda sendiri, atau pegawai yang Anda nilai.',
    noun: 'rencana',
    heading: (g) => `Siklus ${g.cycle}`,
    line: (i) => [person(i, `#/pengembangan/${enc(i.nip)}/${enc(i.cycle)}`), { 'data-nip': i.nip }],
  },
  DEVELOPMENT_ACTIONS_TO_CONFIRM: {
    title: 'Tindakan pengembangan yang menunggu konfirmasi',
    lead: 'Pegawai yang telah mencatat pelaksanaan tindakan pengembangan; jamnya dihitung setelah Anda konfirmasi.',
    noun: 'pegawai',
    heading: (g) => `Siklus ${g.cycle}`,
    line: (i) => [person(i, `#/pengembangan/${enc(i.nip)}/${enc(i.cycle)}`), { 'data-nip': i.nip }],
  },
  INDICATOR_DRAFTS_TO_APPROVE: {
    title: 'Draf indikator yang menunggu persetujuan',
    lead: 'Draf indikator yang diajukan perangkat daerah untuk disetujui atau ditolak BKPSDM.',
    noun: 'draf',
    action: () => h('a', { href: '#/indikator/draf' }, 'Buka daftar draf indikator'),
    line: (i) => [[h('span', { class: 'code' }, i.indicator), ' ', h('span', { class: 'muted' }, `· ${i.agencyName}`)],
      { 'data-draft': i.draftId }],
  },
  INDICATOR_DRAFTS_TO_REWORK: {
    title: 'Draf indikator yang perlu diperbaiki',
    lead: 'Draf indikator yang ditolak BKPSDM: perbaiki sesuai catatannya lalu ajukan lagi.',
    noun: 'draf',
    line: (i) => [h('a', { href: `#/indikator/draf/${enc(i.draftId)}` }, h('span', { class: 'code' }, i.indicator)),
      { 'data-draft': i.draftId }],
  },
};

function more(group) {
  const rest = group.count - group.items.length;
  return rest > 0 ? h('p', { class: 'muted' }, `dan ${num(rest, 0)} lainnya.`) : null;
}

function card(kind, groups) {
  const spec = KINDS[kind];
  const count = groups.reduce((sum, g) => sum + g.count, 0);
  const id = `task-${kind.toLowerCase().replace(/_/g, '-')}`;
  let body;
  if (spec.perGroup) {
    body = h('ul', { class: 'task-list' }, groups.map((g) => h('li', { 'data-period': g.period }, spec.perGroup(g))));
  } else {
    body = groups.map((g) => h('section',
      { class: 'task-group', 'data-period': g.period || '', 'data-cycle': g.cycle || '' },
      spec.heading
        ? h('h3', {}, spec.heading(g), ' ', h('span', { class: 'muted' }, `(${num(g.count, 0)} ${spec.noun})`))
        : null,
      spec.action ? h('p', {}, spec.action(g)) : null,
      h('ul', { class: 'task-list' }, g.items.map((i) => {
        const [children, attrs] = spec.line(i, g);
        return h('li', attrs, children);
      })),
      more(g)));
  }
  return h('article', { class: 'card task-card', id, 'data-kind': kind, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, spec.title, h('span', { class: 'task-count', 'data-count': String(count) },
      `${num(count, 0)} ${spec.noun}`)),
    h('p', { class: 'muted' }, spec.lead),
    body);
}

export async function render(root, params, ctx) {
  document.title = 'Tugas saya · Kinerja';
  const isCurrent = isCurrentOf(ctx);
  loading(root);
  let data;
  try {
    data = (await gql(TASKS)).myTasks;
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Tugas saya'), failBox(err));
    return;
  }
  if (!isCurrent()) return;
  window.dispatchEvent(new CustomEvent('kinerja:tasks', { detail: { total: data.total } }));
  const known = data.groups.filter((g) => KINDS[g.kind]);
  const byKind = new Map();
  known.forEach((g) => { if (!byKind.has(g.kind)) byKind.set(g.kind, []); byKind.get(g.kind).push(g); });
  const day = isoDateText(data.today) || '';
  fill(root,
    h('h1', {}, 'Tugas saya'),
    h('p', { class: 'lead', id: 'tasks-summary' }, data.total
      ? `${num(data.total, 0)} tugas menunggu Anda per ${day}.` : `Per ${day}.`),
    byKind.size ? [...byKind.entries()].map(([kind, groups]) => card(kind, groups))
      : h('p', { class: 'empty', id: 'tasks-empty' }, 'Tidak ada tugas yang menunggu.'));
}
