// Perangkat Daerah (#/perangkat-daerah): the agencies the viewer sees, each linking to its page. ADMIN
// ('managesAgencies') adds an agency (createAgency) and renames one in place (updateAgency; the code stays). The
// server decides every answer and names what is wrong in Indonesian, beside the field it concerns.

import { gql } from '../api.js';
import { can } from '../roles.js';
import { h, fill, loading, errorBox, num } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { showErrors, send } from '../unit_admin.js';

export const AGENCIES = '{ agencies(first: 1000) { code name headcount } }';
export const CREATE = `mutation($input: AgencyInput!) { createAgency(input: $input) {
  agency { code name } errors { path code message } } }`;
export const UPDATE = `mutation($input: AgencyInput!) { updateAgency(input: $input) {
  agency { code name } errors { path code message } } }`;

function createForm(isCurrent, rerender) {
  const code = h('input', { id: 'agency-new-code', name: 'code', maxlength: '32', autocomplete: 'off', required: true });
  const name = h('input', { id: 'agency-new-name', name: 'name', maxlength: '200', autocomplete: 'off',
    required: true });
  const button = h('button', { type: 'submit', id: 'agency-new-save' }, 'Tambah perangkat daerah');
  const general = h('div', { id: 'agency-new-status', 'aria-live': 'polite' });
  const form = h('form', { id: 'agency-new', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'agency-new-code' }, 'Kode (A-Z, 0-9, - atau _)'), code),
    h('div', { class: 'field' }, h('label', { for: 'agency-new-name' }, 'Nama perangkat daerah'), name),
    button, general);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await send(CREATE, 'createAgency', { code: code.value.trim(), name: name.value.trim() }, button,
      general, isCurrent);
    if (!answer || showErrors(answer.errors, { code, name }, general)) return;
    rerender(`Perangkat daerah ${answer.agency.name} (${answer.agency.code}) ditambahkan.`);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'agency-new-title' },
    h('h2', { id: 'agency-new-title' }, 'Tambah perangkat daerah'), form);
}

// the name cell of a row, with "Ubah" for ADMIN: the name becomes an input with Simpan and Batal
function nameCell(agency, editable, isCurrent) {
  const cell = h('td', { 'data-col': 'name' });
  const show = () => {
    const link = h('a', { href: `#/agency/${encodeURIComponent(agency.code)}` }, agency.name);
    if (!editable) { cell.replaceChildren(link); return; }
    const edit = h('button', { type: 'button', class: 'button-secondary', 'data-edit-agency': agency.code,
      'aria-label': `Ubah nama ${agency.name}` }, 'Ubah');
    edit.addEventListener('click', () => {
      const id = `agency-edit-${agency.code}`;
      const name = h('input', { id, name: 'name', maxlength: '200', value: agency.name, required: true });
      const save = h('button', { type: 'submit' }, 'Simpan');
      const general = h('div', { 'aria-live': 'polite' });
      const form = h('form', { class: 'field-inline', novalidate: true },
        h('div', { class: 'field' }, h('label', { for: id }, `Nama perangkat daerah ${agency.code}`), name),
        save, h('button', { type: 'button', class: 'button-secondary', on: { click: () => { show(); edit.focus(); } } },
          'Batal'), general);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const answer = await send(UPDATE, 'updateAgency', { code: agency.code, name: name.value.trim() }, save,
          general, isCurrent);
        if (!answer || showErrors(answer.errors, { name }, general)) return;
        agency.name = answer.agency.name;
        show();
        cell.append(h('p', { class: 'notice', role: 'status' }, 'Tersimpan.'));
      });
      cell.replaceChildren(form);
      name.focus();
    });
    cell.replaceChildren(link, ' ', edit);
  };
  show();
  return cell;
}

export async function render(root, params, ctx, notice = '') {
  document.title = 'Perangkat Daerah · Kinerja';
  const isCurrent = isCurrentOf(ctx);
  loading(root);
  let data;
  try {
    data = await gql(AGENCIES);
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Perangkat Daerah'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const admin = can(ctx.viewer, 'managesAgencies');
  const rerender = (text) => render(root, params, ctx, text);
  const agencies = data.agencies;
  fill(root,
    h('h1', {}, 'Perangkat Daerah'),
    notice ? h('p', { class: 'notice', role: 'status', id: 'agencies-notice' }, notice) : null,
    admin ? createForm(isCurrent, rerender) : null,
    agencies.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'agencies-table' },
      h('caption', {}, `${num(agencies.length, 0)} perangkat daerah`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Nama'), h('th', { scope: 'col' }, 'Kode'),
        h('th', { scope: 'col', class: 'num' }, 'Jumlah pegawai'))),
      h('tbody', {}, agencies.map((a) => h('tr', { 'data-agency': a.code },
        nameCell(a, admin, isCurrent),
        h('td', { 'data-col': 'code', class: 'code' }, a.code),
        h('td', { 'data-col': 'headcount', class: 'num' }, num(a.headcount, 0)))))))
      : h('p', { class: 'empty' }, 'Belum ada perangkat daerah.'));
}
