// "Tambah pegawai" on the agency page (roles.js 'managesPeople': ADMIN and the agency's admin; the server decides the
// scope): one new person of this agency through upsertPeople. A NIP already on record is not overwritten from here:
// the form says whose it is and links to that page (where "Ubah data pegawai" edits it); a NIP the viewer cannot see
// is left to the server, which refuses what the viewer may not do. Many people at once: the import page.

import { sendMutation } from './forms.js';
import { h, fieldError, EMPLOYMENT_TYPE } from './ui.js';
import { failBox } from './work_log_ui.js';
import { field, required, showErrors } from './person_admin.js';

const NAME_MAX = 200;
export const FIND = 'query($nip: String!) { person(nip: $nip) { nip name } }';
export const UPSERT = `mutation($input: [PersonInput!]!) { upsertPeople(input: $input) {
  people { nip } errors { path code message } } }`;

export function personCreateSection(agencyCode, units, ctx) {
  const nip = h('input', { type: 'text', name: 'nip', inputmode: 'numeric', maxlength: '24', autocomplete: 'off' });
  const name = h('input', { type: 'text', name: 'name', maxlength: String(NAME_MAX), autocomplete: 'off' });
  const position = h('input', { type: 'text', name: 'position', maxlength: String(NAME_MAX), autocomplete: 'off' });
  const kind = h('select', { name: 'employmentType' }, Object.entries(EMPLOYMENT_TYPE).map(([k, v]) =>
    h('option', { value: k }, v)));
  const unit = h('select', { name: 'unit' }, h('option', { value: '' }, '— tanpa unit —'),
    [...units].sort((a, b) => a.name.localeCompare(b.name, 'id')).map((u) => h('option', { value: u.code }, u.name)));
  const supervisor = h('input', { type: 'text', name: 'supervisor', inputmode: 'numeric', maxlength: '24',
    autocomplete: 'off' });
  const send = h('button', { type: 'submit', id: 'person-new-submit' }, 'Tambah pegawai');
  const status = h('div', { id: 'person-new-status', 'aria-live': 'polite' });
  const fields = { nip, name, position, employmentType: kind, employment_type: kind, unit, supervisor };
  const form = h('form', { id: 'person-new-form', novalidate: true },
    h('div', { class: 'field-grid' },
      field('person-new-nip', 'NIP', nip, '18 angka; spasi boleh'),
      field('person-new-name', 'Nama', name),
      field('person-new-position', 'Jabatan', position),
      field('person-new-kind', 'Jenis pegawai', kind),
      field('person-new-unit', 'Unit', unit),
      field('person-new-supervisor', 'NIP atasan langsung', supervisor, 'opsional')),
    h('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Object.values(fields).forEach((el) => fieldError(el, null));
    status.replaceChildren();
    if (!required([[nip, 'NIP wajib diisi.'], [name, 'Nama wajib diisi.'], [position, 'Jabatan wajib diisi.']])) return;
    const known = await sendMutation({ button: send, status, isCurrent: ctx.isCurrent, failure: failBox,
      busyText: 'Memeriksa NIP…' }, FIND,
      { nip: nip.value.replace(/[\s.]/g, '') });
    if (!known) return;
    if (known.person) {
      fieldError(nip, 'NIP ini sudah terdaftar.');
      status.replaceChildren(h('p', { class: 'error-box', role: 'alert', id: 'person-new-exists' },
        'NIP ini sudah terdaftar atas nama ', h('a', { href: `#/person/${encodeURIComponent(known.person.nip)}` },
          known.person.name), '. Ubah datanya pada halaman pegawai tersebut.'));
      nip.focus();
      return;
    }
    const input = [{ nip: nip.value.trim(), name: name.value.trim(), position: position.value.trim(),
      employmentType: kind.value, agency: agencyCode, unit: unit.value || null,
      supervisor: supervisor.value.trim() || null }];
    const data = await sendMutation({ button: send, status, isCurrent: ctx.isCurrent, failure: failBox }, UPSERT,
      { input });
    if (!data) return;
    const done = data.upsertPeople;
    if (done.errors.length) {
      showErrors(done.errors, fields, status, 'Pegawai belum ditambahkan');
      return;
    }
    ctx.navigate(`#/person/${encodeURIComponent(done.people[0].nip)}`);
  });
  return h('details', { class: 'card', id: 'person-new' }, h('summary', {}, 'Tambah pegawai'),
    h('p', { class: 'muted' }, 'Satu pegawai baru pada perangkat daerah ini. Untuk banyak pegawai sekaligus, '
      + 'gunakan impor CSV atau Excel.'), form);
}
