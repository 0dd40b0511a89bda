// The person page's admin forms (roles.js 'managesPeople': ADMIN and agency admins; the server decides the scope):
// "Ubah data pegawai" (name, position, employment type, through upsertPeople for this one person; unit and supervisor
// change through the transfer form of assignment_ui.js), "Pensiunkan / nonaktifkan" (retirePerson, after a
// confirmation) and, for a person who left the service, "Aktifkan kembali" (reinstatePerson). The badge a departed
// person's page shows is here too. The console asks the server for Indonesian: its messages name what is wrong.

import { sendMutation } from './forms.js';
import { h, fieldError, isoDateText, EMPLOYMENT_TYPE } from './ui.js';
import { failBox } from './work_log_ui.js';
import { can } from './roles.js';

// services/org/departures.py REASONS, as the console names them
export const DEPARTURE_REASON = {
  PENSIUN: 'Pensiun',
  BERHENTI: 'Berhenti (diberhentikan atau mengundurkan diri)',
  MENINGGAL: 'Meninggal dunia',
  PINDAH_INSTANSI: 'Pindah ke instansi lain',
  NONAKTIF: 'Nonaktif sementara',
};
const REASON_SHORT = { PENSIUN: 'pensiun', BERHENTI: 'berhenti', MENINGGAL: 'meninggal dunia',
  PINDAH_INSTANSI: 'pindah ke instansi lain', NONAKTIF: 'nonaktif sementara' };
const NAME_MAX = 200;
const NOTE_MAX = 1000;

export const UPSERT = `mutation($input: [PersonInput!]!) { upsertPeople(input: $input) {
  people { nip name position employmentType } errors { path code message } } }`;
export const RETIRE = `mutation($input: RetireInput!) { retirePerson(input: $input) {
  person { nip departed leftAt leftReason } errors { path code message } } }`;
export const REINSTATE = `mutation($nip: String!, $note: String) { reinstatePerson(nip: $nip, note: $note) {
  person { nip departed } errors { path code message } } }`;

// "Tidak aktif sejak 4 Desember 2026 (pensiun)" for a person who left the service; null otherwise
export function departureBadge(person) {
  if (!person || !person.departed) return null;
  const reason = REASON_SHORT[person.leftReason];
  return h('p', { class: 'badge badge-inactive', id: 'departed-badge', role: 'status',
    'data-reason': person.leftReason || '' },
  `Tidak aktif sejak ${isoDateText(person.leftAt) || 'tanggal tidak diketahui'}${reason ? ` (${reason})` : ''}`);
}

export function field(id, label, input, hint) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label,
    hint ? h('span', { class: 'muted' }, ` (${hint})`) : null), input);
}

// each error at its field (`fields`: the last segment of its path -> the element), the rest in `status`
export function showErrors(errors, fields, status, title) {
  const rest = [];
  let first = null;
  for (const e of errors) {
    const el = fields[(e.path || [])[(e.path || []).length - 1]];
    if (el) {
      fieldError(el, e.message);
      first = first || el;
    } else {
      rest.push(e);
    }
  }
  status.replaceChildren(h('div', { class: 'error-box', role: 'alert', tabindex: '-1',
    'data-codes': errors.map((e) => e.code).join(' ') },
  h('strong', {}, title),
  rest.length ? h('ul', {}, rest.map((e) => h('li', { 'data-code': e.code }, e.message)))
    : h('p', { class: 'detail' }, 'Periksa isian yang ditandai.')));
  (first || status.firstChild).focus();
}

export function required(pairs) {
  const missing = pairs.filter(([el]) => !el.value.trim());
  missing.forEach(([el, text]) => fieldError(el, text || 'Wajib diisi.'));
  if (missing.length) missing[0][0].focus();
  return missing.length === 0;
}

// a confirmation in `box` before `run()`: "Ya, ..." sends, "Batal" goes back to `back`
function confirmStep(box, id, text, yesText, back, run) {
  const yes = h('button', { type: 'button', id: `${id}-yes` }, yesText);
  const no = h('button', { type: 'button', class: 'button-secondary', id: `${id}-no` }, 'Batal');
  box.replaceChildren(h('div', { class: 'card', role: 'alertdialog', 'aria-labelledby': `${id}-text` },
    h('p', { id: `${id}-text` }, text), h('div', { class: 'actions' }, yes, no)));
  yes.focus();
  no.addEventListener('click', () => { box.replaceChildren(); back.focus(); });
  yes.addEventListener('click', () => run(yes));
}

function editForm(person, ctx, onDone) {
  const name = h('input', { type: 'text', name: 'name', maxlength: String(NAME_MAX), value: person.name });
  const position = h('input', { type: 'text', name: 'position', maxlength: String(NAME_MAX), value: person.position });
  const kind = h('select', { name: 'employmentType' }, Object.entries(EMPLOYMENT_TYPE).map(([k, v]) =>
    h('option', { value: k, selected: k === person.employmentType }, v)));
  const send = h('button', { type: 'submit', id: 'person-edit-submit' }, 'Simpan perubahan');
  const status = h('div', { id: 'person-edit-status', 'aria-live': 'polite' });
  const fields = { name, position, employmentType: kind, employment_type: kind, nip: kind };
  const form = h('form', { id: 'person-edit-form', novalidate: true },
    h('p', { class: 'muted' }, 'Unit dan atasan langsung diubah melalui formulir mutasi di bawah.'),
    field('person-edit-name', 'Nama', name),
    field('person-edit-position', 'Jabatan', position),
    field('person-edit-kind', 'Jenis pegawai', kind),
    h('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    [name, position, kind].forEach((el) => fieldError(el, null));
    status.replaceChildren();
    if (!required([[name, 'Nama wajib diisi.'], [position, 'Jabatan wajib diisi.']])) return;
    // unit and supervisor left out: the person keeps them (PersonInput)
    const input = [{ nip: person.nip, name: name.value.trim(), position: position.value.trim(),
      employmentType: kind.value, agency: person.agency.code }];
    const data = await sendMutation({ button: send, status, isCurrent: ctx.isCurrent, failure: failBox }, UPSERT, { input });
    if (!data) return;
    const done = data.upsertPeople;
    if (done.errors.length) {
      showErrors(done.errors, fields, status, 'Data pegawai belum tersimpan');
      return;
    }
    status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'person-edit-done' }, 'Data pegawai tersimpan.'));
    onDone();
  });
  return h('details', { class: 'card', id: 'person-edit' }, h('summary', {}, 'Ubah data pegawai'), form);
}

function retireForm(person, ctx, onDone) {
  const reason = h('select', { name: 'reason' }, h('option', { value: '' }, '— pilih alasan —'),
    Object.entries(DEPARTURE_REASON).map(([k, v]) => h('option', { value: k }, v)));
  const date = h('input', { type: 'date', name: 'date' });
  const note = h('textarea', { name: 'note', rows: '2', maxlength: String(NOTE_MAX) });
  const send = h('button', { type: 'submit', id: 'retire-submit' }, 'Lanjutkan');
  const confirmBox = h('div', { id: 'retire-confirm' });
  const status = h('div', { id: 'retire-status', 'aria-live': 'polite' });
  const fields = { reason, date, note };
  const form = h('form', { id: 'retire-form', novalidate: true },
    h('p', { class: 'muted' }, 'Pegawai yang tidak aktif tidak dapat masuk, tidak tampil pada daftar pegawai dan '
      + 'pemantauan, dan tidak dapat dipilih sebagai atasan. Sasaran, penilaian dan riwayatnya tetap tersimpan. '
      + 'Bawahan langsungnya harus dipindahkan ke atasan lain terlebih dahulu.'),
    field('retire-reason', 'Alasan', reason),
    field('retire-date', 'Tidak aktif sejak', date, 'hari pertama tidak aktif; paling lambat hari ini'),
    field('retire-note', 'Catatan', note, 'opsional, misalnya nomor surat keputusan'),
    h('div', { class: 'actions' }, send), confirmBox, status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    [reason, date, note].forEach((el) => fieldError(el, null));
    status.replaceChildren();
    if (!required([[reason, 'Pilih alasan.'], [date, 'Tanggal wajib diisi.']])) return;
    const text = `${person.name} (${person.nip}) dicatat tidak aktif sejak ${isoDateText(date.value) || date.value} `
      + `karena ${REASON_SHORT[reason.value]}. Sesi masuknya diakhiri dan ia tidak dapat masuk lagi. Lanjutkan?`;
    confirmStep(confirmBox, 'retire-confirm', text, 'Ya, nonaktifkan', send, async (yes) => {
      const input = { nip: person.nip, reason: reason.value, date: date.value, note: note.value.trim() || null };
      const data = await sendMutation({ button: yes, status, isCurrent: ctx.isCurrent, failure: failBox }, RETIRE, { input });
      if (!data) return;
      confirmBox.replaceChildren();
      const done = data.retirePerson;
      if (done.errors.length) {
        showErrors(done.errors, fields, status, 'Pegawai belum dinonaktifkan');
        return;
      }
      status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'retire-done' }, 'Pegawai dinonaktifkan.'));
      onDone();
    });
  });
  return h('details', { class: 'card', id: 'retire' }, h('summary', {}, 'Pensiunkan / nonaktifkan'), form);
}

function reinstateForm(person, ctx, onDone) {
  const note = h('textarea', { name: 'note', rows: '2', maxlength: String(NOTE_MAX) });
  const send = h('button', { type: 'submit', id: 'reinstate-submit' }, 'Aktifkan kembali');
  const confirmBox = h('div', { id: 'reinstate-confirm' });
  const status = h('div', { id: 'reinstate-status', 'aria-live': 'polite' });
  const form = h('form', { id: 'reinstate-form', novalidate: true },
    h('p', { class: 'muted' }, 'Pegawai kembali aktif pada unit, jabatan dan atasan terakhirnya; jabatan kepala unit '
      + 'yang ditinggalkannya diberikan kembali melalui mutasi.'),
    field('reinstate-note', 'Catatan', note, 'opsional'),
    h('div', { class: 'actions' }, send), confirmBox, status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fieldError(note, null);
    status.replaceChildren();
    confirmStep(confirmBox, 'reinstate-confirm', `Aktifkan kembali ${person.name} (${person.nip})?`,
      'Ya, aktifkan kembali', send, async (yes) => {
        const data = await sendMutation({ button: yes, status, isCurrent: ctx.isCurrent, failure: failBox }, REINSTATE,
          { nip: person.nip, note: note.value.trim() || null });
        if (!data) return;
        confirmBox.replaceChildren();
        const done = data.reinstatePerson;
        if (done.errors.length) {
          showErrors(done.errors, { note }, status, 'Pegawai belum diaktifkan kembali');
          return;
        }
        status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'reinstate-done' },
          'Pegawai aktif kembali.'));
        onDone();
      });
  });
  return h('details', { class: 'card', id: 'reinstate', open: true }, h('summary', {}, 'Aktifkan kembali'), form);
}

// the section, or null for a viewer the console does not offer it to
export function personAdminSection(person, ctx, onDone) {
  if (!can(ctx && ctx.viewer, 'managesPeople')) return null;
  return h('section', { 'aria-labelledby': 'person-admin-title', id: 'person-admin' },
    h('h2', { id: 'person-admin-title' }, 'Kelola pegawai'),
    editForm(person, ctx, onDone),
    person.departed ? reinstateForm(person, ctx, onDone) : retireForm(person, ctx, onDone));
}
