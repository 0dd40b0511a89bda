// "Tindak lanjut" on the dashboard: the people of the period rated Butuh Perbaikan or worse (the follow-up report),
// the first 20 of them with their predikat and the recommended follow-up, the count of all, and the whole list as
// CSV or Excel beside it (the page's export buttons). The official, signed list is the agency page's "Unduh daftar
// tindak lanjut (PDF)".

import { h, num, PREDIKAT, evaluationLabel } from './ui.js';

// the dashboard query's part (its $period)
export const FOLLOW_UPS_FIELDS = `followUps(period: $period, first: 20) { totalCount
    edges { node { nip name position unit { name } rating(period: $period) { predikat recommendations } } } }`;

function row(person) {
  const rating = person.rating || {};
  const advice = rating.recommendations || [];
  return h('tr', { 'data-nip': person.nip },
    h('td', {}, h('a', { href: `#/person/${encodeURIComponent(person.nip)}` }, person.name)),
    h('td', { class: 'code' }, person.nip),
    h('td', {}, person.position || '—'),
    h('td', {}, person.unit ? person.unit.name : '—'),
    h('td', { 'data-col': 'predikat' }, PREDIKAT[rating.predikat] || '—'),
    h('td', {}, advice.length ? h('ul', { class: 'recommendations' }, advice.map((a) => h('li', {}, a))) : '—'));
}

// the section; `download` the export buttons of the follow-up report for the period
export function followUpsSection(found, period, download) {
  const people = found.edges.map((e) => e.node);
  const total = found.totalCount;
  const body = total
    ? [h('p', { id: 'follow-ups-count' }, `${num(total, 0)} pegawai dengan predikat Butuh Perbaikan atau lebih rendah `
        + 'perlu ditindaklanjuti.'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'follow-ups-table' },
        h('caption', {}, 'Pegawai yang perlu ditindaklanjuti'),
        h('thead', {}, h('tr', {}, ['Nama', 'NIP', 'Jabatan', 'Unit kerja', 'Predikat', 'Rekomendasi tindak lanjut']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, people.map(row)))),
      total > people.length ? h('p', { class: 'muted', id: 'follow-ups-more' },
        `Menampilkan ${num(people.length, 0)} pertama dari ${num(total, 0)}; daftar lengkapnya ada di berkas unduhan.`)
        : null]
    : [h('p', { class: 'empty', id: 'follow-ups-empty' },
      'Tidak ada pegawai dengan predikat Butuh Perbaikan atau lebih rendah pada periode ini.')];
  return h('section', { 'aria-labelledby': 'follow-ups-title', id: 'follow-ups' },
    h('h2', { id: 'follow-ups-title' }, `Tindak lanjut · ${evaluationLabel(period)}`),
    total ? download : null, ...body);
}
