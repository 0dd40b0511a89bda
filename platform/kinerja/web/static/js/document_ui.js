// The official documents (issue 20): on the person page "Unduh Evaluasi Kinerja (PDF)" for the shown period, on the
// agency page "Unduh semua (ZIP)" of a chosen evaluation period with a progress indicator (the bytes received as the
// server streams the archive it is still building). Both fetch with the session's bearer header (a token never goes
// into a URL) and save the file under the name the server gives (download.js). Each document carries a verification
// code and a QR code for /verify/<code>.

import { session } from './api.js';
import { h, evaluationLabel } from './ui.js';
import { failBox } from './work_log_ui.js';
import { saveResponse } from './download.js';
import { downloadFile } from './export_buttons.js';

// the person's evaluation document of `period` (shown with the finalized rating)
export function evaluationDownload(nip, period) {
  const status = h('div', { 'aria-live': 'polite', class: 'export-status' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'evaluasi-pdf' },
    'Unduh Evaluasi Kinerja (PDF)');
  const url = `/documents/evaluasi/${encodeURIComponent(nip)}/${encodeURIComponent(period)}.pdf`;
  button.addEventListener('click', () => downloadFile(url, `evaluasi-${nip}-${period}.pdf`, status, button,
    'evaluasi-pdf'));
  return h('div', { class: 'export', id: 'evaluasi-document' },
    h('p', { class: 'muted' }, 'Dokumen resmi dengan kode verifikasi dan kode QR untuk memeriksa keasliannya.'),
    h('div', { class: 'actions' }, button), status);
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
  button.addEventListener('click', async () => {
    const period = select.value;
    const s = session();
    button.disabled = true;
    const progress = h('p', { class: 'loading', role: 'status', id: 'documents-progress' }, 'Menyiapkan arsip…');
    status.replaceChildren(progress);
    try {
      let response;
      try {
        response = await fetch(`/documents/evaluasi.zip?agency=${encodeURIComponent(code)}&period=${encodeURIComponent(period)}`,
          { headers: { Authorization: `Bearer ${s ? s.token : ''}`, 'Accept-Language': 'id' }, credentials: 'same-origin' });
      } catch (e) {
        status.replaceChildren(failBox({ kind: 'network' }));
        return;
      }
      if (!response.ok) {
        status.replaceChildren(failBox({ kind: response.status === 401 ? 'unauthenticated'
          : response.status === 403 || response.status === 404 ? 'forbidden' : 'http' }));
        return;
      }
      let name;
      try {
        name = await streamAndSave(response, `evaluasi-${code}-${period}.zip`, progress);
      } catch (e) {
        status.replaceChildren(failBox({ kind: 'network' }));
        return;
      }
      status.replaceChildren(h('p', { role: 'status', class: 'muted', id: 'documents-zip-done' },
        `Berkas ${name} telah diunduh.`));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'documents-title', id: 'agency-documents' },
    h('h2', { id: 'documents-title' }, 'Dokumen evaluasi kinerja'),
    h('p', { class: 'muted' }, 'Seluruh dokumen Evaluasi Kinerja Pegawai dari penilaian yang sudah difinalisasi, '
      + 'masing-masing dengan kode verifikasi, dalam satu berkas ZIP.'),
    h('div', { class: 'field' }, h('label', { for: 'documents-period' }, 'Periode'), select),
    h('div', { class: 'actions' }, button), status);
}
