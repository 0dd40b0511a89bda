// Impor dan ekspor pegawai (#/pegawai/impor?agency=CODE), for ADMIN (any agency) and agency admins (their own):
// choose a CSV or Excel file, read the server's preview of every row (baris, NIP, nama, tindakan, perubahan, the
// errors by column, in Indonesian), then "Simpan semua", offered only when no row has an error: the server writes
// every row or none, and only the file it previewed (its digest). The export buttons fetch the same columns as CSV
// or Excel with the session's bearer token (a link cannot send it) and save them as a file
// (http/people_files.py, services/org/people_import.py). The sections are import_ui.js's, shared with the SKP targets'.

import { gql } from '../api.js';
import { can } from '../roles.js';
import { importSection, exportSection } from '../import_ui.js';
import { h, fill, loading, errorBox, num } from '../ui.js';

export const AGENCIES = '{ agencies(first: 1000) { code name } }';

const COLUMN_LABEL = {
  nip: 'NIP', name: 'Nama', employment_type: 'Jenis pegawai', position: 'Jabatan', agency: 'Perangkat daerah',
  unit: 'Unit', supervisor: 'Atasan langsung',
};
const FAILED = {
  network: 'Tidak dapat terhubung ke server.',
  401: 'Sesi telah berakhir; silakan masuk kembali.',
  403: 'Anda tidak berwenang mengimpor atau mengekspor data pegawai.',
};

const IMPORT = {
  preview: '/imports/people/preview',
  commit: '/imports/people',
  params: () => ({}),
  failed: FAILED,
  columns: [{ col: 'name', title: 'Nama', text: (values) => values.name || '' }],
  label: (column) => COLUMN_LABEL[column] || column,
  title: 'Impor pegawai',
  intro: 'Pilih berkas CSV (UTF-8) atau Excel (.xlsx) dengan kolom NIP, nama, jenis pegawai, jabatan, kode '
    + 'perangkat daerah, kode unit dan NIP atasan (baris pertama berisi judul kolom, seperti berkas ekspor). '
    + 'Setiap baris diperiksa dahulu; tidak ada yang disimpan sebelum Anda menekan "Simpan semua", dan semua baris '
    + 'disimpan sekaligus atau tidak sama sekali.',
  fileLabel: 'Berkas pegawai',
  previewed: (body) => `Pratinjau berkas ${body.filename}`,
  saved: (body) => `Tersimpan: ${num(body.counts.new, 0)} pegawai baru, ${num(body.counts.changed, 0)} diubah, `
    + `${num(body.counts.unchanged, 0)} tidak berubah.`,
};

function exportOptions(own) {
  return {
    url: (extension, code) => `/exports/people.${extension}${code ? `?agency=${encodeURIComponent(code)}` : ''}`,
    fallback: 'pegawai',
    failed: FAILED,
    title: 'Ekspor pegawai',
    intro: own ? `Pegawai ${own.name}, dengan kolom yang sama seperti impor: berkas ekspor dapat diubah lalu `
      + 'diimpor kembali.' : 'Kolom yang sama seperti impor: berkas ekspor dapat diubah lalu diimpor kembali.',
  };
}

export async function render(root, params, ctx) {
  document.title = 'Impor dan ekspor pegawai · Kinerja';
  if (!can(ctx.viewer, 'managesPeople')) {
    root.replaceChildren(h('h1', {}, 'Impor dan ekspor pegawai'),
      errorBox('Halaman ini hanya untuk Admin BKPSDM dan admin perangkat daerah.'));
    return;
  }
  loading(root);
  let agencies;
  try {
    agencies = (await gql(AGENCIES)).agencies;
  } catch (err) {
    if (!ctx.isCurrent()) return;
    root.replaceChildren(h('h1', {}, 'Impor dan ekspor pegawai'), errorBox(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  // several agencies to choose from (ADMIN): ?agency= preselects one, else all; one (an agency admin's): that one
  const asked = params.query && params.query.get('agency');
  const admin = agencies.length > 1;
  const chosen = admin ? (agencies.some((a) => a.code === asked) ? asked : '')
    : (agencies.length ? agencies[0].code : '');
  const back = chosen ? h('p', {}, h('a', { href: `#/agency/${encodeURIComponent(chosen)}` },
    'Kembali ke halaman perangkat daerah')) : null;
  fill(root,
    h('h1', {}, 'Impor dan ekspor pegawai'),
    back,
    h('p', {}, h('a', { href: '#/skp/impor', id: 'targets-import-link' }, 'Impor target SKP')),
    importSection(ctx, IMPORT).section,
    exportSection(agencies, chosen, admin, exportOptions(!admin && agencies.length ? agencies[0] : null)));
}
