// Work log (#/catatan-kerja?minggu=YYYY-MM-DD): the viewer's own week at a glance (Senin..Minggu, minutes a day and
// the entries), moving between weeks, and a quick entry form saved with logWork (server errors at their fields).
// Today is the platform's (Query.today), never the browser's clock.

import { gql } from '../api.js';
import { h, fill, loading, fieldError } from '../ui.js';
import { isCurrentOf, sendMutation } from '../forms.js';
import { exportButtons } from '../export_buttons.js';
import {
  DAY_NAMES, parseDay, isoDay, addDays, mondayOf, dayText, longDayText, minutesText, safeLink, showProblems,
  errorList, failBox,
} from '../work_log_ui.js';

export const TODAY = '{ today }';
const WEEK_MAX = 100; // entries a week shown (the API's largest page; `first` of WEEK)

export const WEEK = `query($nip: String!, $from: Date!, $to: Date!, $cycle: Int!) {
  today
  workLog(nip: $nip, from: $from, to: $to, first: 100) { id day itemKey text minutes evidenceUrl }
  skp(nip: $nip, cycle: $cycle) { items { key workResult } }
}`;

export const LOG = `mutation($input: [WorkLogInput!]!) {
  logWork(input: $input) { entries { id day } errors { path code message } }
}`;

const TEXT_MAX = 1000;
const URL_MAX = 2000;

function weekTable(monday, entries, rhk, today) {
  const byDay = new Map();
  for (const e of entries) byDay.set(e.day, [...(byDay.get(e.day) || []), e]);
  const total = entries.reduce((s, e) => s + e.minutes, 0);
  const rows = DAY_NAMES.map((name, i) => {
    const day = isoDay(addDays(monday, i));
    const list = [...(byDay.get(day) || [])].sort((a, b) => Number(a.id) - Number(b.id));
    const minutes = list.reduce((s, e) => s + e.minutes, 0);
    return h('tr', { 'data-day': day, class: day === today ? 'today' : null },
      h('th', { scope: 'row' }, name, h('br'), h('span', { class: 'muted' }, dayText(day)),
        day === today ? h('span', { class: 'muted' }, ' (hari ini)') : null),
      h('td', { class: 'num', 'data-col': 'minutes', 'data-value': minutes }, minutes ? minutesText(minutes) : '—'),
      h('td', { 'data-col': 'entries' }, list.length ? h('ul', { class: 'plain' }, list.map((e) => h('li', { 'data-entry': e.id },
        h('span', { class: 'entry-text' }, e.text),
        h('span', { class: 'muted' }, ` · ${minutesText(e.minutes)}`),
        e.itemKey ? h('span', { class: 'muted' }, ` · ${rhk.get(e.itemKey) ? `${e.itemKey}: ${rhk.get(e.itemKey)}` : e.itemKey}`) : null,
        safeLink(e.evidenceUrl, 'Bukti') ? [' · ', safeLink(e.evidenceUrl, 'Bukti')] : null)))
        : h('span', { class: 'muted' }, 'Belum ada catatan')));
  });
  return h('div', { class: 'table-wrap' }, h('table', { id: 'week-table' },
    h('caption', {}, `Catatan kerja ${dayText(monday)} – ${dayText(addDays(monday, 6))}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Hari'), h('th', { scope: 'col', class: 'num' }, 'Durasi'),
      h('th', { scope: 'col' }, 'Kegiatan'))),
    h('tbody', {}, rows),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Jumlah seminggu'),
      h('td', { class: 'num', id: 'week-total', 'data-value': total }, minutesText(total)), h('td', {})))));
}

function entryForm(nip, monday, today, items, onSaved, isCurrent) {
  const inWeek = today >= isoDay(monday) && today <= isoDay(addDays(monday, 6));
  const day = h('input', { id: 'log-day', name: 'day', type: 'date', required: true, max: today,
    value: inWeek ? today : isoDay(monday) });
  const item = h('select', { id: 'log-item', name: 'itemKey' },
    h('option', { value: '' }, items.length ? '— Tanpa RHK —' : '— Belum ada SKP —'),
    items.map((it) => h('option', { value: it.key }, `${it.key}: ${it.workResult}`)));
  const text = h('textarea', { id: 'log-text', name: 'text', rows: '3', required: true, maxlength: String(TEXT_MAX) });
  const hours = h('input', { id: 'log-hours', name: 'hours', type: 'number', inputmode: 'numeric', min: '0', max: '24',
    step: '1' });
  const minutes = h('input', { id: 'log-minutes', name: 'minutes', type: 'number', inputmode: 'numeric', min: '0',
    max: '1440', step: '1' });
  const evidence = h('input', { id: 'log-evidence', name: 'evidenceUrl', type: 'url', placeholder: 'https://…',
    maxlength: String(URL_MAX) });
  const button = h('button', { type: 'submit', id: 'log-save' }, 'Simpan catatan');
  const status = h('div', { id: 'log-status', 'aria-live': 'polite' });
  const fields = { day, itemKey: item, text, minutes, evidenceUrl: evidence };
  const clear = () => [day, item, text, hours, minutes, evidence].forEach((el) => fieldError(el, null));

  const form = h('form', { id: 'log-form', novalidate: true, 'aria-labelledby': 'log-form-title' },
    h('h2', { id: 'log-form-title' }, 'Tambah catatan kerja'),
    h('div', { class: 'field' }, h('label', { for: day.id }, 'Tanggal'), day),
    h('div', { class: 'field' }, h('label', { for: item.id }, 'Rencana hasil kerja (RHK)',
      h('span', { class: 'muted' }, ' (opsional)')), item),
    h('div', { class: 'field' }, h('label', { for: text.id }, 'Uraian kegiatan'), text),
    h('fieldset', { class: 'field-inline' }, h('legend', {}, 'Durasi'),
      h('div', { class: 'field' }, h('label', { for: hours.id }, 'Jam'), hours),
      h('div', { class: 'field' }, h('label', { for: minutes.id }, 'Menit'), minutes)),
    h('div', { class: 'field' }, h('label', { for: evidence.id }, 'Tautan bukti', h('span', { class: 'muted' }, ' (opsional)')),
      evidence),
    status,
    h('div', { class: 'actions' }, button));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    status.replaceChildren();
    const hoursValue = hours.value.trim() === '' ? 0 : Number(hours.value);
    const minutesValue = minutes.value.trim() === '' ? 0 : Number(minutes.value);
    // what the browser cannot send as a whole number is named here; the rest (0, over 24 hours) by the server
    let bad = false;
    if (!Number.isInteger(hoursValue) || hoursValue < 0 || hoursValue > 24) {
      fieldError(hours, 'Jam harus bilangan bulat 0 sampai 24.');
      bad = true;
    }
    if (!Number.isInteger(minutesValue) || minutesValue < 0 || minutesValue > 1440) {
      fieldError(minutes, 'Menit harus bilangan bulat 0 sampai 1440.');
      bad = true;
    }
    if (!parseDay(day.value)) {
      fieldError(day, 'Isi tanggal yang valid.');
      bad = true;
    }
    if (bad) {
      status.replaceChildren(errorList('Catatan belum tersimpan.', [], 'log-errors'));
      form.querySelector('[aria-invalid="true"]').focus();
      return;
    }
    const entry = { nip, day: day.value, text: text.value, minutes: hoursValue * 60 + minutesValue,
      itemKey: item.value || null, evidenceUrl: evidence.value.trim() || null };
    const data = await sendMutation({ button, status, isCurrent }, LOG, { input: [entry] });
    if (!data) return;
    const answer = data.logWork;
    if (answer.errors.length) {
      // ["input", "0", field]; minutes' errors at the minutes box of the duration
      const { first, rest } = showProblems(answer.errors, (p) => (p.length === 3 ? fields[p[2]] || null : null));
      status.replaceChildren(errorList('Catatan belum tersimpan.', rest, 'log-errors'));
      if (first) first.focus();
      return;
    }
    const saved = answer.entries[0];
    text.value = '';
    hours.value = '';
    minutes.value = '';
    evidence.value = '';
    status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'log-result' },
      `Catatan kerja ${longDayText(saved.day)} tersimpan.`));
    onSaved(saved.day);
  });
  return form;
}

export async function render(root, params, ctx) {
  document.title = 'Catatan kerja · Kinerja';
  const person = ctx.viewer && ctx.viewer.person;
  if (!person) {
    fill(root, h('h1', {}, 'Catatan kerja'),
      h('p', { class: 'empty' }, 'Catatan kerja hanya tersedia untuk akun pegawai.'));
    return;
  }
  const isCurrent = isCurrentOf(ctx);
  loading(root);
  let today;
  let monday;
  const load = async () => {
    const from = isoDay(monday);
    const to = isoDay(addDays(monday, 6));
    const cycle = addDays(monday, 3).getUTCFullYear(); // the cycle of the week's Thursday
    return gql(WEEK, { nip: person.nip, from, to, cycle });
  };
  let data;
  try {
    const wanted = parseDay(params.query.get('minggu') || '');
    if (wanted) {
      monday = mondayOf(wanted);
      data = await load();
      today = data.today;
    } else {
      today = (await gql(TODAY)).today;
      monday = mondayOf(parseDay(today));
      data = await load();
    }
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, 'Catatan kerja'), failBox(err));
    return;
  }
  if (!isCurrent()) return;

  const items = data.skp ? data.skp.items : [];
  const rhk = new Map(items.map((it) => [it.key, it.workResult]));
  const tableBox = h('section', { id: 'week', 'aria-labelledby': 'week-title' });
  const showWeek = (entries) => {
    fill(tableBox, h('h2', { id: 'week-title' }, `Minggu ${dayText(monday)} – ${dayText(addDays(monday, 6))}`),
      weekTable(monday, entries, rhk, today),
      entries.length >= WEEK_MAX ? h('p', { class: 'notice' },
        `Hanya ${WEEK_MAX} catatan terbaru minggu ini yang ditampilkan; jumlah durasi hanya dari catatan tersebut.`) : null);
  };
  showWeek(data.workLog);

  const weekHash = (d) => `#/catatan-kerja?minggu=${isoDay(d)}`;
  const thisMonday = mondayOf(parseDay(today));
  const nav = h('nav', { class: 'actions', 'aria-label': 'Pindah minggu' },
    h('a', { class: 'button button-secondary', id: 'week-prev', href: weekHash(addDays(monday, -7)) }, '‹ Minggu sebelumnya'),
    isoDay(monday) !== isoDay(thisMonday)
      ? h('a', { class: 'button button-secondary', id: 'week-today', href: weekHash(thisMonday) }, 'Minggu ini') : null,
    monday < thisMonday
      ? h('a', { class: 'button button-secondary', id: 'week-next', href: weekHash(addDays(monday, 7)) }, 'Minggu berikutnya ›')
      : null);

  const onSaved = async (day) => {
    const d = parseDay(day);
    if (d && isoDay(mondayOf(d)) !== isoDay(monday)) {
      // saved in another week: show that week (the form's message is lost with the page, so say it there)
      ctx.navigate(weekHash(d));
      return;
    }
    try {
      const fresh = await load();
      if (isCurrent()) showWeek(fresh.workLog);
    } catch (err) {
      if (isCurrent()) tableBox.append(failBox(err));
    }
  };

  // the log as a file: the week shown, its month or its cycle's year (/exports/work-log.csv?nip=&from=&to=)
  const thursday = addDays(monday, 3);
  const year = thursday.getUTCFullYear();
  const month = thursday.getUTCMonth();
  const ranges = {
    minggu: [isoDay(monday), isoDay(addDays(monday, 6))],
    bulan: [isoDay(new Date(Date.UTC(year, month, 1))), isoDay(new Date(Date.UTC(year, month + 1, 0)))],
    tahun: [`${year}-01-01`, `${year}-12-31`],
  };
  const range = h('select', { id: 'log-export-range' },
    h('option', { value: 'minggu' }, 'Minggu ini'),
    h('option', { value: 'bulan' }, `Bulan ${thursday.toLocaleDateString('id-ID', { month: 'long', timeZone: 'UTC' })} ${year}`),
    h('option', { value: 'tahun' }, `Tahun ${year}`));
  const download = exportButtons({ id: 'log-download', what: 'catatan kerja', fallback: 'catatan-kerja',
    csvUrl: () => {
      const [from, to] = ranges[range.value];
      return `/exports/work-log.csv?${new URLSearchParams({ nip: person.nip, from, to })}`;
    } });
  const exportPart = h('section', { id: 'log-export', 'aria-labelledby': 'log-export-title' },
    h('h2', { id: 'log-export-title' }, 'Unduh catatan kerja'),
    h('div', { class: 'field' }, h('label', { for: range.id }, 'Rentang'), range), download.element);

  fill(root,
    h('h1', {}, 'Catatan kerja'),
    h('p', { class: 'muted' }, `${person.name} · hari ini ${longDayText(today)}`),
    data.skp ? null : h('p', { class: 'notice', id: 'no-skp' },
      'Anda belum memiliki SKP pada siklus ini; catatan dapat disimpan tanpa RHK.'),
    nav,
    tableBox,
    exportPart,
    entryForm(person.nip, monday, today, items, onSaved, isCurrent));
}

