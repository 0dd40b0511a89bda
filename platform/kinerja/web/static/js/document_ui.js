// The official documents (issue 20): on the person page "Unduh Evaluasi Kinerja (PDF)" for the shown period (and for
// the year "Unduh Dokumen Evaluasi Tahunan (PDF)"), on the
// agency page "Unduh semua (ZIP)" of a chosen evaluation period with a progress indicator (the bytes received as the
// server streams the archive it is still building). Both fetch with the session's bearer header (a token never goes
// into a URL) and save the file under the name the server gives (download.js). Each document carries a verification
// code and a QR code for /verify/<code>. Beside the ZIP, "Unduh daftar tindak lanjut (PDF)": the agency's follow-up
// list of the chosen period.

import { h, evaluationLabel } from './ui.js';
import { downloadFile, saveResponse } from './download.js';

// the person's evaluation document of `period` (shown with the finalized rating); for the year's period (Triwulan IV /
// akhir tahun) also the annual Dokumen Evaluasi Kinerja Pegawai (PERIODE: TAHUNAN)
export function evaluationDownload(nip, period) {
  const status = h('div', { 'aria-live': 'polite', class: 'export-status' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'evaluasi-pdf' },
    'Unduh Evaluasi Kinerja (PDF)');
  const url = `/documents/evaluasi/${encodeURIComponent(nip)}/${encodeURIComponent(period)}.pdf`;
  button.addEventListener('click', () => downloadFile(url, `evaluasi-${nip}-${period}.pdf`, status, button,
    'evaluasi-pdf'));
  let annual = null;
  if (/^\d{4}$/.test(period)) {
    annual = h('button', { type: 'button', class: 'button-secondary', id: 'evaluasi-tahunan-pdf' },
      'Unduh Dokumen Evaluasi Tahunan (PDF)');
    annual.addEventListener('click', () => downloadFile(
      `/documents/evaluasi-tahunan/${encodeURIComponent(nip)}/${encodeURIComponent(period)}.pdf`,
      `evaluasi-tahunan-${nip}-${period}.pdf`, status, annual, 'evaluasi-tahunan-pdf'));
  }
  return h('div', { class: 'export', id: 'evaluasi-document' },
    h('p', { class: 'muted' }, 'Dokumen resmi dengan kode verifikasi dan kode QR untuk memeriksa keasliannya.'),
    h('div', { class: 'actions' }, button, annual), status);
}

function megabytes(bytes) {
  return `${(bytes / 1048576).toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

// reads the streamed answer, saying how much has come; then saves it
async function streamAndSave(response, fallbackName, progress) {
  const count = response.headers.get('X-Document-Count');
  const total = count === null ? '' : ` (${Number(count).toLocaleString('id-ID')} dokumen)`;
  if (!response.body || !response.body.getReader) return saveResponse(response, fallbackName);
  const reader = response.body.getReader();
  const parts = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    progress.textContent = `Menyusun arsip${total}: ${megabytes(received)} diterima…`;
  }
  const whole = new Response(new Blob(parts, { type: 'application/zip' }), { headers: response.headers });
  return saveResponse(whole, fallbackName);
}

// every evaluation document of the agency for a chosen evaluation period, as one ZIP
export function agencyDocumentsSection(code, periods) {
  if (!periods.length) return null;
  const select = h('select', { id: 'documents-period', name: 'period' },
    periods.map((p) => h('option', { value: p }, evaluationLabel(p))));
  const status = h('div', { 'aria-live': 'polite', class: 'export-status' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'documents-zip' },
    'Unduh semua (ZIP)');
  button.addEventListener('click', () => {
    const period = select.value;
    downloadFile(`/documents/evaluasi.zip?agency=${encodeURIComponent(code)}&period=${encodeURIComponent(period)}`,
      `evaluasi-${code}-${period}.zip`, status, button, 'documents-zip',
      { preparing: 'Menyiapkan arsip…', progressId: 'documents-progress', save: streamAndSave });
  });
  // the agency's follow-up list of the period (Daftar Tindak Lanjut: the people rated Butuh Perbaikan or worse with
  // the recommended follow-up), one PDF signed by the agency's head
  const followUps = h('button', { type: 'button', class: 'button-secondary', id: 'tindak-lanjut-pdf' },
    'Unduh daftar tindak lanjut (PDF)');
  followUps.addEventListener('click', () => {
    const period = select.value;
    downloadFile(`/documents/tindak-lanjut/${encodeURIComponent(code)}/${encodeURIComponent(period)}.pdf`,
      `tindak-lanjut-${code}-${period}.pdf`, status, followUps, 'tindak-lanjut-pdf');
  });
  return h('section', { 'aria-labelledby': 'documents-title', id: 'agency-documents' },
    h('h2', { id: 'documents-title' }, 'Dokumen evaluasi kinerja'),
    h('p', { class: 'muted' }, 'Seluruh dokumen Evaluasi Kinerja Pegawai dari penilaian yang sudah difinalisasi, '
      + 'masing-masing dengan kode verifikasi, dalam satu berkas ZIP; dan daftar tindak lanjut periode itu: pegawai '
      + 'dengan predikat Butuh Perbaikan atau lebih rendah beserta rekomendasinya, dalam satu PDF.'),
    h('div', { class: 'field' }, h('label', { for: 'documents-period' }, 'Periode'), select),
    h('div', { class: 'actions' }, button, followUps), status);
}
