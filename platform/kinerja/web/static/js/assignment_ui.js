// Posts, assignments and acting officials (Plt, Plh) in the console: a person's assignment history, who assesses
// them in a period, the transfer form (ADMIN and agency admins), and the acting officials of an agency with the form
// that appoints one. Indonesian texts only: each API error code has its own sentence here, never the server's English.

import { gql } from './api.js';
import { sendMutation } from './forms.js';
import { h, fieldError, isoDateText, num } from './ui.js';
import { failBox } from './work_log_ui.js';

export const ACTING_KIND = { PLT: 'Plt (pelaksana tugas)', PLH: 'Plh (pelaksana harian)' };
const ACTING_SHORT = { PLT: 'Plt', PLH: 'Plh' };
export function dateText(iso) {
  return isoDateText(iso) || '—';
}

const CODE = {
  IN_THE_FUTURE: 'Tanggal berlaku tidak boleh melewati hari ini; catat mutasi pada hari mulai berlakunya.',
  BEFORE_CURRENT: 'Tanggal berlaku tidak boleh sebelum penempatan saat ini dimulai.',
  POST_HELD: 'Jabatan ini masih dijabat orang lain pada tanggal tersebut.',
  WRONG_UNIT: 'Jabatan kepala unit ini milik unit lain; pilih unit yang dipimpinnya.',
  SUPERVISOR_LOOP: 'Atasan yang dipilih berada di bawah pegawai ini dalam susunan atasan-bawahan.',
  SELF_SUPERVISOR: 'Pegawai tidak dapat menjadi atasan dirinya sendiri.',
  NOTHING_CHANGES: 'Tidak ada yang berubah: pegawai sudah berada pada unit, jabatan dan atasan tersebut.',
  NOT_FOUND: 'Data tidak ditemukan atau di luar akses Anda.',
  REQUIRED: 'Wajib diisi.',
  TOO_LONG: 'Isian terlalu panjang.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini.',
  CONFLICT: 'Data pegawai berubah bersamaan oleh pengguna lain; muat ulang halaman lalu kirim lagi.',
  POST_VACANT: 'Jabatan kosong pada tanggal mulai: Plh hanya untuk pejabat yang berhalangan; tunjuk Plt.',
  HOLDS_POST: 'Pegawai ini pemangku jabatan tersebut; tidak dapat menjadi pelaksana bagi dirinya sendiri.',
  NOT_A_HEAD_POST: 'Hanya jabatan kepala unit yang dapat dijabat Plt atau Plh.',
  OVERLAPS: 'Sudah ada Plt/Plh pada jabatan ini yang rentang tanggalnya beririsan.',
  BEFORE_START: 'Tanggal akhir tidak boleh sebelum tanggal mulai.',
  OUT_OF_RANGE: 'Tanggal berada di luar rentang penugasan.',
  IN_THE_PAST: 'Penugasan hanya dapat diakhiri mulai kemarin; hari yang sudah lewat tetap seperti adanya.',
  INVALID_KIND: 'Jenis yang dipilih tidak sesuai.',
};

export function assignmentErrorText(e) {
  if (e.code === 'POST_HELD' && e.path && e.path[e.path.length - 1] === 'kind') {
    return 'Jabatan masih dijabat pada tanggal mulai: Plt hanya untuk jabatan yang kosong; tunjuk Plh.';
  }
  if (e.code === 'TOO_LONG' && e.path && e.path[e.path.length - 1] === 'endsOn') {
    return 'Satu surat keputusan paling lama berlaku 366 hari.';
  }
  return CODE[e.code] || 'Isian tidak dapat diterima.';
}

// each error at its field (fields: last path segment -> element); the rest in `status`
function showErrors(errors, fields, status) {
  const rest = [];
  let first = null;
  for (const e of errors) {
    const el = fields[(e.path || [])[e.path.length - 1]];
    if (el) {
      fieldError(el, assignmentErrorText(e));
      first = first || el;
    } else {
      rest.push(e);
    }
  }
  status.replaceChildren(h('div', { class: 'error-box', role: 'alert', tabindex: '-1',
    'data-codes': errors.map((e) => e.code).join(' ') },
  h('strong', {}, 'Belum tersimpan'),
  rest.length ? h('ul', {}, rest.map((e) => h('li', { 'data-code': e.code }, assignmentErrorText(e))))
    : h('p', { class: 'detail' }, 'Periksa isian yang ditandai.')));
  (first || status.firstChild).focus();
}

function field(id, label, input, hint) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label,
    hint ? h('span', { class: 'muted' }, ` (${hint})`) : null), input);
}

// -- a person's assignments ---------------------------------------------------------------------------------------

export function officialText(found) {
  if (!found) return h('span', { class: 'muted' }, 'Tidak ada (dinilai oleh BKPSDM)');
  const o = found.official;
  return [h('span', { 'data-col': 'official-name' }, o.name), h('span', { class: 'muted' }, ` · ${o.nip} · ${o.position || ''}`),
    found.acting ? [' ', h('span', { class: 'badge', 'data-acting': found.acting }, ACTING_SHORT[found.acting]),
      h('span', { class: 'muted' }, ` berdasarkan ${found.decree}`)] : null];
}

export function historySection(assignments) {
  return h('section', { 'aria-labelledby': 'assignments-title', id: 'assignments' },
    h('h2', { id: 'assignments-title' }, 'Riwayat jabatan'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'assignments-table' },
      h('caption', { class: 'visually-hidden' }, 'Riwayat penempatan, jabatan dan atasan'),
      h('thead', {}, h('tr', {}, ['Sejak', 'Sampai', 'Unit', 'Jabatan', 'Atasan langsung', 'Keterangan']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, assignments.map((a) => h('tr', { 'data-since': a.since || '', 'data-until': a.until || '' },
        h('td', {}, a.since ? dateText(a.since) : 'Sebelum pencatatan'),
        h('td', {}, a.until ? dateText(a.until) : 'Sekarang'),
        h('td', { 'data-col': 'unit' }, a.unitName || '—'),
        h('td', { 'data-col': 'position' }, a.position),
        h('td', { 'data-col': 'supervisor' }, a.supervisor ? `${a.supervisor.name} (${a.supervisor.nip})`
          : a.reportsToPost ? `Jabatan kosong: ${a.reportsToPost.name}` : '—'),
        h('td', { 'data-col': 'reason' }, a.reason || '',
          a.skpRevision ? h('span', { class: 'muted', 'data-col': 'skpRevision' },
            `${a.reason ? ' · ' : ''}SKP jabatan ini: revisi ${a.skpRevision}`) : null)))))));
}

export const UNITS_AND_POSTS = `query($code: String!) { agency(code: $code) { units { code name } }
  posts(agency: $code, first: 1000) { id name headsUnit creditCoefficient } }`;
export const TRANSFER = `mutation($input: TransferInput!) { transferPerson(input: $input) {
  assignments { since } errors { path code message } } }`;

// the transfer form (mutasi): opened on demand, it loads the agency's units and posts; a confirmation before sending
export function transferForm(person, ctx, onDone) {
  const status = h('div', { id: 'transfer-status', 'aria-live': 'polite' });
  const effective = h('input', { type: 'date', name: 'effective', required: true });
  const unit = h('select', { name: 'unit' });
  const post = h('select', { name: 'post' });
  const position = h('input', { type: 'text', name: 'position', maxlength: '200', value: '' });
  const supervisor = h('input', { type: 'text', name: 'supervisor', inputmode: 'numeric', maxlength: '40' });
  const reason = h('textarea', { name: 'reason', rows: '2', maxlength: '500', required: true });
  const send = h('button', { type: 'submit', id: 'transfer-submit' }, 'Simpan mutasi');
  const confirmBox = h('div', { id: 'transfer-confirm' });
  const fields = { effective, unit, post, position, supervisor, reason };
  const form = h('form', { id: 'transfer-form', novalidate: true },
    field('transfer-effective', 'Tanggal berlaku', effective),
    field('transfer-unit', 'Unit tujuan', unit),
    field('transfer-post', 'Jabatan struktural', post, 'opsional'),
    field('transfer-position', 'Nama jabatan', position, 'kosongkan: nama jabatan struktural, atau tetap'),
    field('transfer-supervisor', 'NIP atasan langsung', supervisor, 'kosongkan: kepala unit tujuan'),
    field('transfer-reason', 'Alasan dan nomor surat keputusan', reason),
    h('div', { class: 'actions' }, send), confirmBox, status);
  let loaded = false;
  const details = h('details', { class: 'card', id: 'transfer' }, h('summary', {}, 'Mutasi atau pindah jabatan'), form);
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    try {
      const data = await gql(UNITS_AND_POSTS, { code: person.agency.code });
      unit.replaceChildren(h('option', { value: '' }, '— tanpa unit —'), ...data.agency.units.map((u) =>
        h('option', { value: u.code, selected: person.unit && person.unit.code === u.code }, u.name)));
      post.replaceChildren(h('option', { value: '' }, '— tanpa jabatan struktural —'), ...data.posts.map((p) =>
        h('option', { value: p.id }, p.headsUnit ? `${p.name} (kepala unit)` : p.creditCoefficient
          ? `${p.name} (koefisien angka kredit ${num(p.creditCoefficient, 2)})` : p.name)));
    } catch (err) {
      status.replaceChildren(failBox(err));
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.values(fields).forEach((el) => fieldError(el, null));
    const missing = [[effective, !effective.value], [reason, !reason.value.trim()]].filter(([, bad]) => bad);
    if (missing.length) {
      missing.forEach(([el]) => fieldError(el, 'Wajib diisi.'));
      missing[0][0].focus();
      return;
    }
    const unitName = unit.selectedOptions[0] ? unit.selectedOptions[0].textContent : '';
    const yes = h('button', { type: 'button', id: 'transfer-confirm-yes' }, 'Ya, simpan');
    const no = h('button', { type: 'button', class: 'button-secondary' }, 'Batal');
    confirmBox.replaceChildren(h('div', { class: 'card', role: 'alertdialog', 'aria-labelledby': 'transfer-confirm-text' },
      h('p', { id: 'transfer-confirm-text' }, `Pindahkan ${person.name} ke ${unitName} mulai ${dateText(effective.value)}? `
        + 'Penempatan sebelumnya disimpan dalam riwayat; penilaian yang sudah ada tidak berubah.'),
      h('div', { class: 'actions' }, yes, no)));
    yes.focus();
    no.addEventListener('click', () => { confirmBox.replaceChildren(); send.focus(); });
    yes.addEventListener('click', async () => {
      const input = { nip: person.nip, effective: effective.value, reason: reason.value.trim(),
        unit: unit.value || null, post: post.value || null, position: position.value.trim() || null,
        supervisor: supervisor.value.trim() || null };
      const data = await sendMutation({ button: yes, status, isCurrent: ctx.isCurrent, failure: failBox },
        TRANSFER, { input });
      if (!data) return;
      const done = data.transferPerson;
      confirmBox.replaceChildren();
      if (done.errors.length) {
        showErrors(done.errors, fields, status);
        return;
      }
      status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'transfer-done' }, 'Mutasi tersimpan.'));
      onDone();
    });
  });
  return details;
}

// -- the acting officials of an agency -------------------------------------------------------------------------------

export const ACTING_LIST = `query($code: String!) { actingAssignments(agency: $code) {
  id kind startsOn endsOn decree official { nip name } post { name headsUnit } }
  posts(agency: $code, first: 1000) { id name headsUnit } }`;
export const APPOINT = `mutation($input: ActingInput!) { appointActing(input: $input) { acting { id } errors { path code message } } }`;
export const END = `mutation($id: ID!, $day: Date!) { endActing(id: $id, lastDay: $day) { acting { endsOn } errors { path code message } } }`;

function actingTable(rows, ctx, reload) {
  if (!rows.length) return h('p', { class: 'empty', id: 'acting-empty' }, 'Tidak ada Plt atau Plh yang berlaku.');
  return h('div', { class: 'table-wrap' }, h('table', { id: 'acting-table' },
    h('caption', { class: 'visually-hidden' }, 'Pelaksana tugas dan pelaksana harian'),
    h('thead', {}, h('tr', {}, ['Jabatan', 'Pelaksana', 'Jenis', 'Mulai', 'Sampai', 'Surat keputusan', 'Akhiri']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((r) => {
      const day = h('input', { type: 'date', name: 'lastDay', 'aria-label': `Hari terakhir ${r.official.name}` });
      const status = h('div', { 'aria-live': 'polite' });
      const end = h('button', { type: 'button', class: 'button-secondary', 'data-end': r.id }, 'Akhiri');
      end.addEventListener('click', async () => {
        fieldError(day, null);
        if (!day.value) { fieldError(day, 'Wajib diisi.'); day.focus(); return; }
        if (!window.confirm(`Akhiri penugasan ${r.official.name} pada ${dateText(day.value)}?`)) return;
        const data = await sendMutation({ button: end, status, isCurrent: ctx.isCurrent, failure: failBox }, END,
          { id: r.id, day: day.value });
        if (!data) return;
        if (data.endActing.errors.length) { showErrors(data.endActing.errors, { lastDay: day }, status); return; }
        reload();
      });
      return h('tr', { 'data-acting': r.id },
        h('td', {}, r.post.name), h('td', { 'data-col': 'official' }, `${r.official.name} (${r.official.nip})`),
        h('td', { 'data-col': 'kind' }, ACTING_KIND[r.kind]), h('td', {}, dateText(r.startsOn)),
        h('td', { 'data-col': 'endsOn' }, dateText(r.endsOn)), h('td', {}, r.decree), h('td', {}, day, end, status));
    }))));
}

function appointForm(code, posts, ctx, reload) {
  const status = h('div', { id: 'acting-status', 'aria-live': 'polite' });
  const post = h('select', { name: 'post' }, h('option', { value: '' }, '— pilih jabatan kepala unit —'),
    ...posts.filter((p) => p.headsUnit).map((p) => h('option', { value: p.id }, `${p.name} (${p.headsUnit})`)));
  const nip = h('input', { type: 'text', name: 'nip', inputmode: 'numeric', maxlength: '40' });
  const kind = h('select', { name: 'kind' }, Object.entries(ACTING_KIND).map(([k, v]) => h('option', { value: k }, v)));
  const startsOn = h('input', { type: 'date', name: 'startsOn' });
  const endsOn = h('input', { type: 'date', name: 'endsOn' });
  const decree = h('input', { type: 'text', name: 'decree', maxlength: '200' });
  const send = h('button', { type: 'submit', id: 'acting-submit' }, 'Tunjuk');
  const fields = { post, nip, kind, startsOn, endsOn, decree };
  const form = h('form', { id: 'acting-form', novalidate: true },
    field('acting-post', 'Jabatan', post), field('acting-nip', 'NIP pelaksana', nip), field('acting-kind', 'Jenis', kind),
    h('div', { class: 'field-inline' }, field('acting-starts', 'Mulai', startsOn), field('acting-ends', 'Sampai', endsOn)),
    field('acting-decree', 'Nomor surat keputusan', decree), h('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Object.values(fields).forEach((el) => fieldError(el, null));
    const missing = Object.entries(fields).filter(([, el]) => !el.value.trim());
    if (missing.length) {
      missing.forEach(([, el]) => fieldError(el, 'Wajib diisi.'));
      missing[0][1].focus();
      return;
    }
    const input = { post: post.value, nip: nip.value.trim(), kind: kind.value, startsOn: startsOn.value,
      endsOn: endsOn.value, decree: decree.value.trim() };
    const data = await sendMutation({ button: send, status, isCurrent: ctx.isCurrent, failure: failBox }, APPOINT, { input });
    if (!data) return;
    if (data.appointActing.errors.length) { showErrors(data.appointActing.errors, fields, status); return; }
    reload('Plt/Plh ditunjuk.');
  });
  return h('details', { class: 'card', id: 'acting-appoint' }, h('summary', {}, 'Tunjuk Plt atau Plh'), form);
}

// the section on the agency page: the acting officials in force or to come, and the form (ADMIN, agency admins)
export function actingSection(code, ctx) {
  const box = h('div', { id: 'acting' }, h('p', { class: 'loading', role: 'status' }, 'Memuat…'));
  const load = async (message) => {
    try {
      const data = await gql(ACTING_LIST, { code });
      if (!ctx.isCurrent()) return;
      const done = message ? [h('p', { class: 'success', role: 'status', id: 'acting-done' }, message)] : [];
      box.replaceChildren(...done, actingTable(data.actingAssignments, ctx, load),
        appointForm(code, data.posts, ctx, load));
    } catch (err) {
      if (ctx.isCurrent()) box.replaceChildren(failBox(err));
    }
  };
  load();
  return h('section', { 'aria-labelledby': 'acting-title' },
    h('h2', { id: 'acting-title' }, 'Pelaksana tugas (Plt) dan pelaksana harian (Plh)'), box);
}
