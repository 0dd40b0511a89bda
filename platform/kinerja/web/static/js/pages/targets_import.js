// Impor target SKP (#/skp/impor?cycle=YEAR&agency=CODE), for whoever may set targets: ADMIN (any agency), agency
// admins (their own) and supervisors (their staff): choose the cycle, choose a CSV or Excel file, read the server's
// preview of every row (baris, NIP, indikator, rencana hasil kerja, target, tindakan, perubahan, the errors by
// column, in Indonesian), then "Simpan semua", offered only when no row has an error: the server writes every row or
// none, and only the file it previewed for that cycle (its digest). The export buttons fetch the same columns as CSV
// or Excel with the session's bearer token (a link cannot send it) and save them as a file
// (http/target_files.py, services/skp/targets_import.py). The sections are import_ui.js's, shared with the people's.

import { gql } from '../api.js';
import { can } from '../roles.js';
import { importSection, exportSection } from '../import_ui.js';
import { h, fill, loading, errorBox, num, CYCLE_STATUS } from '../ui.js';

export const AGENCIES = '{ agencies(first: 1000) { code name } }';
export const STAFF = '{ me { person { subordinates(first: 1) { nip } } } }';
const OPEN = ['PLANNING', 'ACTIVE'];  // the cycles that take targets

const COLUMN_LABEL = {
  nip: 'NIP', indicator: 'Indikator', work_result: 'Rencana hasil kerja', value: 'Target', lower: 'Batas bawah',
  upper: 'Batas atas',
};
const FAILED = {
  network: 'Tidak dapat terhubung ke server.',
  401: 'Sesi telah berakhir; silakan masuk kembali.',
  403: 'Anda tidak berwenang mengimpor atau mengekspor target SKP.',
};
const NOT_FOR_YOU = 'Halaman ini hanya untuk Admin BKPSDM, admin perangkat daerah dan atasan yang memiliki bawahan.';

// a row's target as the file gives it: a value, or a range "lower–upper"
function targetCell(values) {
  if (values.lower || values.upper) return `${values.lower || '?'}–${values.upper || '?'}`;
  return values.value || '';
}

function importOptions(cycleOf) {
  return {
    preview: '/imports/targets/preview',
    commit: '/imports/targets',
    params: () => ({ cycle: cycleOf() }),
    failed: FAILED,
    columns: [
      { col: 'indicator', title: 'Indikator', cls: 'code', text: (values) => values.indicator || '' },
      { col: 'work_result', title: 'Rencana hasil kerja', text: (values) => values.work_result || '' },
      { col: 'target', title: 'Target', cls: 'num', text: targetCell },
    ],
    label: (column) => COLUMN_LABEL[column] || 'Isian',
    title: 'Impor target',
    intro: 'Pilih berkas CSV (UTF-8) atau Excel (.xlsx) dengan kolom NIP, kode indikator, rencana hasil kerja, '
      + 'target, batas bawah dan batas atas (baris pertama berisi judul kolom, seperti berkas ekspor; untuk target '
      + 'berupa rentang, isi batas bawah dan batas atas dan kosongkan target). Setiap baris diperiksa dahulu; tidak ada '
      + 'yang disimpan sebelum Anda menekan "Simpan semua", dan semua baris disimpan sekaligus atau tidak sama sekali.',
    fileLabel: 'Berkas target',
    previewed: (body) => `Pratinjau berkas ${body.filename} untuk siklus ${body.cycle}`,
    saved: (body) => `Tersimpan untuk siklus ${body.cycle}: ${num(body.counts.new, 0)} target baru, `
      + `${num(body.counts.changed, 0)} diubah, ${num(body.counts.unchanged, 0)} tidak berubah.`,
  };
}

function exportOptions(cycleOf) {
  return {
    url: (extension, code) => {
      const sp = new URLSearchParams({ cycle: cycleOf() });
      if (code) sp.set('agency', code);
      return `/exports/targets.${extension}?${sp.toString()}`;
    },
    fallback: 'target-skp',
    failed: FAILED,
    title: 'Ekspor target',
    intro: 'Target SKP siklus yang dipilih dari pegawai yang targetnya dapat Anda tetapkan, dengan kolom yang sama '
      + 'seperti impor: berkas ekspor dapat diubah lalu diimpor kembali.',
  };
}

function cycleSelect(cycles, chosen) {
  return h('select', { id: 'import-cycle', name: 'cycle' },
    cycles.map((c) => h('option', { value: String(c.year), selected: c.year === chosen },
      `${c.year} (${CYCLE_STATUS[c.status] || 'tahap tidak dikenal'})`)));
}

export async function render(root, params, ctx) {
  document.title = 'Impor target SKP · Kinerja';
  const title = () => h('h1', {}, 'Impor target SKP');
  const admins = can(ctx.viewer, 'managesPeople');
  loading(root);
  let agencies = [];
  if (!admins) {
    // a supervisor: someone on its staff; an answer that cannot say (a long list refused) leaves it to the server
    let staff = null;
    try {
      const me = (await gql(STAFF)).me;
      staff = me && me.person ? me.person.subordinates : [];
    } catch (err) {
      staff = null;
    }
    if (!ctx.isCurrent()) return;
    if (staff !== null && !staff.length) {
      root.replaceChildren(title(), errorBox(NOT_FOR_YOU));
      return;
    }
  }
  try {
    if (admins) agencies = (await gql(AGENCIES)).agencies;
  } catch (err) {
    if (!ctx.isCurrent()) return;
    root.replaceChildren(title(), errorBox(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  const cycles = [...(ctx.cycles || [])].sort((a, b) => b.year - a.year);
  if (!cycles.length) {
    root.replaceChildren(title(), errorBox('Belum ada siklus; target ditetapkan untuk sebuah siklus.'));
    return;
  }
  // ?cycle= preselects a cycle; else the latest that takes targets, else the latest
  const asked = Number(params.query && params.query.get('cycle'));
  const open = cycles.find((c) => OPEN.includes(c.status));
  const chosenCycle = cycles.some((c) => c.year === asked) ? asked : (open || cycles[0]).year;
  const cycleInput = cycleSelect(cycles, chosenCycle);
  const cycleOf = () => cycleInput.value;
  const cycleNote = h('p', { class: 'muted', id: 'import-cycle-note' });
  const noteCycle = () => {
    const c = cycles.find((x) => String(x.year) === cycleOf());
    cycleNote.textContent = c && OPEN.includes(c.status) ? ''
      : 'Siklus ini tidak lagi menerima target; berkasnya hanya dapat diekspor.';
  };
  noteCycle();
  // several agencies to choose from (ADMIN): ?agency= preselects one, else all; an agency admin: its own
  const admin = agencies.length > 1;
  const askedAgency = params.query && params.query.get('agency');
  const chosen = admin && agencies.some((a) => a.code === askedAgency) ? askedAgency : '';
  const imports = importSection(ctx, importOptions(cycleOf));
  cycleInput.addEventListener('change', () => { noteCycle(); imports.recheck(); });
  fill(root,
    title(),
    admins ? h('p', {}, h('a', { href: '#/pegawai/impor', id: 'people-import-back' }, 'Impor dan ekspor pegawai'))
      : null,
    h('section', { class: 'card', 'aria-labelledby': 'cycle-title' },
      h('h2', { id: 'cycle-title' }, 'Siklus'),
      h('div', { class: 'field' }, h('label', { for: 'import-cycle' }, 'Tahun siklus'), cycleInput),
      cycleNote),
    imports.section,
    exportSection(agencies, chosen, admin, exportOptions(cycleOf)));
}
