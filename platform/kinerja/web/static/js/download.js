// Saving a file the server answered to a fetch (an export wants the session's bearer header, which a plain link
// cannot send; a token never goes into a URL): the response's body under the name its Content-Disposition gives.

import { session } from './api.js';
import { h } from './ui.js';
import { failBox } from './work_log_ui.js';

// saves `response` (a successful fetch answer) as a file; answers the name it was saved under
export async function saveResponse(response, fallbackName) {
  const blob = await response.blob();
  const found = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  const name = found ? found[1] : fallbackName;
  const href = URL.createObjectURL(blob);
  const link = h('a', { href, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 60000);
  return name;
}

// fetches `url` with the session's bearer header and saves it; `status` says how it went (a progress line, then
// `${id}-done` once saved, or the failure). `button` is disabled meanwhile. Options: `preparing`, the progress line's
// first text; `progressId`, its id; `save(response, fallbackName, progressLine)`, how the answer is read and saved
// (saveResponse unless given: the ZIP reads its stream, saying how much has come).
export async function downloadFile(url, fallbackName, status, button, id,
  { preparing = 'Menyiapkan berkas…', progressId = null, save = saveResponse } = {}) {
  const s = session();
  button.disabled = true;
  const progress = h('p', { class: 'loading', role: 'status', id: progressId }, preparing);
  status.replaceChildren(progress);
  try {
    let response;
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${s ? s.token : ''}`, 'Accept-Language': 'id' },
        credentials: 'same-origin' });
    } catch (e) {
      status.replaceChildren(failBox({ kind: 'network' }));
      return;
    }
    if (!response.ok) {
      // a refused request (400: a list too long for one file, an argument it cannot use) says why, in Indonesian
      // (the server's text for Accept-Language: id); anything else by its kind
      const code = response.headers.get('X-Error-Code');
      const said = response.status === 400 && code ? (await response.text().catch(() => '')).trim() : '';
      status.replaceChildren(said ? h('div', { class: 'error-box', role: 'alert', 'data-code': code },
        h('strong', {}, said)) : failBox({ kind: response.status === 401 ? 'unauthenticated'
        : response.status === 403 || response.status === 404 ? 'forbidden' : 'http' }));
      return;
    }
    let name;
    try {
      name = await save(response, fallbackName, progress);
    } catch (e) {
      status.replaceChildren(failBox({ kind: 'network' }));
      return;
    }
    status.replaceChildren(h('p', { role: 'status', class: 'muted', id: `${id}-done` },
      `Berkas ${name} telah diunduh.`));
  } finally {
    button.disabled = false;
  }
}
