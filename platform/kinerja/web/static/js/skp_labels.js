// Indonesian labels of the SKP (status, RHK kind, indicator aspect, attachments, revision changes, error codes),
// shared by pages/skp.js and pages/skp_matrix.js.

import { CODE_TEXT, CORE_VALUE } from './ui.js';

export const SKP_STATUS = { DRAFT: 'Draf', SUBMITTED: 'Diajukan', APPROVED: 'Disetujui', RETURNED: 'Dikembalikan' };
export const RHK_KIND = { MAIN: 'Utama', ADDITIONAL: 'Tambahan' };
export const ASPECT = { QUANTITY: 'Kuantitas', QUALITY: 'Kualitas', TIME: 'Waktu', COST: 'Biaya' };
export const ATTACHMENT = {
  resources: 'Dukungan sumber daya', accountability: 'Skema pertanggungjawaban', consequences: 'Konsekuensi',
};
export const ATTACHMENT_LISTS = ['resources', 'accountability', 'consequences'];

// the fields a revision change names (skpChanges' `field`)
const FIELD = {
  kind: 'jenis', workResult: 'hasil kerja', parentKey: 'intervensi (RHK atasan)', intervention: 'intervensi',
  aspect: 'aspek', indicator: 'indikator', target: 'target', targetLower: 'batas bawah target',
  targetUpper: 'batas atas target', text: 'uraian indikator',
  expectedOutput: 'output yang diharapkan',
};

// the SKP's own input codes, with ui.js's CODE_TEXT for the rest
const SKP_CODE = {
  REQUIRED: 'Wajib diisi.',
  TOO_LONG: 'Teks terlalu panjang.',
  TOO_MANY: 'Jumlah isian melebihi batas.',
  INVALID_VALUE: 'Nilai tidak valid.',
  DUPLICATE: 'Isian ganda.',
  INVALID: 'Isian tidak lengkap atau tidak valid: isi indikator dan target (kuantitatif) atau uraian dan output '
    + 'yang diharapkan (kualitatif), dan intervensi hanya untuk pegawai tanpa atasan.',
  NOT_FOUND: 'Data tidak ditemukan atau di luar akses Anda.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini pada SKP ini.',
  CYCLE_LOCKED: 'Siklus tidak dalam tahap perencanaan atau berjalan; SKP tidak dapat diubah.',
  WRONG_STATUS: 'Status siklus tidak memungkinkan perubahan SKP.',
};

// the Indonesian text of a user error's code (never the server's English message, never a raw code)
export function skpErrorText(code) {
  return SKP_CODE[code] || CODE_TEXT[code] || 'Isian tidak valid.';
}

function valueText(field, value) {
  if (value === null || value === undefined || value === '') return '(kosong)';
  if (field === 'kind') return RHK_KIND[value] || value;
  if (field === 'aspect') return ASPECT[value] || value;
  if (ATTACHMENT[field]) {
    try {
      const list = JSON.parse(value);
      if (Array.isArray(list)) return list.length ? list.join('; ') : '(kosong)';
    } catch (e) {
      // as it is
    }
  }
  return value;
}

// one skpChanges entry as an Indonesian sentence
export function changeText(c) {
  const q = (field, v) => `“${valueText(field, v)}”`;
  const ind = `indikator ke-${c.indicator} pada RHK ${c.key}`;
  switch (c.change) {
    case 'ITEM_ADDED': return `RHK ${c.key} ditambahkan: ${q(null, c.new)}`;
    case 'ITEM_REMOVED': return `RHK ${c.key} dihapus: ${q(null, c.old)}`;
    case 'ITEM_CHANGED': return `RHK ${c.key}: ${FIELD[c.field] || 'isian'} diubah dari ${q(c.field, c.old)} menjadi ${q(c.field, c.new)}`;
    case 'INDICATOR_ADDED': return `Indikator ditambahkan (${ind}): ${q(null, c.new)}`;
    case 'INDICATOR_REMOVED': return `Indikator dihapus (${ind}): ${q(null, c.old)}`;
    case 'INDICATOR_CHANGED': return `${ind[0].toUpperCase()}${ind.slice(1)}: ${FIELD[c.field] || 'isian'} diubah dari ${q(c.field, c.old)} menjadi ${q(c.field, c.new)}`;
    case 'EXPECTATION_ADDED': return `Ekspektasi pimpinan untuk ${CORE_VALUE[c.key] || c.key} ditambahkan: ${q(null, c.new)}`;
    case 'EXPECTATION_REMOVED': return `Ekspektasi pimpinan untuk ${CORE_VALUE[c.key] || c.key} dihapus: ${q(null, c.old)}`;
    case 'EXPECTATION_CHANGED': return `Ekspektasi pimpinan untuk ${CORE_VALUE[c.key] || c.key} diubah dari ${q(null, c.old)} menjadi ${q(null, c.new)}`;
    case 'ATTACHMENT_CHANGED': return `Lampiran “${ATTACHMENT[c.key] || c.key}” diubah dari ${q(c.key, c.old)} menjadi ${q(c.key, c.new)}`;
    default: return 'Perubahan lain pada SKP.';
  }
}
