// Shared by the work log page, the feedback card and the monitoring page: Indonesian texts of the API's codes
// (Indonesian only: the server's English message is never shown), dates as ISO text, durations, field errors.

import { h, fieldError, CODE_TEXT } from './ui.js';

export const WORK_CODE_TEXT = {
  ...CODE_TEXT,
  REQUIRED: 'Wajib diisi.',
  TOO_LONG: 'Isian terlalu panjang.',
  TOO_MANY: 'Terlalu banyak isian sekaligus.',
  INVALID_URL: 'Tautan bukti harus berupa alamat http:// atau https://.',
  OUT_OF_RANGE: 'Durasi harus antara 1 menit dan 24 jam.',
  NOT_FOUND: 'Data tidak ditemukan atau di luar akses Anda.',
  FORBIDDEN: 'Umpan balik hanya dapat diberikan oleh atasan langsung atau admin.',
  INVALID_PERIOD: 'Periode tidak valid untuk siklus ini.',
  CYCLE_CLOSED: 'Siklus sudah ditutup.',
  CYCLE_STATE: 'Tahap siklus tidak mengizinkan perubahan ini.',
  BAD_CURSOR: 'Halaman berikutnya tidak dapat dimuat; muat ulang halaman.',
  LIST_TOO_LONG: 'Daftar terlalu panjang untuk ditampilkan.',
};

// the Indonesian text of a user error or GraphQL error code; never the server's English message
export function problemText(code) {
  return WORK_CODE_TEXT[code] || 'Isian tidak dapat diterima.';
}

// shows each user error at its field (fields: path tail -> input element); the others are answered as a list
export function showProblems(errors, fieldOf) {
  const rest = [];
  const byField = new Map();
  for (const e of errors) {
    const el = fieldOf(e.path || []);
    if (el) byField.set(el, [...(byField.get(el) || []), problemText(e.code)]);
    else rest.push(e);
  }
  let first = null;
  for (const [el, texts] of byField) {
    fieldError(el, [...new Set(texts)].join(' '));
    first = first || el;
  }
  return { first, rest };
}

export function errorList(title, errors, id) {
  return h('div', { class: 'error-box', role: 'alert', id, 'data-codes': errors.map((e) => e.code).join(' ') },
    h('strong', {}, title),
    errors.length ? h('ul', {}, errors.map((e) => h('li', { 'data-code': e.code }, problemText(e.code))))
      : h('p', { class: 'detail' }, 'Periksa isian yang ditandai.'));
}

export const DAY_NAMES = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober',
  'November', 'Desember'];

// 'YYYY-MM-DD' <-> a Date at UTC midnight (no time zone games)
export function parseDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ''));
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? null : d;
}

export function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

export function addDays(d, n) {
  return new Date(d.getTime() + n * 86400000);
}

// the Monday of the week of a day
export function mondayOf(d) {
  return addDays(d, -((d.getUTCDay() + 6) % 7));
}

// "20 Mei 2025"
export function dayText(iso) {
  const d = typeof iso === 'string' ? parseDay(iso) : iso;
  if (!d) return String(iso || '—');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// "Selasa, 20 Mei 2025"
export function longDayText(iso) {
  const d = typeof iso === 'string' ? parseDay(iso) : iso;
  if (!d) return String(iso || '—');
  return `${DAY_NAMES[(d.getUTCDay() + 6) % 7]}, ${dayText(d)}`;
}

// 270 -> "4 jam 30 menit", 0 -> "0 menit"
export function minutesText(total) {
  const n = Math.max(0, Math.round(Number(total) || 0));
  const hours = Math.floor(n / 60);
  const minutes = n % 60;
  if (!hours) return `${minutes} menit`;
  return minutes ? `${hours} jam ${minutes} menit` : `${hours} jam`;
}

export function safeLink(url, text) {
  return url && /^https?:\/\//i.test(url)
    ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text) : null;
}

const KIND_TEXT = {
  network: 'Tidak dapat terhubung ke server.',
  http: 'Server mengembalikan kesalahan.',
  graphql: 'Permintaan ditolak oleh server.',
  unauthenticated: 'Sesi telah berakhir; silakan masuk kembali.',
  forbidden: 'Anda tidak memiliki akses ke data ini.',
};

// a failed request as an alert in Indonesian only (ui.js errorBox adds the server's English message)
export function failBox(err) {
  const code = err && err.errors && err.errors[0] && err.errors[0].extensions && err.errors[0].extensions.code;
  const text = code ? problemText(code) : (err && KIND_TEXT[err.kind]) || 'Terjadi kesalahan.';
  return h('div', { class: 'error-box', role: 'alert', 'data-code': code || (err && err.kind) || '' }, h('strong', {}, text));
}
