// Saving a file the server answered to a fetch (an export wants the session's bearer header, which a plain link
// cannot send; a token never goes into a URL): the response's body under the name its Content-Disposition gives.

import { h } from './ui.js';

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
