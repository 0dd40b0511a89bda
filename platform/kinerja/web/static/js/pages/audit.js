// "Jejak Audit" (#/jejak-audit): the audit events the viewer may read (auditEvents: ADMIN every agency's, an agency
// admin its own), newest first, narrowed by agency, kind of record, record id, action, actor and dates; the filters
// live in the address (?entity=person&action=person.update&...), so a filtered list can be linked and reloaded.
// Each action and kind of record shows by its Indonesian label (unknown ones by a generic label, never the code).

import { gql } from '../api.js';
import { h, fill, loading, errorBox, fieldError, num, isoDateText } from '../ui.js';
import { exportButtons } from '../export_buttons.js';

export const EVENTS = `query($agency: String, $entity: String, $entityId: String, $action: String, $actor: String,
  $from: Date, $to: Date, $first: Int, $after: String) {
  auditEvents(agency: $agency, entity: $entity, entityId: $entityId, action: $action, actor: $actor, from: $from,
              to: $to, first: $first, after: $after) { events { at actor action entity entityId } nextCursor }
}`;
export const AGENCIES = '{ agencies(first: 1000) { code name } }';
const PAGE_SIZE = 50;

// every action the services write (tests/test_audit_filters.py finds them in the code and checks this table)
export const ACTION_LABEL = {
  'acting.appoint': 'Plt/Plh ditunjuk',
  'acting.end': 'Penugasan Plt/Plh diakhiri',
  'agency.create': 'Perangkat daerah ditambahkan',
  'agency.update': 'Perangkat daerah diubah',
  'assessment.create': 'Penilaian dibuat',
  'assessment.update': 'Penilaian diubah',
  'assessment.archive': 'Penilaian diarsipkan (akhir tahun)',
  'assessment.fold': 'Penilaian dipindahkan ke periode tahunan',
  'credential.change': 'Kata sandi diganti oleh pemiliknya',
  'credential.set': 'Kata sandi diatur ulang',
  'cycle.create': 'Siklus dibuat',
  'cycle.status': 'Status siklus diubah',
  'indicator.create': 'Indikator ditambahkan',
  'indicator.update': 'Indikator diubah',
  'indicator.retire': 'Indikator dipensiunkan',
  'indicator_draft.save': 'Draf indikator disimpan',
  'indicator_draft.submit': 'Draf indikator diajukan',
  'indicator_draft.approve': 'Draf indikator disetujui',
  'indicator_draft.reject': 'Draf indikator ditolak',
  'indicator_draft.discard': 'Draf indikator dibuang',
  'measurement.create': 'Capaian diisi',
  'measurement.replace': 'Capaian diubah',
  'objection.file': 'Keberatan diajukan',
  'objection.statement': 'Pernyataan atas keberatan dicatat',
  'objection.decide': 'Keberatan diputuskan',
  'org_rating.set': 'Predikat organisasi ditetapkan',
  'org_rating.archive': 'Predikat organisasi diarsipkan (akhir tahun)',
  'org_rating.fold': 'Predikat organisasi dipindahkan ke periode tahunan',
  'performance_feedback.give': 'Umpan balik kinerja diberikan',
  'performance_feedback.answer': 'Umpan balik kinerja ditanggapi',
  'person.create': 'Pegawai ditambahkan',
  'person.update': 'Data pegawai diubah',
  'person.transfer': 'Pegawai dipindahkan',
  'person.depart': 'Pegawai dicatat keluar (pensiun/nonaktif)',
  'person.reinstate': 'Pegawai diaktifkan kembali',
  'people.import': 'Data pegawai diimpor',
  'targets.import': 'Target SKP diimpor',
  'post.create': 'Jabatan ditambahkan',
  'post.coefficient': 'Koefisien angka kredit jabatan diubah',
  'rating.finalize': 'Penilaian difinalisasi',
  'rating.reopen': 'Penilaian dibuka kembali',
  'rating.change': 'Predikat diubah atas keputusan keberatan',
  'rating.archive': 'Predikat diarsipkan (akhir tahun)',
  'rating.fold': 'Predikat dipindahkan ke periode tahunan',
  'development_plan.propose': 'Rencana pengembangan diusulkan dari penilaian',
  'development_plan.save': 'Rencana pengembangan disimpan',
  'development_plan.agree': 'Rencana pengembangan disetujui',
  'development_plan.release': 'Rencana pengembangan tidak lagi diwajibkan (penilaian dibuka kembali)',
  'development_action.complete': 'Pelaksanaan tindakan pengembangan dicatat',
  'development_action.confirm': 'Tindakan pengembangan dikonfirmasi',
  'document.issue': 'Dokumen resmi diterbitkan',
  'service_population.set': 'Populasi layanan ditetapkan',
  'session.login': 'Masuk ke Kinerja',
  'session.logout': 'Keluar dari Kinerja',
  'skp.create': 'SKP dibuat',
  'skp.save': 'SKP disimpan',
  'skp.submit': 'SKP diajukan',
  'skp.approve': 'SKP disetujui',
  'skp.return': 'SKP dikembalikan',
  'skp.revise': 'Revisi SKP dibuka',
  'skp.new_post': 'SKP baru karena pindah jabatan',
  'skp.migrate': 'SKP dibuat dari target lama',
  'survey.submit': 'Jawaban survei diterima',
  'target.create': 'Target ditambahkan',
  'target.update': 'Target diubah',
  'target.delete': 'Target dihapus',
  'token.create': 'Token API dibuat',
  'unit.create': 'Unit kerja ditambahkan',
  'unit.update': 'Unit kerja diubah',
  'unit_org_rating.set': 'Predikat unit ditetapkan',
  'work_log.create': 'Catatan kerja ditambahkan',
};

// every kind of record the services write an event of
export const ENTITY_LABEL = {
  agency: 'Perangkat daerah',
  unit: 'Unit kerja',
  person: 'Pegawai',
  people_import: 'Impor data pegawai',
  targets_import: 'Impor target SKP',
  post: 'Jabatan',
  issued_document: 'Dokumen resmi',
  acting_assignment: 'Plt/Plh',
  cycle: 'Siklus',
  indicator: 'Indikator',
  indicator_draft: 'Draf indikator',
  target: 'Target',
  measurement: 'Capaian',
  skp: 'SKP',
  work_log: 'Catatan kerja',
  performance_feedback: 'Umpan balik kinerja',
  assessment: 'Penilaian',
  rating: 'Predikat kinerja',
  objection: 'Keberatan',
  development_plan: 'Rencana pengembangan',
  development_action: 'Tindakan pengembangan',
  org_rating: 'Predikat organisasi',
  unit_org_rating: 'Predikat unit',
  service_population: 'Populasi layanan',
  survey_response: 'Jawaban survei',
  api_token: 'Token API',
};

export function entityLabel(entity) {
  return ENTITY_LABEL[entity] || 'Data lain';
}

// an action's label; one this console does not know says only which kind of record it changed
export function actionLabel(action, entity) {
  if (ACTION_LABEL[action]) return ACTION_LABEL[action];
  return ENTITY_LABEL[entity] ? `Perubahan lain pada ${ENTITY_LABEL[entity].toLowerCase()}` : 'Perubahan lain';
}

const FIXED_ACTORS = { system: 'Sistem', public: 'Publik (survei)', demo: 'Data demo', migration: 'Migrasi data' };

// who did it: "NIP …", "Token API #…", hidden identities as such
export function actorLabel(actor) {
  const at = actor.indexOf(':');
  if (at < 0) return FIXED_ACTORS[actor] || 'Proses lain';
  const kind = actor.slice(0, at);
  const rest = actor.slice(at + 1);
  if (rest === 'hidden') {
    return { nip: 'Pegawai di luar akses Anda', token: 'Token API di luar akses Anda', cli: 'Operator (baris perintah)' }[kind]
      || 'Di luar akses Anda';
  }
  if (kind === 'nip') return `NIP ${rest}`;
  if (kind === 'token') return `Token API #${rest}`;
  if (kind === 'cli') return `Operator (baris perintah): ${rest}`;
  return 'Pelaku lain';
}

const WHEN = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZone: 'Asia/Jakarta',
});

// "3 Desember 2026 pukul 22.25.10 WIB"
export function whenText(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const parts = Object.fromEntries(WHEN.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} pukul ${parts.hour}.${parts.minute}.${parts.second} WIB`;
}

// a link to the record where the console has a page for it
function recordLink(entity, id) {
  if (entity === 'person' || entity === 'rating') {
    const nip = id.split('/')[0];
    return h('a', { href: `#/person/${encodeURIComponent(nip)}` }, id);
  }
  if (entity === 'agency') return h('a', { href: `#/agency/${encodeURIComponent(id)}` }, id);
  return h('span', { class: 'code' }, id);
}

const FILTERS = ['agency', 'entity', 'entityId', 'action', 'actor', 'from', 'to'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// the filters of the address: only well-formed values
function filtersOf(query) {
  const out = {};
  for (const name of FILTERS) {
    const value = (query.get(name) || '').trim();
    if (value) out[name] = value;
  }
  return out;
}

// the actor filter: a NIP as "nip:<digits>"; the fixed words by their label
function actorValue(text) {
  const t = text.trim();
  if (!t) return null;
  const digits = t.replace(/\s+/g, '');
  if (/^\d{18}$/.test(digits)) return `nip:${digits}`;
  return t;
}

function actorInputText(actor) {
  return actor && actor.startsWith('nip:') ? actor.slice(4) : (actor || '');
}

function errorText(err) {
  const e = err && err.errors && err.errors[0];
  const code = e && e.extensions && e.extensions.code;
  if (code === 'BAD_CURSOR') return 'Posisi halaman tidak dikenal; muat ulang daftar dari awal.';
  return null;
}

export async function render(root, params, ctx) {
  document.title = 'Jejak Audit · Kinerja';
  loading(root);
  const isAdmin = ctx.viewer && ctx.viewer.role === 'ADMIN';
  const filters = filtersOf(params.query);
  let agencies = [];
  if (isAdmin) {
    try {
      agencies = (await gql(AGENCIES)).agencies;
    } catch (err) {
      if (!ctx.isCurrent()) return;
      fill(root, h('h1', {}, 'Jejak Audit'), errorBox(err));
      return;
    }
    if (!ctx.isCurrent()) return;
  }

  const select = (id, label, options, value) => {
    const el = h('select', { id, name: id }, h('option', { value: '' }, 'Semua'),
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
    el.value = value || '';
    return h('div', { class: 'field' }, h('label', { for: id }, label), el);
  };
  const input = (id, label, attrs, value) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name: id, value: value || '', ...attrs }));

  const entityOptions = Object.entries(ENTITY_LABEL).sort((a, b) => a[1].localeCompare(b[1], 'id'));
  const actionOptions = Object.entries(ACTION_LABEL).sort((a, b) => a[1].localeCompare(b[1], 'id'));
  const form = h('form', { class: 'card filters', id: 'audit-filters', novalidate: true, 'aria-label': 'Saring jejak audit' },
    h('div', { class: 'field-inline' },
      isAdmin ? select('audit-agency', 'Perangkat daerah', agencies.map((a) => [a.code, a.name]), filters.agency) : null,
      select('audit-entity', 'Jenis data', entityOptions, filters.entity),
      input('audit-entity-id', 'Kode/ID data', { type: 'text', maxlength: '64', spellcheck: 'false' }, filters.entityId),
      select('audit-action', 'Tindakan', actionOptions, filters.action)),
    h('div', { class: 'field-inline' },
      input('audit-actor', 'NIP pelaku', { type: 'text', maxlength: '40', inputmode: 'numeric', spellcheck: 'false' },
        actorInputText(filters.actor)),
      input('audit-from', 'Dari tanggal', { type: 'date' }, DATE.test(filters.from || '') ? filters.from : ''),
      input('audit-to', 'Sampai tanggal', { type: 'date' }, DATE.test(filters.to || '') ? filters.to : '')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'audit-apply' }, 'Terapkan saringan'),
      h('a', { class: 'button button-secondary', href: '#/jejak-audit', id: 'audit-clear' }, 'Hapus saringan')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const get = (id) => form.querySelector(`#${id}`);
    const from = get('audit-from');
    const to = get('audit-to');
    const actor = get('audit-actor');
    fieldError(to, null);
    fieldError(actor, null);
    if (from.value && to.value && to.value < from.value) {
      fieldError(to, 'Tanggal akhir tidak boleh sebelum tanggal awal.');
      to.focus();
      return;
    }
    const actorText = actor.value.trim();
    if (actorText && !/^\d{18}$/.test(actorText.replace(/\s+/g, ''))) {
      fieldError(actor, 'NIP pelaku terdiri atas 18 angka.');
      actor.focus();
      return;
    }
    const q = new URLSearchParams();
    const put = (name, value) => { if (value) q.set(name, value); };
    if (isAdmin) put('agency', get('audit-agency').value);
    put('entity', get('audit-entity').value);
    put('entityId', get('audit-entity-id').value.trim());
    put('action', get('audit-action').value);
    put('actor', actorValue(actorText));
    put('from', from.value);
    put('to', to.value);
    const text = q.toString();
    ctx.navigate(`#/jejak-audit${text ? `?${text}` : ''}`);
  });

  const body = h('tbody', {});
  const table = h('table', { class: 'audit-events', id: 'audit-events' },
    h('caption', { class: 'visually-hidden' }, 'Peristiwa jejak audit, terbaru lebih dulu'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Waktu'), h('th', { scope: 'col' }, 'Tindakan'),
      h('th', { scope: 'col' }, 'Jenis data'), h('th', { scope: 'col' }, 'Data'), h('th', { scope: 'col' }, 'Pelaku'))),
    body);
  const summary = h('p', { id: 'audit-summary', class: 'lead', 'aria-live': 'polite' });
  const more = h('div', { id: 'audit-more', class: 'actions' });
  const status = h('div', { id: 'audit-status' });
  let shown = 0;

  const variables = {
    agency: filters.agency || null, entity: filters.entity || null, entityId: filters.entityId || null,
    action: filters.action || null, actor: filters.actor || null,
    from: DATE.test(filters.from || '') ? filters.from : null, to: DATE.test(filters.to || '') ? filters.to : null,
    first: PAGE_SIZE,
  };

  const row = (e) => h('tr', { 'data-action': e.action, 'data-entity': e.entity },
    h('td', { 'data-col': 'at' }, whenText(e.at)),
    h('td', { 'data-col': 'action' }, actionLabel(e.action, e.entity)),
    h('td', { 'data-col': 'entity' }, entityLabel(e.entity)),
    h('td', { 'data-col': 'entityId' }, recordLink(e.entity, e.entityId)),
    h('td', { 'data-col': 'actor' }, actorLabel(e.actor)));

  async function loadPage(after, button) {
    if (button) button.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Memuat…'));
    let page;
    try {
      page = (await gql(EVENTS, { ...variables, after })).auditEvents;
    } catch (err) {
      if (!ctx.isCurrent()) return;
      const text = errorText(err);
      status.replaceChildren(text ? errorBox(text) : errorBox(err));
      if (button) button.disabled = false;
      return;
    }
    if (!ctx.isCurrent()) return;
    status.replaceChildren();
    page.events.forEach((e) => body.appendChild(row(e)));
    shown += page.events.length;
    table.hidden = shown === 0;
    summary.textContent = shown
      ? `${num(shown, 0)} peristiwa ditampilkan${page.nextCursor ? '; peristiwa lebih lama dapat dimuat.' : '.'}`
      : (page.nextCursor ? 'Belum ada peristiwa yang cocok di antara peristiwa terbaru yang sudah diperiksa.'
        : 'Tidak ada peristiwa yang cocok dengan saringan ini.');
    if (page.nextCursor) {
      const next = h('button', { type: 'button', class: 'button-secondary', id: 'audit-next' },
        shown ? 'Muat peristiwa lebih lama' : 'Cari di peristiwa lebih lama');
      next.addEventListener('click', () => loadPage(page.nextCursor, next));
      more.replaceChildren(next);
    } else {
      more.replaceChildren();
    }
  }

  // the whole filtered list as a file (every page, not only those shown): /exports/audit-events.csv with the filters
  const exportQuery = new URLSearchParams();
  for (const [name, value] of Object.entries(variables)) {
    if (value && name !== 'first') exportQuery.set(name, value);
  }
  const download = exportButtons({ id: 'audit-download', what: 'jejak audit', fallback: 'jejak-audit',
    csvUrl: () => `/exports/audit-events.csv${exportQuery.toString() ? `?${exportQuery}` : ''}` });
  const exportPart = h('section', { id: 'audit-export', 'aria-label': 'Unduh jejak audit' },
    h('p', { class: 'muted' }, 'Unduh semua peristiwa yang cocok dengan saringan ini, bukan hanya yang ditampilkan; '
      + 'bila terlalu banyak untuk satu berkas, persempit dengan saringan.'), download.element);

  const active = Object.keys(filters).length;
  fill(root,
    h('h1', {}, 'Jejak Audit'),
    h('p', { class: 'muted' }, isAdmin ? 'Semua perubahan data yang tercatat, terbaru lebih dulu.'
      : 'Perubahan data perangkat daerah Anda yang tercatat, terbaru lebih dulu. Identitas di luar akses Anda disamarkan.'),
    form,
    active ? h('p', { class: 'muted', id: 'audit-active' }, `${num(active, 0)} saringan aktif.`) : null,
    filters.from && !isoDateText(filters.from) ? errorBox('Tanggal awal pada alamat tidak valid; saringan itu diabaikan.') : null,
    summary, exportPart, table, status, more);
  table.hidden = true;
  await loadPage(null, null);
}
