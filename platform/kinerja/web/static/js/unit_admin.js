// Adding and editing units on the agency page (createUnit, updateUnit: ADMIN and the agency's admin, 'managesUnits'):
// "Tambah unit" (code, name, parent) and, beside each unit of the tree, "Ubah" (name and parent; the code stays).
// The server decides every answer and says in Indonesian what is wrong (a parent below the unit is UNIT_LOOP); each
// problem is shown beside its field. Also the payload-error helper that pages/agencies.js shares.

import { gql } from './api.js';
import { h, fieldError } from './ui.js';
import { isCurrentOf } from './forms.js';

export const CREATE = `mutation($input: UnitInput!) { createUnit(input: $input) { unit { code name } errors { path code message } } }`;
export const UPDATE = `mutation($input: UnitInput!) { updateUnit(input: $input) { unit { code name } errors { path code message } } }`;

const NO_PARENT = '';
let notice = null;  // what the last save did, shown once the page has been read again

// The payload's errors beside their fields ({name of the path's last part: input}); the rest (a refusal, an error of
// no field shown) in `general`, which is emptied first. Returns whether there were any.
export function showErrors(errors, fields, general) {
  Object.values(fields).forEach((input) => fieldError(input, ''));
  general.replaceChildren();
  const rest = [];
  const byField = new Map();
  for (const e of errors || []) {
    const path = Array.isArray(e.path) ? e.path : [];
    const input = fields[path[path.length - 1]];
    if (input) byField.set(input, [...(byField.get(input) || []), e.message]);
    else rest.push(e);
  }
  byField.forEach((messages, input) => fieldError(input, messages.join(' ')));
  if (rest.length) {
    general.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Belum disimpan.'),
      h('ul', {}, rest.map((e) => h('li', { 'data-code': e.code }, e.message)))));
  } else if (byField.size) {
    general.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, 'Belum disimpan: periksa isian yang ditandai.'));
  }
  const first = byField.keys().next();
  if (!first.done) first.value.focus();
  return Boolean((errors || []).length);
}

// a failed request (no answer, a refusal of the whole request) in words
export function requestFailed(general, err) {
  general.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Belum disimpan.'),
    h('p', {}, err && err.kind === 'network' ? 'Tidak dapat terhubung ke server; periksa koneksi lalu coba lagi.'
      : `Permintaan ditolak oleh server${err && err.message ? `: ${err.message}` : '.'}`)));
}

// the units as parent choices: every unit but `except` and the units below it (the server refuses those too)
function parentSelect(id, units, except, selected) {
  const below = new Set();
  if (except) {
    below.add(except);
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of units) {
        if (u.parent && below.has(u.parent.code) && !below.has(u.code)) { below.add(u.code); grew = true; }
      }
    }
  }
  const choices = units.filter((u) => !below.has(u.code));
  const select = h('select', { id, name: 'parent' },
    h('option', { value: NO_PARENT }, '— Tanpa unit induk (unit teratas) —'),
    choices.map((u) => h('option', { value: u.code, selected: u.code === selected }, `${u.name} (${u.code})`)));
  select.value = selected && choices.some((u) => u.code === selected) ? selected : NO_PARENT;
  return select;
}

// one save: the button off while it runs, "Menyimpan…" in `general`, a failed request named there; the payload of
// mutation `name`, or null when the request failed or the page moved on (the agencies page uses it too)
export async function send(query, name, input, button, general, isCurrent) {
  button.disabled = true;
  general.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menyimpan…'));
  try {
    const data = await gql(query, { input });
    return isCurrent() ? data[name] : null;
  } catch (err) {
    if (isCurrent()) requestFailed(general, err);
    return null;
  } finally {
    button.disabled = false;
  }
}

// "Tambah unit": the section under the unit tree; `reload()` reads the page again
export function unitAdminSection(agency, units, ctx, reload) {
  const isCurrent = isCurrentOf(ctx);
  const code = h('input', { id: 'unit-new-code', name: 'code', maxlength: '32', autocomplete: 'off', required: true });
  const name = h('input', { id: 'unit-new-name', name: 'name', maxlength: '200', autocomplete: 'off', required: true });
  const parent = parentSelect('unit-new-parent', units, null, NO_PARENT);
  const button = h('button', { type: 'submit', id: 'unit-new-save' }, 'Tambah unit');
  const general = h('div', { id: 'unit-new-status', 'aria-live': 'polite' });
  const form = h('form', { id: 'unit-new', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'unit-new-code' }, 'Kode unit (A-Z, 0-9, - atau _)'), code),
    h('div', { class: 'field' }, h('label', { for: 'unit-new-name' }, 'Nama unit'), name),
    h('div', { class: 'field' }, h('label', { for: 'unit-new-parent' }, 'Unit induk'), parent),
    button, general);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await send(CREATE, 'createUnit', { agency, code: code.value.trim(), name: name.value.trim(),
      parent: parent.value || null }, button, general, isCurrent);
    if (!answer || showErrors(answer.errors, { code, name, parent }, general)) return;
    notice = `Unit ${answer.unit.name} (${answer.unit.code}) ditambahkan.`;
    reload();
  });
  const shown = notice;
  notice = null;
  return h('div', { id: 'unit-admin' },
    shown ? h('p', { class: 'notice', role: 'status', id: 'unit-admin-notice' }, shown) : null,
    h('details', { class: 'card' }, h('summary', {}, 'Tambah unit'), form));
}

// "Ubah" beside a unit of the tree: opens a form in place (name, parent); `reload()` reads the page again
export function unitEditControl(agency, unit, units, ctx, reload) {
  const isCurrent = isCurrentOf(ctx);
  const box = h('span', { class: 'unit-edit' });
  const open = h('button', { type: 'button', class: 'button-secondary', 'data-edit-unit': unit.code,
    'aria-label': `Ubah unit ${unit.name}` }, 'Ubah');
  const close = () => { box.replaceChildren(open); open.focus(); };
  open.addEventListener('click', () => {
    const id = `unit-edit-${unit.code}`;
    const name = h('input', { id: `${id}-name`, name: 'name', maxlength: '200', value: unit.name, required: true });
    const parent = parentSelect(`${id}-parent`, units, unit.code, unit.parent ? unit.parent.code : NO_PARENT);
    const save = h('button', { type: 'submit' }, 'Simpan');
    const general = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'unit-edit-form', id, novalidate: true },
      h('div', { class: 'field' }, h('label', { for: `${id}-name` }, `Nama unit ${unit.code}`), name),
      h('div', { class: 'field' }, h('label', { for: `${id}-parent` }, 'Unit induk'), parent),
      save, ' ', h('button', { type: 'button', class: 'button-secondary', on: { click: close } }, 'Batal'), general);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await send(UPDATE, 'updateUnit', { agency, code: unit.code, name: name.value.trim(),
        parent: parent.value || null }, save, general, isCurrent);
      if (!answer || showErrors(answer.errors, { name, parent }, general)) return;
      notice = `Unit ${answer.unit.name} (${answer.unit.code}) disimpan.`;
      reload();
    });
    box.replaceChildren(form);
    name.focus();
  });
  box.append(open);
  return box;
}
