// What the console's imports and exports of files share (pages/people_import.js, pages/targets_import.js; the server's
// side is http/upload_files.py): the requests with the session's bearer token and Accept-Language 'id', the server's
// refusal as an alert, the import section (choose a CSV or Excel file, read the server's preview of every row with
// its action, its changes and its errors by column, in Indonesian, then "Simpan semua", offered only when no row has
// an error: the server writes every row or none, and only the file it previewed, by its digest) and the export
// section (buttons that fetch the file with the bearer token, which a link cannot send, and save it by download.js).
// A page gives what differs: its endpoints, its labels, its columns and its texts.

import { session } from './api.js';
import { saveResponse } from './download.js';
import { h, fill, num } from './ui.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 5 * 1024 * 1024;  // sheets.MAX_FILE_BYTES: refused here before it is sent
const ACTION_LABEL = { BARU: 'Baru', UBAH: 'Diubah', SAMA: 'Tidak berubah' };

function headers(extra = {}) {
  const s = session();
  return { Authorization: `Bearer ${s ? s.token : ''}`, 'Accept-Language': 'id', ...extra };
}

// the server's refusal as an alert: its Indonesian messages, else what the status means (`failed`: the page's
// texts by status, and 'network')
function refusalBox(failed, status, body, id) {
  const messages = body && Array.isArray(body.errors) ? body.errors.map((e) => e.message).filter(Boolean) : [];
  const title = messages.length ? messages[0] : failed[status] || 'Server mengembalikan kesalahan.';
  return h('div', { class: 'error-box', role: 'alert', id },
    h('strong', {}, title),
    messages.length > 1 ? h('ul', {}, messages.slice(1).map((m) => h('li', {}, m))) : null);
}

async function readJson(response) {
  try { return await response.json(); } catch (e) { return null; }
}

function mediaType(file) {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return file.type || 'application/octet-stream';
}

// one request with the file as its body; {status, body} or {status: 'network'}
async function upload(path, file, bytes, params) {
  const sp = new URLSearchParams({ filename: file.name, ...params });
  try {
    const response = await fetch(`${path}?${sp.toString()}`, { method: 'POST', body: bytes,
      headers: headers({ 'Content-Type': mediaType(file) }), credentials: 'same-origin' });
    return { status: response.status, body: await readJson(response) };
  } catch (e) {
    return { status: 'network', body: null };
  }
}

function valueText(v) {
  return v === null || v === undefined || v === '' ? '(kosong)' : v;
}

function countsText(counts) {
  const parts = [`${num(counts.new, 0)} baru`, `${num(counts.changed, 0)} diubah`,
    `${num(counts.unchanged, 0)} tidak berubah`];
  const errors = counts.withErrors ? `; ${num(counts.withErrors, 0)} baris memuat kesalahan` : '; tidak ada kesalahan';
  return `${num(counts.rows, 0)} baris: ${parts.join(', ')}${errors}.`;
}

// every row of the preview: its line, its NIP, the page's `columns` ({col, title, cls, text(values)}), its action,
// its changes and its errors, a field or a column named by `label`
function previewTable(body, columns, label) {
  const rows = body.rows.map((r) => {
    const action = r.errors.length ? 'Ditolak' : (ACTION_LABEL[r.action] || 'Tidak dapat ditentukan');
    return h('tr', { 'data-line': r.line, 'data-nip': r.values.nip || '' },
      h('td', { class: 'num', 'data-col': 'line' }, num(r.line, 0)),
      h('td', { class: 'code', 'data-col': 'nip' }, r.values.nip || ''),
      columns.map((c) => h('td', { class: c.cls, 'data-col': c.col }, c.text(r.values))),
      h('td', { 'data-col': 'action' }, action),
      h('td', { 'data-col': 'changes' }, r.changes.length ? h('ul', { class: 'plain' }, r.changes.map((c) => h('li', {},
        `${label(c.field)}: ${valueText(c.before)} → ${valueText(c.after)}`))) : ''),
      h('td', { 'data-col': 'errors' }, r.errors.length ? h('ul', { class: 'plain' }, r.errors.map((e) => h('li', {
        'data-column': e.column || '' }, e.column ? `${label(e.column)}: ${e.message}` : e.message))) : ''));
  });
  return h('div', { class: 'table-wrap' }, h('table', { id: 'import-preview-table' },
    h('caption', { class: 'visually-hidden' }, 'Pratinjau setiap baris berkas'),
    h('thead', {}, h('tr', {}, ['Baris', 'NIP', ...columns.map((c) => c.title), 'Tindakan', 'Perubahan',
      'Kesalahan'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)));
}

// The import section: `o` gives the endpoints (preview, commit), params() (what the preview and its commit send
// besides the file's name and the digest), the texts (title, intro, fileLabel, previewed(body), saved(body)), the
// refusals' texts (failed), the preview's columns and label(column). Answers {section, recheck}: recheck() previews
// the chosen file again (when what params() gives changed).
export function importSection(ctx, o) {
  const input = h('input', { type: 'file', id: 'import-file', name: 'file',
    accept: `.csv,.xlsx,text/csv,${XLSX_TYPE}` });
  const status = h('div', { id: 'import-status', 'aria-live': 'polite' });
  const result = h('div', { id: 'import-preview' });
  const save = h('button', { type: 'button', id: 'import-save', disabled: true }, 'Simpan semua');
  let current = null;  // {file, bytes, digest, params} of the preview shown
  let seq = 0;

  const showPreview = (body) => {
    fill(result,
      h('p', { id: 'import-counts', role: 'status', 'data-errors': body.counts.withErrors }, countsText(body.counts)),
      body.ok ? null : h('p', { class: 'notice', id: 'import-fix' },
        'Perbaiki baris yang memuat kesalahan di berkas, lalu pilih berkas itu lagi. Tidak ada yang disimpan.'),
      previewTable(body, o.columns, o.label));
  };

  const check = async () => {
    const mine = ++seq;
    const file = input.files && input.files[0];
    current = null;
    save.disabled = true;
    result.replaceChildren();
    if (!file) { status.replaceChildren(); return; }
    if (file.size > MAX_BYTES) {
      status.replaceChildren(refusalBox(o.failed, 413, { errors: [{ message: 'Berkas lebih besar dari 5 MiB; bagi '
        + 'menjadi beberapa berkas.' }] }, 'import-error'));
      return;
    }
    const params = o.params();
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, `Memeriksa ${file.name}…`));
    const bytes = await file.arrayBuffer();
    const { status: code, body } = await upload(o.preview, file, bytes, params);
    if (mine !== seq || !ctx.isCurrent()) return;
    if (code !== 200 || !body) {
      status.replaceChildren(refusalBox(o.failed, code, body, 'import-error'));
      return;
    }
    status.replaceChildren(h('p', { class: 'muted', id: 'import-file-name' }, o.previewed(body)));
    showPreview(body);
    if (body.ok) {
      current = { file, bytes, digest: body.digest, params };
      save.disabled = false;
    }
  };
  input.addEventListener('change', check);

  save.addEventListener('click', async () => {
    if (!current) return;
    const { file, bytes, digest, params } = current;
    const mine = ++seq;
    save.disabled = true;
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menyimpan…'));
    const { status: code, body } = await upload(o.commit, file, bytes, { ...params, digest });
    if (mine !== seq || !ctx.isCurrent()) return;
    if (code === 200 && body) {
      current = null;
      input.value = '';
      status.replaceChildren(h('p', { class: 'notice', role: 'status', id: 'import-done' }, o.saved(body)));
      result.replaceChildren();
      return;
    }
    status.replaceChildren(refusalBox(o.failed, code, body, 'import-error'));
    if (body && Array.isArray(body.rows)) {  // refused for its rows (they changed since the preview): shown again
      current = null;
      showPreview(body);
    } else {
      save.disabled = false;
    }
  });

  const section = h('section', { class: 'card', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, o.title),
    h('p', {}, o.intro),
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, o.fileLabel), input),
    status, result,
    h('div', { class: 'actions' }, save));
  return { section, recheck: () => { if (input.files && input.files[0]) check(); } };
}

// the export at `url` saved as a file (`fallbackName` when the answer names none), its progress and refusal in
// `status`, `button` disabled meanwhile
async function download(url, fallbackName, status, button, failed) {
  button.disabled = true;
  status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menyiapkan berkas…'));
  try {
    let response;
    try {
      response = await fetch(url, { headers: headers(), credentials: 'same-origin' });
    } catch (e) {
      status.replaceChildren(refusalBox(failed, 'network', null, 'export-error'));
      return;
    }
    if (!response.ok) {
      status.replaceChildren(refusalBox(failed, response.status, await readJson(response), 'export-error'));
      return;
    }
    const name = await saveResponse(response, fallbackName);
    status.replaceChildren(h('p', { role: 'status', class: 'muted', id: 'export-done' }, `Berkas ${name} telah diunduh.`));
  } finally {
    button.disabled = false;
  }
}

// The export section: a choice of agency for ADMIN (`admin`: several `agencies`, `chosen` preselected; else the
// agency is `chosen`), "Unduh CSV" and "Unduh Excel". `o` gives url(extension, agency code), the fallback file
// name's stem (fallback), the texts (title, intro) and the refusals' texts (failed).
export function exportSection(agencies, chosen, admin, o) {
  const status = h('div', { id: 'export-status', 'aria-live': 'polite' });
  const select = admin ? h('select', { id: 'export-agency', name: 'agency' },
    h('option', { value: '' }, 'Semua perangkat daerah'),
    agencies.map((a) => h('option', { value: a.code, selected: a.code === chosen }, `${a.name} (${a.code})`))) : null;
  const button = (extension, id, text) => {
    const b = h('button', { type: 'button', id, class: 'button-secondary' }, text);
    b.addEventListener('click', () => download(o.url(extension, select ? select.value : chosen),
      `${o.fallback}.${extension}`, status, b, o.failed));
    return b;
  };
  return h('section', { class: 'card', 'aria-labelledby': 'export-title' },
    h('h2', { id: 'export-title' }, o.title),
    h('p', {}, o.intro),
    select ? h('div', { class: 'field' }, h('label', { for: 'export-agency' }, 'Perangkat daerah'), select) : null,
    h('div', { class: 'actions' }, button('csv', 'export-csv', 'Unduh CSV'),
      button('xlsx', 'export-xlsx', 'Unduh Excel')),
    status);
}
