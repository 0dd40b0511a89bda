// Indicator drafts (issue 18) in Indonesian: each problem code's text, a spec path as its field's label
// (["inputs", "sasaran", "min"] -> "Isian sasaran, batas bawah"), the drafts' statuses and the origins.
// The server's English messages are never shown.

export const PROBLEM_TEXT = {
  // checkIndicatorSpec and saveIndicatorDraft (the spec loader)
  YAML_INVALID: 'Teks YAML tidak dapat dibaca; periksa tanda kutip, titik dua dan indentasi.',
  YAML_TAG: 'Tanda khusus YAML (tag, misalnya !!python) tidak diizinkan.',
  UNKNOWN_KEY: 'Bagian ini tidak dikenal dalam spesifikasi indikator.',
  REQUIRED: 'Wajib diisi.',
  MISSING_CALCULATOR_INPUTS: 'Kalkulator ini memerlukan isian yang belum dinyatakan.',
  FORMULA_OR_CALCULATOR: 'Isi salah satu: rumus atau kalkulator (tidak keduanya).',
  UNKNOWN_CALCULATOR: 'Kalkulator ini tidak terpasang.',
  UNKNOWN_INPUT: 'Menyebut isian yang tidak dinyatakan.',
  DUPLICATE: 'Nilai ini ganda.',
  NOT_A_MAPPING: 'Harus berupa daftar pasangan nama dan nilai.',
  NOT_A_LIST: 'Harus berupa daftar.',
  NOT_A_VALUE: 'Harus berupa satu nilai.',
  TOO_LONG: 'Terlalu panjang.',
  TOO_MANY: 'Terlalu banyak.',
  NOT_A_NUMBER: 'Harus berupa angka.',
  INVALID_CHOICE: 'Pilihan tidak dikenal.',
  INVALID_CODE: 'Kode hanya boleh huruf besar, angka dan garis bawah, diawali huruf.',
  INVALID_NAME: 'Nama isian hanya boleh huruf kecil, angka dan garis bawah, diawali huruf.',
  INVALID_RANGE: 'Batas bawah tidak boleh melebihi batas atas.',
  NOT_A_BOOLEAN: 'Harus ya atau tidak.',
  INVALID_TARGET: 'Target tidak valid (angka tidak negatif, atau rentang dengan batas bawah tidak melebihi batas atas).',
  INVALID_RATING: 'Ambang penilaian tidak valid (ambang di atas ekspektasi tidak boleh di bawah ambang sesuai ekspektasi).',
  INVALID_ACHIEVEMENT: 'Aturan capaian tidak valid.',
  INVALID_FORMULA: 'Rumus tidak valid: hanya angka, nama isian, operator hitung dan fungsi yang diizinkan.',
  INVALID_CHECK: 'Pemeriksaan tidak valid: harus berupa perbandingan atas isian.',
  INVALID_SPEC: 'Spesifikasi tidak valid.',
  CHECK_NEVER_HOLDS: 'Pemeriksaan ini tidak akan pernah terpenuhi.',
  CODE_FROM_FILE: 'Kode ini sudah ditetapkan oleh berkas spesifikasi; pakai kode lain.',
  TOO_MANY_PROBLEMS: 'Masih ada masalah lain yang belum ditampilkan.',
  // the drafts' steps
  STALE_VERSION: 'Draf ini telah diubah orang lain sejak Anda membukanya. Muat ulang halaman, lalu ulangi.',
  STALE_BASE: 'Indikator telah berubah sejak draf ini dimulai. Mulai draf baru dari versi terkini.',
  NO_CHANGE: 'Draf sama dengan versi indikator yang berlaku sekarang.',
  DUPLICATE_DRAFT: 'Sudah ada draf terbuka untuk kode ini.',
  TOO_MANY_DRAFTS: 'Perangkat daerah ini sudah mencapai batas jumlah draf terbuka.',
  INVALID_STATUS: 'Langkah ini tidak dapat dilakukan pada status draf sekarang.',
  ALREADY_DECIDED: 'Draf ini sudah diputuskan.',
  FORBIDDEN: 'Anda tidak berwenang melakukan langkah ini.',
  NOT_FOUND: 'Tidak ditemukan.',
  NOT_AN_EDIT: 'Draf ini indikator baru; tidak ada riwayat untuk dibandingkan.',
  INVALID_AGENCY: 'Perangkat daerah tidak sesuai.',
  // previews
  CHECK_FAILED: 'Pemeriksaan data gagal untuk isian ini.',
  OUT_OF_RANGE: 'Nilai di luar rentang yang diizinkan.',
  INVALID_TYPE: 'Jenis nilai tidak sesuai (misalnya bilangan bulat).',
  CALCULATION_ERROR: 'Nilai tidak dapat dihitung dari isian ini.',
  ALREADY_RETIRED: 'Indikator ini sudah dipensiunkan.',
};

export const DRAFT_STATUS = { DRAFT: 'Draf', SUBMITTED: 'Diajukan', APPROVED: 'Disetujui', REJECTED: 'Ditolak' };
export const ORIGIN = { FILE: 'dari berkas', CONSOLE: 'dari konsol' };
export const PERIOD_KIND = { month: 'Bulanan', quarter: 'Triwulanan', year: 'Tahunan' };
export const DIRECTION_CHOICE = {
  higher_is_better: 'Makin tinggi makin baik', lower_is_better: 'Makin rendah makin baik',
  band: 'Ideal di dalam rentang',
};
export const LEVEL_CHOICE = { person: 'Perorangan', unit: 'Unit', agency: 'Perangkat Daerah' };
export const INPUT_TYPE = { integer: 'Bilangan bulat', number: 'Bilangan' };

const TOP = {
  code: 'Kode', name: 'Nama', name_en: 'Nama dalam bahasa Inggris', unit: 'Satuan', direction: 'Arah', level: 'Tingkat',
  periods: 'Periode', inputs: 'Isian', checks: 'Pemeriksaan', formula: 'Rumus', calculator: 'Kalkulator',
  target: 'Target bawaan', rating: 'Ambang penilaian', achievement: 'Aturan capaian',
};
const INPUT_PART = { type: 'jenis', min: 'batas bawah', max: 'batas atas', label: 'keterangan', required: 'wajib' };
const SUB = {
  target: { lower: 'batas bawah', upper: 'batas atas' },
  rating: { above: 'di atas ekspektasi', meets: 'sesuai ekspektasi' },
  achievement: { cap: 'nilai tertinggi', over: 'capaian mulai dibatasi', best: 'nilai terbaik yang mungkin' },
};
// paths outside the spec (the mutations' own arguments)
const ARGUMENT = { id: 'Draf', version: 'Versi draf', note: 'Catatan', reason: 'Alasan', agency: 'Perangkat daerah',
  input: 'Draf', yaml: 'Teks YAML', inputs: 'Isian contoh', target: 'Target contoh', period: 'Periode' };

function ordinal(i) {
  const n = Number(i);
  return Number.isInteger(n) ? `ke-${n + 1}` : String(i);
}

// the label of a spec path (an array of keys, as the API gives it)
export function pathLabel(path) {
  const p = (path || []).map(String);
  if (!p.length) return 'Teks YAML';
  const [top, second, third] = p;
  const head = TOP[top] || `Bagian "${top}"`;
  if (p.length === 1) return head;
  if (top === 'inputs') {
    const name = `Isian ${second}`;
    if (p.length === 2) return name;
    return `${name}, ${INPUT_PART[third] || `bagian "${third}"`}`;
  }
  if (top === 'checks' || top === 'periods') return `${head} ${ordinal(second)}`;
  if (SUB[top]) return `${head}, ${SUB[top][second] || `bagian "${second}"`}`;
  return `${head}, bagian "${p.slice(1).join('.')}"`;
}

// a mutation's path: ["input", "yaml", ...spec path] is the spec's; others are the arguments'
export function mutationPathLabel(path) {
  const p = (path || []).map(String);
  if (p[0] === 'input' && p[1] === 'yaml') return pathLabel(p.slice(2));
  if (p[0] === 'id' && p.length > 1) return pathLabel(p.slice(1));
  if (p[0] === 'inputs' && p.length > 1) return `Isian contoh ${p[1]}`;
  return ARGUMENT[p[p.length - 1]] || ARGUMENT[p[0]] || 'Draf';
}

export function problemText(code) {
  return PROBLEM_TEXT[code] || 'Ada masalah pada bagian ini.';
}

// "Isian sasaran, batas bawah: Wajib diisi."
export function problemLine(problem, label = pathLabel) {
  return `${label(problem.path)}: ${problemText(problem.code)}`;
}
