// A unit (#/unit/AGENCY/CODE): its name, agency, parent unit, head today (the holder of its head post or the acting
// official), its sub-units and its people (the `people` query filtered by the unit, keyset-paged), each person linking
// to #/person/NIP. One request opens the page, one more per page of people.

import { gql } from '../api.js';
import { h, fill, loading, errorBox, num, unitHref } from '../ui.js';
import { isCurrentOf } from '../forms.js';

const PAGE_SIZE = 25;
const ACTING = { PLT: 'Plt', PLH: 'Plh' };

const PEOPLE_FIELDS = `people(filter: {agency: $a, unit: $u}, first: ${PAGE_SIZE}, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { nip name position employmentType } }
  }`;
export const PEOPLE = `query UnitPeople($a: String!, $u: String!, $after: String) { ${PEOPLE_FIELDS} }`;
export const UNIT = `query Unit($a: String!, $u: String!, $after: String) {
  agency(code: $a) {
    code name
    unit(code: $u) { code name parent { code name }
      headAt { official { nip name position } acting decree } }
    units(first: 1000) { code name parent { code } }
  }
  ${PEOPLE_FIELDS}
}`;


function headText(head) {
  if (!head) return h('span', { class: 'muted' }, 'Belum ada kepala unit yang tercatat');
  const o = head.official;
  return [head.acting ? `${ACTING[head.acting] || 'Pelaksana'} ` : '',
    h('a', { href: `#/person/${encodeURIComponent(o.nip)}` }, o.name),
    o.position ? ` · ${o.position}` : ''];
}

export async function render(root, params, ctx) {
  const agencyCode = params.agency;
  const code = params.code;
  const isCurrent = isCurrentOf(ctx);
  document.title = `Unit ${code} · Kinerja`;
  loading(root);
  let data;
  try {
    data = await gql(UNIT, { a: agencyCode, u: code, after: null });
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, `Unit ${code}`), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const agency = data.agency;
  const unit = agency && agency.unit;
  if (!unit) {
    fill(root, h('h1', {}, `Unit ${code}`),
      errorBox('Unit tidak ditemukan atau di luar akses Anda.'),
      agency ? h('p', {}, h('a', { href: `#/agency/${encodeURIComponent(agency.code)}` }, `Kembali ke ${agency.name}`))
        : null);
    return;
  }
  document.title = `${unit.name} · Kinerja`;
  const children = agency.units.filter((u) => u.parent && u.parent.code === unit.code);

  let cursors = [];
  let after = null;
  let seq = 0;
  const peopleBox = h('div', { id: 'unit-people' });
  const showPeople = (conn) => {
    const prev = h('button', { type: 'button', class: 'button-secondary', id: 'unit-people-prev',
      disabled: !cursors.length, on: { click: () => { after = cursors.pop(); load(); } } }, 'Sebelumnya');
    const next = h('button', { type: 'button', class: 'button-secondary', id: 'unit-people-next',
      disabled: !conn.pageInfo.hasNextPage,
      on: { click: () => { cursors.push(after); after = conn.pageInfo.endCursor; load(); } } }, 'Berikutnya');
    const first = cursors.length * PAGE_SIZE + 1;
    const last = cursors.length * PAGE_SIZE + conn.edges.length;
    fill(peopleBox,
      h('p', { id: 'unit-people-summary', role: 'status', 'data-total': conn.totalCount },
        conn.totalCount ? `Menampilkan ${num(first, 0)}–${num(last, 0)} dari ${num(conn.totalCount, 0)} pegawai`
          : 'Belum ada pegawai pada unit ini.'),
      conn.edges.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'unit-people-table' },
        h('caption', { class: 'visually-hidden' }, `Pegawai ${unit.name}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Nama'), h('th', { scope: 'col' }, 'NIP'),
          h('th', { scope: 'col' }, 'Jabatan'), h('th', { scope: 'col' }, 'Jenis'))),
        h('tbody', {}, conn.edges.map(({ node }) => h('tr', { 'data-nip': node.nip },
          h('td', { 'data-col': 'name' }, h('a', { href: `#/person/${encodeURIComponent(node.nip)}` }, node.name)),
          h('td', { 'data-col': 'nip', class: 'code' }, node.nip),
          h('td', { 'data-col': 'position' }, node.position),
          h('td', { 'data-col': 'employmentType' }, node.employmentType)))))) : null,
      conn.totalCount > PAGE_SIZE ? h('div', { class: 'pager' }, prev, next) : null);
  };
  const load = async () => {
    const mine = ++seq;
    peopleBox.setAttribute('aria-busy', 'true');
    peopleBox.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const result = await gql(PEOPLE, { a: agency.code, u: unit.code, after });
      if (!isCurrent() || mine !== seq) return;
      showPeople(result.people);
    } catch (err) {
      if (isCurrent() && mine === seq) peopleBox.replaceChildren(errorBox(err));
    } finally {
      if (mine === seq) peopleBox.removeAttribute('aria-busy');
    }
  };

  const agencyLink = h('a', { href: `#/agency/${encodeURIComponent(agency.code)}` }, agency.name);
  fill(root,
    h('p', { class: 'breadcrumb' }, agencyLink, ' › ', unit.name),
    h('h1', {}, unit.name),
    h('dl', { class: 'facts card', id: 'unit-facts' },
      h('dt', {}, 'Kode'), h('dd', { 'data-col': 'code' }, unit.code),
      h('dt', {}, 'Perangkat daerah'), h('dd', { 'data-col': 'agency' }, agencyLink.cloneNode(true)),
      h('dt', {}, 'Unit induk'), h('dd', { 'data-col': 'parent' }, unit.parent
        ? h('a', { href: unitHref(agency.code, unit.parent.code) }, unit.parent.name)
        : h('span', { class: 'muted' }, 'Tidak ada (unit teratas)')),
      h('dt', {}, 'Kepala unit'), h('dd', { 'data-col': 'head' }, headText(unit.headAt))),
    h('section', { 'aria-labelledby': 'sub-units-title' }, h('h2', { id: 'sub-units-title' }, 'Sub-unit'),
      children.length ? h('ul', { id: 'sub-units' }, children.map((u) => h('li', { 'data-unit': u.code },
        h('a', { href: unitHref(agency.code, u.code) }, u.name), ' ', h('span', { class: 'code' }, u.code))))
        : h('p', { class: 'empty' }, 'Tidak ada sub-unit.')),
    h('section', { 'aria-labelledby': 'unit-people-title' }, h('h2', { id: 'unit-people-title' }, 'Pegawai'),
      peopleBox));
  showPeople(data.people);
}
