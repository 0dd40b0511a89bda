// Indonesian labels of development plans (rencana pengembangan kompetensi: plan status, action kind, source and
// status) and the texts of their error codes (never the server's English message, never a raw code). Used by
// pages/development_plan.js.

import { CODE_TEXT, num, isoDateText, evaluationLabel } from './ui.js';

export const PLAN_STATUS = { DRAFT: 'Draf', AGREED: 'Disepakati' };

// the forms of competency development (PP 17/2020; Peraturan LAN 10/2018 names coaching and mentoring so)
export const ACTION_KIND = {
  TRAINING: 'Pelatihan / bimbingan teknis',
  COACHING: 'Bimbingan atasan (coaching)',
  MENTORING: 'Pendampingan (mentoring)',
  ASSIGNMENT: 'Penugasan',
  SELF_STUDY: 'Belajar mandiri',
  OTHER: 'Lainnya',
};

export const ACTION_STATUS = {
  PLANNED: 'Direncanakan', DONE: 'Terlaksana, menunggu konfirmasi', CONFIRMED: 'Dikonfirmasi',
};

export const ACTION_SOURCE = {
  PROPOSED: 'Usulan penilaian', RECOMMENDATION: 'Rekomendasi penilaian', WRITTEN: 'Ditulis pada rencana',
};

// where an action came from, with the rating's period: "Usulan hasil penilaian Triwulan I 2025"
export function sourceText(action) {
  const base = ACTION_SOURCE[action.source] || 'Lainnya';
  return action.sourcePeriod && action.source !== 'WRITTEN' ? `${base} ${evaluationLabel(action.sourcePeriod)}` : base;
}

const CODE = {
  REQUIRED: 'Wajib diisi.',
  TOO_MANY: 'Jumlah tindakan melebihi batas.',
  INVALID_VALUE: 'Jenis tindakan tidak valid.',
  DUPLICATE: 'Tindakan ini tercantum dua kali.',
  NOT_FOUND: 'Data tidak ditemukan atau di luar akses Anda; muat ulang halaman.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini pada rencana pengembangan ini.',
  STALE_VERSION: 'Rencana telah diubah oleh orang lain sejak Anda membukanya; muat ulang lalu ulangi perubahan Anda.',
  ACTION_COMPLETED: 'Tindakan yang sudah dilaksanakan tetap tercantum dalam rencana tanpa perubahan.',
  ACTION_CONFIRMED: 'Tindakan ini sudah dikonfirmasi pejabat penilai dan tidak dapat diubah lagi.',
  ACTION_NOT_DONE: 'Pelaksanaan tindakan ini belum dicatat oleh pegawai.',
  ALREADY_AGREED: 'Anda sudah menyetujui rencana ini.',
  PLAN_EMPTY: 'Rencana belum memiliki tindakan; tambahkan paling sedikit satu tindakan sebelum disetujui.',
  PLAN_NOT_AGREED: 'Rencana belum disepakati pegawai dan pejabat penilai; pelaksanaan dicatat setelah rencana '
    + 'disepakati.',
  INVALID_URL: 'Tautan bukti harus berupa alamat http:// atau https:// tanpa spasi.',
};

const given = (x) => x !== undefined && x !== null;

// the Indonesian text of a payload error {code, params}
export function developmentErrorText(e) {
  const p = e.params || {};
  switch (e.code) {
    case 'OUT_OF_RANGE':
      if (!given(p.max)) return 'Jumlah JP di luar rentang yang diizinkan.';
      return `Jumlah JP harus antara ${num(given(p.min) ? p.min : 0, 0)} dan ${num(p.max, 0)}`
        + `${given(p.value) ? ` (diisi ${num(p.value, 0)})` : ''}.`;
    case 'TOO_LONG':
      return p.limit ? `Isian terlalu panjang: paling banyak ${num(p.limit, 0)} karakter.` : 'Isian terlalu panjang.';
    case 'TOO_MANY':
      return p.limit ? `Rencana memuat paling banyak ${num(p.limit, 0)} tindakan.` : CODE.TOO_MANY;
    case 'DATE_IN_FUTURE': {
      const today = isoDateText(p.today);
      return today ? `Tanggal tidak boleh melewati hari ini (${today}).` : 'Tanggal tidak boleh melewati hari ini.';
    }
    default:
      return CODE[e.code] || CODE_TEXT[e.code] || 'Isian tidak dapat diterima.';
  }
}
