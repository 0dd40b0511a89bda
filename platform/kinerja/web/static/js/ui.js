// DOM helpers (h, loading, errorBox, field errors), Indonesian labels and number/date formatting.

const BOOLEAN_ATTRS = new Set(['disabled', 'required', 'checked', 'selected', 'readonly', 'multiple', 'hidden',
  'autofocus', 'novalidate']);

function append(el, child) {
  if (child === null || child === undefined || child === false || child === true) return;
  if (Array.isArray(child)) {
    child.forEach((c) => append(el, c));
  } else if (child instanceof Node) {
    el.appendChild(child);
  } else {
    el.appendChild(document.createTextNode(String(child)));
  }
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'for') {
      el.htmlFor = value;
    } else if (key === 'value') {
      el.value = value;
      if (tag !== 'select') el.setAttribute('value', value);
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key.startsWith('style')) {
      throw new Error('h(): inline styles are not allowed by the CSP; use a class');
    } else if (key.startsWith('on')) {
      throw new Error('h(): use on: {event: fn} instead of ' + key);
    } else if (BOOLEAN_ATTRS.has(key)) {
      if (value) el.setAttribute(key, '');
      if (key in el) el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  children.forEach((c) => append(el, c));
  return el;
}

export function loading(root, text = 'Memuat…') {
  root.replaceChildren(h('p', { class: 'loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), text));
}

const ERROR_TEXT = {
  network: 'Tidak dapat terhubung ke server.',
  http: 'Server mengembalikan kesalahan.',
  graphql: 'Permintaan ditolak oleh server.',
  unauthenticated: 'Sesi telah berakhir; silakan masuk kembali.',
  forbidden: 'Anda tidak memiliki akses ke data ini.',
};

export const CODE_TEXT = {
  INVALID_CREDENTIALS: 'NIP atau kata sandi salah.',
  TOO_MANY_ATTEMPTS: 'Terlalu banyak percobaan; coba lagi nanti.',
  LOCKED: 'Akun/alamat dikunci sementara.',
  RATE_LIMITED: 'Terlalu banyak permintaan; coba lagi sebentar lagi.',
  CONFLICT: 'Data telah diubah oleh orang lain; muat ulang lalu coba lagi.',
  FORBIDDEN: 'Anda tidak memiliki akses.',
  NOT_FOUND: 'Data tidak ditemukan.',
  BAD_ARGUMENT: 'Isian tidak valid.',
  INVALID: 'Isian tidak valid.',
  OUT_OF_RANGE: 'Nilai di luar rentang yang diizinkan.',
  INVALID_TARGET_RANGE: 'Rentang target tidak valid: batas bawah tidak boleh melebihi batas atas (rentang 0 sampai 0 '
    + 'ditulis sebagai target 0).',
  CYCLE_LOCKED: 'Siklus sudah dikunci; data tidak dapat diubah.',
  STALE_VERSION: 'SKP telah diubah oleh orang lain; muat ulang lalu coba lagi.',
  SKP_LOCKED: 'SKP sudah disetujui dan dikunci; buka revisi baru untuk mengubahnya.',
  SKP_NOT_DRAFT: 'SKP tidak berstatus draf; hanya draf atau SKP yang dikembalikan yang dapat diubah atau diajukan.',
  SKP_NOT_SUBMITTED: 'SKP belum diajukan; hanya SKP yang diajukan yang dapat disetujui atau dikembalikan.',
  SKP_NOT_APPROVED: 'SKP belum disetujui; revisi hanya dapat dibuka dari SKP yang disetujui.',
  SKP_EMPTY: 'SKP harus memuat paling sedikit satu RHK utama sebelum diajukan.',
  SKP_INCOMPLETE: 'Setiap RHK utama harus memiliki paling sedikit satu indikator.',
  SKP_INDICATOR_MEASURED: 'Indikator ini sudah memiliki realisasi dan tidak dapat dihapus.',
  INVALID_PARENT: 'RHK atasan yang diintervensi tidak ditemukan pada SKP atasan langsung.',
  INVALID_KEY: 'Kode RHK tidak valid (R1, R2, ...).',
  UNAUTHENTICATED: 'Sesi telah berakhir; silakan masuk kembali.',
  // the work log, continuous feedback and monitoring
  DAY_IN_FUTURE: 'Tanggal catatan kinerja tidak boleh melewati hari ini.',
  OUTSIDE_CYCLE: 'Tanggal catatan kinerja berada di luar siklus kinerja.',
  DAY_OVER_24_HOURS: 'Jumlah waktu kerja dalam satu hari melebihi 24 jam.',
  NO_SKP: 'Pegawai belum memiliki SKP pada siklus ini; kosongkan pilihan RHK.',
  ITEM_MISMATCH: 'RHK tidak sesuai dengan RHK catatan kinerja yang dipilih.',
  WRONG_CYCLE: 'Catatan kinerja berasal dari siklus lain.',
  ALREADY_ANSWERED: 'Umpan balik ini sudah ditanggapi.',
  INVALID_RANGE: 'Tanggal akhir tidak boleh sebelum tanggal awal.',
  RANGE_TOO_LONG: 'Rentang tanggal paling lama 366 hari.',
  AGENCY_REQUIRED: 'Pilih perangkat daerah terlebih dahulu sebelum memilih unit.',
};

export function errorBox(err) {
  let title = 'Terjadi kesalahan';
  let detail = '';
  if (err && err.kind) {
    const code = err.errors && err.errors[0] && err.errors[0].extensions && err.errors[0].extensions.code;
    title = (code && CODE_TEXT[code]) || ERROR_TEXT[err.kind] || title;
    detail = err.message || '';
  } else if (err instanceof Error) {
    detail = err.message;
  } else if (typeof err === 'string') {
    title = err;
  }
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, title), detail ? h('p', { class: 'detail' }, detail) : null);
}

// a user error {code, message} as text: the Indonesian text of its code, with the server's message, else the message
export function codeText(e, texts = CODE_TEXT) {
  return texts[e.code] ? `${texts[e.code]} (${e.message})` : e.message;
}

export function userErrors(errors) {
  const out = new Map();
  for (const e of errors || []) {
    const key = Array.isArray(e.path) ? e.path.join('.') : String(e.path || '');
    const text = codeText(e);
    out.set(key, out.has(key) ? `${out.get(key)}; ${text}` : text);
  }
  return out;
}

let fieldErrorSeq = 0;

export function fieldError(input, message) {
  if (!input.id) input.id = `field-${++fieldErrorSeq}`;
  const id = `${input.id}-error`;
  let box = document.getElementById(id);
  const describedBy = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
  if (!message) {
    if (box) box.remove();
    input.removeAttribute('aria-invalid');
    if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
    else input.removeAttribute('aria-describedby');
    return;
  }
  if (!box) {
    box = h('p', { id, class: 'field-error' });
    input.insertAdjacentElement('afterend', box);
  }
  box.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [...describedBy, id].join(' '));
}

export const PREDIKAT = {
  SANGAT_BAIK: 'Sangat Baik', BAIK: 'Baik', BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG_MISCONDUCT: 'Kurang/Misconduct', SANGAT_KURANG: 'Sangat Kurang',
};
export const ORG_PREDIKAT = {
  ISTIMEWA: 'Istimewa', BAIK: 'Baik', BUTUH_PERBAIKAN: 'Butuh Perbaikan', KURANG: 'Kurang',
  SANGAT_KURANG: 'Sangat Kurang',
};
export const EXPECTATION = {
  DI_ATAS_EKSPEKTASI: 'Di Atas Ekspektasi', SESUAI_EKSPEKTASI: 'Sesuai Ekspektasi',
  DI_BAWAH_EKSPEKTASI: 'Di Bawah Ekspektasi',
};
export const CORE_VALUE = {
  BERORIENTASI_PELAYANAN: 'Berorientasi Pelayanan', AKUNTABEL: 'Akuntabel', KOMPETEN: 'Kompeten',
  HARMONIS: 'Harmonis', LOYAL: 'Loyal', ADAPTIF: 'Adaptif', KOLABORATIF: 'Kolaboratif',
};

export function num(x, digits = 2) {
  if (x === null || x === undefined || x === '') return '—';
  const n = Number(x);
  if (!Number.isFinite(n)) return String(x);
  return n.toLocaleString('id-ID', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

// part of whole as a percentage with one decimal that never reads as none or all when it is not ("<0,1 %",
// ">99,9 %"); '—' without a whole
export function percentText(part, whole) {
  if (!whole) return '—';
  const share = (100 * part) / whole;
  if (part > 0 && share < 0.05) return '<0,1\u00a0%';
  if (part < whole && share >= 99.95) return '>99,9\u00a0%';
  return `${num(share, 1)}\u00a0%`;
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' });
}

// an indicator version as people read it (issue 19 §4): "Versi 2 (3 Des 2026)", from its versionStamp; the hash
// stays in a title attribute for whoever needs it
export function versionLabel(stamp) {
  if (!stamp) return '—';
  const d = new Date(stamp.since);
  const day = Number.isNaN(d.getTime()) ? '' : ` (${d.toLocaleDateString('id-ID', { dateStyle: 'medium' })})`;
  return `Versi ${stamp.number}${day}`;
}

// a unit's page (pages/unit.js)
export const unitHref = (agency, code) => `#/unit/${encodeURIComponent(agency)}/${encodeURIComponent(code)}`;

export const CYCLE_STATUS = {
  PLANNING: 'Perencanaan', ACTIVE: 'Berjalan', EVALUATION: 'Evaluasi', CLOSED: 'Ditutup',
};
// the same inside a sentence ("sedang tahap evaluasi")
export const CYCLE_STAGE = Object.fromEntries(Object.entries(CYCLE_STATUS).map(([k, v]) => [k, v.toLowerCase()]));
export const EMPLOYMENT_TYPE = { PNS: 'PNS', PPPK: 'PPPK' };
export const LEVEL = { PERSON: 'Perorangan', UNIT: 'Unit', AGENCY: 'Perangkat Daerah' };
export const DIRECTION = {
  HIGHER_IS_BETTER: 'Makin tinggi makin baik', LOWER_IS_BETTER: 'Makin rendah makin baik',
  BAND: 'Ideal di dalam rentang (di bawah atau di atas rentang sama-sama kurang)',
};

const UNIT_TEXT = { percent: '%', days: 'hari' };
// an indicator's unit as shown after a number ("%" for percent); other units as they are
export function unitText(unit) {
  return UNIT_TEXT[unit] || unit || '';
}

// a target as shown: "95–105 %" for a range (lower and upper), else "95 %"
export function targetText(value, lower, upper, unit) {
  const u = unitText(unit);
  const shown = lower !== null && lower !== undefined && upper !== null && upper !== undefined
    ? `${num(lower, 4)}–${num(upper, 4)}` : num(value, 4);
  return u ? `${shown} ${u}` : shown;
}

// how an indicator's achievement is scored (Indicator.achievement), in one sentence
export function scoringText(rule) {
  if (!rule || rule.cap === null || rule.cap === undefined) return 'Tanpa batas atas capaian.';
  const best = rule.best === null || rule.best === undefined ? ''
    : `; target ${num(rule.best, 4)} (nilai terbaik yang mungkin) yang tercapai penuh juga dinilai ${num(rule.cap, 4)} %`;
  return `Capaian di atas ${num(rule.over, 4)} % dinilai ${num(rule.cap, 4)} %${best}.`;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober',
  'November', 'Desember'];
const ROMAN = ['I', 'II', 'III', 'IV'];

// a date as the API gives it ("2025-07-01") in words: "1 Juli 2025"; null for anything else
export function isoDateText(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : null;
}

// a period of assessments and ratings: the year is the last quarter's evaluation too, as the official form
// heads it ("TRIWULAN IV-AKHIR"; docs/DOMAIN.md, "The year end"): "2024" -> "Triwulan IV / Akhir Tahun 2024"
export function evaluationLabel(period) {
  const m = /^(\d{4})$/.exec(String(period || ''));
  return m ? `Triwulan IV / Akhir Tahun ${m[1]}` : periodLabel(period);
}

// "2024" -> "Tahun 2024", "2024-Q2" -> "Triwulan II 2024", "2024-03" -> "Maret 2024"; anything else as it is
export function periodLabel(period) {
  const p = String(period || '');
  let m = /^(\d{4})$/.exec(p);
  if (m) return `Tahun ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(p);
  if (m) return `Triwulan ${ROMAN[Number(m[2]) - 1]} ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return p;
}

// the annual period of a cycle (its year when listed, else its last period)
export function annualPeriod(cycle) {
  if (!cycle || !cycle.periods || !cycle.periods.length) return null;
  const year = String(cycle.year);
  return cycle.periods.includes(year) ? year : cycle.periods[cycle.periods.length - 1];
}

// a labelled <select> of the periods of the given cycles, grouped by cycle; onChange(period)
export function periodSelect(id, cycles, selected, onChange, labelText = 'Periode') {
  const select = h('select', { id, name: 'period', on: { change: () => onChange(select.value) } },
    [...cycles].sort((a, b) => b.year - a.year).map((c) => h('optgroup',
      { label: `Siklus ${c.year} (${CYCLE_STATUS[c.status] || c.status})` },
      c.periods.map((p) => h('option', { value: p, selected: p === selected }, periodLabel(p))))));
  select.value = selected || '';
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), select);
}

// a <span class="badge badge-CODE"> with the label of the code
export function badge(code, labels) {
  if (code === null || code === undefined) return h('span', { class: 'muted' }, '—');
  return h('span', { class: `badge badge-${code}`, 'data-code': code }, (labels && labels[code]) || code);
}

// replaces root's content with the children (arrays flattened; null/false skipped, unlike replaceChildren)
export function fill(root, ...children) {
  const box = document.createDocumentFragment();
  children.forEach((c) => {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach((x) => { if (x !== null && x !== undefined && x !== false) box.append(x); }); return; }
    box.append(c);
  });
  root.replaceChildren(box);
}
