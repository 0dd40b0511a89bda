// "Unduh CSV" and "Unduh Excel" side by side: each fetches its export (the CSV, or the same rows as XLSX with
// Indonesian headers and labels) with the session's bearer header, which a plain link cannot send (a token never goes
// into a URL), and saves it under the name the server gives (download.js). The two files share one address but its
// ending: `/reports/predikat-distribution.csv?period=2025` and `.xlsx?period=2025`.

import { h } from './ui.js';
import { downloadFile } from './download.js';

// the address of the other file: the path's ".csv" becomes ".xlsx", the query stays
export function xlsxUrl(csvUrl) {
  const [path, query] = csvUrl.split('?');
  const xlsx = path.replace(/\.csv$/, '.xlsx');
  return query === undefined ? xlsx : `${xlsx}?${query}`;
}

// the two buttons and their status: `csvUrl()` answers the CSV's address at the moment of the click (a page may
// change its choices); `id` prefixes the buttons' ids (`${id}` the CSV's, `${id}-xlsx` the Excel's); `what` names
// the table for a screen reader ("sebaran predikat"); `fallback` is the file's name without its ending
export function exportButtons({ id, csvUrl, what, fallback }) {
  const status = h('div', { 'aria-live': 'polite', class: 'export-status' });
  const csv = h('button', { type: 'button', class: 'button-secondary', id,
    'aria-label': what ? `Unduh CSV ${what}` : null }, 'Unduh CSV');
  const xlsx = h('button', { type: 'button', class: 'button-secondary', id: `${id}-xlsx`,
    'aria-label': what ? `Unduh Excel ${what}` : null }, 'Unduh Excel');
  csv.addEventListener('click', () => downloadFile(csvUrl(), `${fallback}.csv`, status, csv, id));
  xlsx.addEventListener('click', () => downloadFile(xlsxUrl(csvUrl()), `${fallback}.xlsx`, status, xlsx, id));
  return { buttons: [csv, xlsx], status, element: h('div', { class: 'export' },
    h('div', { class: 'actions' }, csv, xlsx), status) };
}
