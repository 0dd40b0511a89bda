// Keberatan (objections): the Indonesian labels of their statuses, outcomes and roles, the texts of the API's error
// codes (never the server's English message, never a raw code), and the sending of their mutations. Shared by
// pages/objections.js, pages/objection.js and the person page.

import { sendMutation } from './forms.js';
import { h, fieldError, badge, isoDateText } from './ui.js';
import { failBox } from './work_log_ui.js';

export const OBJECTION_STATUS = { OPEN: 'Menunggu keputusan', UPHELD: 'Penilaian tetap', CHANGED: 'Penilaian diubah' };
export const OBJECTION_OUTCOME = { UPHELD: 'Penilaian tetap', CHANGED: 'Penilaian diubah' };
export const OBJECTION_ROLE = {
  EMPLOYEE: 'Pegawai', ASSESSOR: 'Pejabat penilai', SUPERIOR: 'Atasan pejabat penilai', ADMIN: 'BKPSDM',
};

const CODE = {
  OBJECTION_EXISTS: 'Keberatan atas penilaian periode ini sudah pernah diajukan.',
  OBJECTION_DECIDED: 'Keberatan ini sudah diputuskan; keputusan bersifat final dan tidak menerima perubahan lagi.',
  REFERENCE_REQUIRED: 'Nomor surat keputusan wajib diisi untuk keputusan yang dicatat BKPSDM.',
  UNCHANGED: 'Untuk "Penilaian diubah", pilih penilaian hasil kerja atau perilaku kerja yang berbeda dari penilaian '
    + 'semula.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini pada keberatan ini.',
  NOT_FOUND: 'Data tidak ditemukan atau di luar akses Anda.',
  REQUIRED: 'Wajib diisi.',
  TOO_LONG: 'Isian terlalu panjang.',
  TOO_MANY: 'Jumlah pernyataan pada keberatan ini sudah mencapai batas.',
  INVALID: 'Isian tidak valid.',
  INVALID_PERIOD: 'Periode tidak valid atau siklusnya tidak dalam tahap penilaian.',
  CYCLE_STATE: 'Tahap siklus tidak mengizinkan pengajuan keberatan.',
  CYCLE_CLOSED: 'Siklus sudah ditutup.',
};

// the Indonesian text of a user error (OBJECTION_PERIOD_OVER with its last day from params.until, YYYY-MM-DD)
export function objectionErrorText(e) {
  if (e.code === 'OBJECTION_PERIOD_OVER') {
    const until = isoDateText(e.params && e.params.until);
    return until
      ? `Masa pengajuan keberatan sudah lewat: keberatan hanya dapat diajukan sampai ${until}.`
      : 'Masa pengajuan keberatan sudah lewat: keberatan hanya dapat diajukan dalam jangka waktu tertentu sejak '
        + 'penilaian difinalisasi.';
  }
  return CODE[e.code] || 'Isian tidak dapat diterima.';
}

export function statusBadge(status) {
  return badge(status, OBJECTION_STATUS);
}

// each user error at its field (fieldOf: path -> element or null); the rest listed in `status` under `title`.
// Returns the first field marked (focused), else the list.
export function showObjectionErrors(errors, fieldOf, status, title, id) {
  const rest = [];
  const byField = new Map();
  for (const e of errors) {
    const el = fieldOf(e.path || []);
    if (el) byField.set(el, [...(byField.get(el) || []), objectionErrorText(e)]);
    else rest.push(e);
  }
  let first = null;
  for (const [el, texts] of byField) {
    fieldError(el, [...new Set(texts)].join(' '));
    first = first || el;
  }
  status.replaceChildren(h('div', { class: 'error-box', role: 'alert', id, tabindex: '-1',
    'data-codes': errors.map((e) => e.code).join(' ') },
  h('strong', {}, title),
  rest.length ? h('ul', {}, rest.map((e) => h('li', { 'data-code': e.code }, objectionErrorText(e))))
    : h('p', { class: 'detail' }, 'Periksa isian yang ditandai.')));
  const target = first || status.firstChild;
  (target.tagName === 'FIELDSET' ? target.querySelector('input') : target).focus();
  return target;
}

// one mutation through forms.js's sendMutation, a failed request shown in Indonesian only (failBox); the status line
// cleared on success. The payload (data[field]) or null.
export async function sendObjection({ button, status, isCurrent, busyText = 'Mengirim…' }, query, variables, field) {
  const data = await sendMutation({ button, status, isCurrent, busyText, failure: failBox }, query, variables);
  if (!data) return null;
  status.replaceChildren();
  return data[field];
}
