// SKP page (#/skp/:nip/:cycle): a person's SKP of a cycle. Read-only, or a form while it is DRAFT or RETURNED and
// the viewer may edit it (the person, their direct supervisor, ADMIN): RHK with indicators, the leader's
// expectations, the attachments; save (with the version), submit; approve or return (with a note) for the assessing
// official; a new revision of an approved SKP; the revision history with a comparison of two revisions.

import { gql } from '../api.js';
import { h, fill, loading, errorBox, badge, dateTime, unitText, targetText, fieldError, CORE_VALUE } from '../ui.js';
import { sendMutation, isCurrentOf } from '../forms.js';
import { downloadFile } from '../download.js';
import {
  SKP_STATUS, RHK_KIND, ASPECT, ATTACHMENT, ATTACHMENT_LISTS, skpErrorText, changeText,
} from '../skp_labels.js';

const SKP_FIELDS = `nip cycle status version revision approvedRevision
    items { key kind workResult parentKey intervention
      indicators { aspect target targetLower targetUpper text expectedOutput indicator { code name unit } } }
    expectations { value text }
    attachments { resources accountability consequences }
    revisions { number status returnNote submittedBy submittedAt decidedBy decidedAt }`;

export const PAGE = `query SkpPage($nip: String!, $cycle: Int!) {
  person(nip: $nip) { nip name agency { code name } supervisor { nip name } subordinates { nip } }
  skp(nip: $nip, cycle: $cycle) { ${SKP_FIELDS} }
}`;

// what the form offers: whether RHK name a supervisor's RHK (and which) or the agency's goal, and the agency's
// indicators
export const OPTIONS = `query SkpOptions($nip: String!, $cycle: Int!, $agency: String!) {
  skpParentOptions(nip: $nip, cycle: $cycle) { hasSupervisor items { key workResult } }
  indicators(agency: $agency) { code name unit }
}`;

const PAYLOAD = `skp { ${SKP_FIELDS} } errors { path code message }`;
export const SAVE = `mutation SaveSkp($input: SkpInput!, $version: Int) { saveSkp(input: $input, version: $version) { ${PAYLOAD} } }`;
export const SUBMIT = `mutation SubmitSkp($nip: String!, $cycle: Int!, $version: Int!) {
  submitSkp(nip: $nip, cycle: $cycle, version: $version) { ${PAYLOAD} } }`;
export const APPROVE = `mutation ApproveSkp($nip: String!, $cycle: Int!, $version: Int!) {
  approveSkp(nip: $nip, cycle: $cycle, version: $version) { ${PAYLOAD} } }`;
export const RETURN = `mutation ReturnSkp($nip: String!, $cycle: Int!, $version: Int!, $note: String!) {
  returnSkp(nip: $nip, cycle: $cycle, version: $version, note: $note) { ${PAYLOAD} } }`;
export const REVISE = `mutation ReviseSkp($nip: String!, $cycle: Int!, $version: Int!) {
  reviseSkp(nip: $nip, cycle: $cycle, version: $version) { ${PAYLOAD} } }`;
export const CHANGES = `query SkpChanges($nip: String!, $cycle: Int!, $from: Int!, $to: Int!) {
  skpChanges(nip: $nip, cycle: $cycle, from: $from, to: $to) { change key indicator field old new }
}`;

const TEXT_MAX = 500;
const EXPECTATION_MAX = 1000;
const NOTE_MAX = 2000;
const MAX_ITEMS = 50;
const MAX_INDICATORS = 10;
const ATTACHMENT_ITEMS = 20;
const CORE_VALUES = Object.keys(CORE_VALUE);

// -- the form's model --------------------------------------------------------------------------------------------

function modelOf(skp) {
  const items = skp ? skp.items.map((i) => ({
    key: i.key, kind: i.kind, workResult: i.workResult, parentKey: i.parentKey || '', intervention: i.intervention || '',
    indicators: i.indicators.map((d) => (d.indicator || d.target !== null
      ? { type: 'QUANT', aspect: d.aspect, indicator: d.indicator ? d.indicator.code : '',
        range: d.targetLower !== null, target: d.target === null || d.targetLower !== null ? '' : String(d.target),
        targetLower: d.targetLower === null ? '' : String(d.targetLower),
        targetUpper: d.targetUpper === null ? '' : String(d.targetUpper), text: '', expectedOutput: '' }
      : { type: 'QUAL', aspect: d.aspect, indicator: '', range: false, target: '', targetLower: '', targetUpper: '',
        text: d.text || '', expectedOutput: d.expectedOutput || '' })),
  })) : [];
  const expectations = Object.fromEntries(CORE_VALUES.map((v) => [v, '']));
  if (skp) skp.expectations.forEach((e) => { expectations[e.value] = e.text; });
  const attachments = Object.fromEntries(ATTACHMENT_LISTS.map((n) => [n, skp ? skp.attachments[n].join('\n') : '']));
  return { items, expectations, attachments };
}

const newIndicator = () => ({ type: 'QUANT', aspect: 'QUANTITY', indicator: '', range: false, target: '', targetLower: '',
  targetUpper: '', text: '', expectedOutput: '' });
const newItem = (kind) => ({ key: null, kind, workResult: '', parentKey: '', intervention: '', indicators: [newIndicator()] });

// SkpInput from the model; a number field that is not a number is kept out and reported by the page itself
function inputOf(model, nip, cycle, hasSupervisor) {
  const problems = [];
  const items = model.items.map((it, n) => ({
    kind: it.kind,
    workResult: it.workResult,
    key: it.key || null,
    parentKey: hasSupervisor ? (it.parentKey.trim() || null) : null,
    intervention: hasSupervisor ? null : (it.intervention.trim() || null),
    indicators: it.indicators.map((d, m) => {
      if (d.type === 'QUAL') return { aspect: d.aspect, text: d.text, expectedOutput: d.expectedOutput };
      // a number field as sent: null when empty, a problem (and null) when it is not a number
      const number = (field) => {
        const raw = String(d[field]).trim().replace(',', '.');
        const value = raw === '' ? null : Number(raw);
        if (raw !== '' && !Number.isFinite(value)) {
          problems.push({ path: ['input', 'items', String(n), 'indicators', String(m), field], code: 'NOT_A_NUMBER' });
        }
        return Number.isFinite(value) ? value : null;
      };
      if (d.range) {
        return { aspect: d.aspect, indicator: d.indicator || null, targetLower: number('targetLower'),
          targetUpper: number('targetUpper') };
      }
      return { aspect: d.aspect, indicator: d.indicator || null, target: number('target') };
    }),
  }));
  const expectations = CORE_VALUES.filter((v) => model.expectations[v].trim())
    .map((v) => ({ value: v, text: model.expectations[v].trim() }));
  const attachments = Object.fromEntries(ATTACHMENT_LISTS.map((name) => [name,
    model.attachments[name].split('\n').map((s) => s.trim()).filter(Boolean)]));
  return { input: { nip, cycle, items, expectations, attachments }, problems };
}

// -- read-only parts ---------------------------------------------------------------------------------------------

function parentText(item, parents) {
  if (item.parentKey) {
    const found = parents && parents.find((p) => p.key === item.parentKey);
    return found ? `${found.key} · ${found.workResult}` : `RHK atasan ${item.parentKey}`;
  }
  return item.intervention || '—';
}

function indicatorText(d) {
  if (d.indicator || d.target !== null) {
    const name = d.indicator ? d.indicator.name : 'Indikator';
    return `${name}: target ${targetText(d.target, d.targetLower, d.targetUpper, d.indicator ? d.indicator.unit : null)}`;
  }
  return `${d.text} (output yang diharapkan: ${d.expectedOutput})`;
}

function itemsView(skp, parents) {
  if (!skp.items.length) return h('p', { class: 'empty' }, 'SKP belum memuat RHK.');
  return h('div', { class: 'card' }, skp.items.map((it) => h('article', { class: 'skp-item', 'data-key': it.key },
    h('h3', {}, `${it.key} · ${it.workResult}`),
    h('dl', { class: 'facts skp-facts' },
      h('dt', {}, 'Jenis'), h('dd', { 'data-col': 'kind' }, RHK_KIND[it.kind] || it.kind),
      h('dt', {}, 'Intervensi'), h('dd', { 'data-col': 'parent' }, parentText(it, parents))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'skp-indicators' },
      h('caption', {}, `Indikator ${it.key}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Aspek'), h('th', { scope: 'col' }, 'Indikator'))),
      h('tbody', {}, it.indicators.map((d) => h('tr', {},
        h('td', { 'data-col': 'aspect' }, ASPECT[d.aspect] || d.aspect),
        h('td', { 'data-col': 'indicator' }, indicatorText(d))))))))));
}

function behaviourView(skp) {
  if (!skp.expectations.length) return h('p', { class: 'empty' }, 'Belum ada ekspektasi khusus pimpinan.');
  return h('ul', { id: 'skp-expectations' }, skp.expectations.map((e) => h('li', {},
    h('strong', {}, `${CORE_VALUE[e.value] || e.value}: `), e.text)));
}

function attachmentsView(skp) {
  return h('dl', { class: 'facts card skp-facts', id: 'skp-attachments' }, ATTACHMENT_LISTS.map((name) => [
    h('dt', {}, ATTACHMENT[name]),
    h('dd', {}, skp.attachments[name].length ? h('ul', {}, skp.attachments[name].map((t) => h('li', {}, t)))
      : h('span', { class: 'muted' }, '—'))]));
}

// the official SKP document (issue 20): the approved revision in force as PDF, fetched with the session's bearer
// header and saved under the server's name; none before a revision is approved
function skpDownload(nip, cycle, skp) {
  if (!skp || !skp.approvedRevision) return null;
  const status = h('div', { 'aria-live': 'polite', class: 'export-status' });
  const button = h('button', { type: 'button', class: 'button-secondary', id: 'skp-pdf' }, 'Unduh SKP (PDF)');
  const url = `/documents/skp/${encodeURIComponent(nip)}/${encodeURIComponent(cycle)}.pdf`;
  button.addEventListener('click', () => downloadFile(url, `skp-${nip}-${cycle}.pdf`, status, button, 'skp-pdf'));
  return h('div', { class: 'export', id: 'skp-document' },
    h('p', { class: 'muted' }, `Dokumen resmi SKP revisi yang berlaku (revisi ${skp.approvedRevision}), dengan kode `
      + 'verifikasi dan kode QR untuk memeriksa keasliannya.'),
    h('div', { class: 'actions' }, button), status);
}

// -- the page ----------------------------------------------------------------------------------------------------

export async function render(root, params, ctx) {
  const nip = params.nip;
  const cycle = Number(params.cycle);
  const isCurrent = isCurrentOf(ctx);
  document.title = `SKP ${nip} · Kinerja`;
  if (!Number.isInteger(cycle) || cycle < 1900 || cycle > 9999) {
    root.replaceChildren(h('h1', {}, 'SKP'), errorBox('Tahun siklus tidak valid.'));
    return;
  }
  loading(root);
  let data;
  try {
    data = await gql(PAGE, { nip, cycle });
  } catch (err) {
    if (!isCurrent()) return;
    root.replaceChildren(h('h1', {}, `SKP ${nip} · ${cycle}`), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const person = data.person;
  if (!person) {
    root.replaceChildren(h('h1', {}, `SKP ${nip} · ${cycle}`), errorBox('Pegawai tidak ditemukan atau di luar akses Anda.'));
    return;
  }
  const viewer = ctx.viewer || {};
  const viewerNip = viewer.person ? viewer.person.nip : null;
  const isAdmin = viewer.role === 'ADMIN';
  const isSupervisor = Boolean(viewerNip && person.supervisor && person.supervisor.nip === viewerNip);
  const mayEdit = isAdmin || isSupervisor || viewerNip === person.nip;
  let mayDecide = isSupervisor;
  let skp = data.skp;
  const editable = () => mayEdit && (!skp || skp.status === 'DRAFT' || skp.status === 'RETURNED');

  // the intervensi options (also shown read-only: the supervisor's RHK texts) and the indicators of the form
  let parents = [];
  let hasSupervisor = Boolean(person.supervisor);
  let indicators = [];
  try {
    const found = await gql(OPTIONS, { nip: person.nip, cycle, agency: person.agency.code });
    parents = found.skpParentOptions.items;
    hasSupervisor = found.skpParentOptions.hasSupervisor;
    indicators = found.indicators;
  } catch (err) {
    if (!isCurrent()) return;
    root.replaceChildren(h('h1', {}, `SKP ${person.name} · ${cycle}`), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  mayDecide = isSupervisor || (isAdmin && !hasSupervisor);

  document.title = `SKP ${person.name} ${cycle} · Kinerja`;
  const status = h('div', { id: 'skp-status-area' });
  const body = h('div', { id: 'skp-body' });
  const history = h('section', { id: 'skp-history', 'aria-labelledby': 'skp-history-title' });

  function reload() { ctx.navigate(`#/skp/${encodeURIComponent(nip)}/${cycle}`); }

  // a payload's user errors: at their fields when the form shows them, else in the status area
  function showErrors(errors, fieldsById) {
    const loose = [];
    for (const e of errors) {
      const path = (e.path || []).join('.');
      const el = fieldsById && fieldsById.get(path);
      const text = skpErrorText(e.code);
      if (el) fieldError(el, text);
      else loose.push(e);
    }
    if (!loose.length && errors.length) {
      status.replaceChildren(h('div', { class: 'error-box', role: 'alert', id: 'skp-errors' },
        h('strong', {}, 'SKP belum tersimpan: periksa isian yang ditandai.')));
      return;
    }
    if (!loose.length) return;
    const stale = loose.some((e) => e.code === 'STALE_VERSION');
    status.replaceChildren(h('div', { class: 'error-box', role: 'alert', id: 'skp-errors' },
      h('strong', {}, stale ? 'SKP telah diubah oleh orang lain. Muat ulang halaman lalu ulangi perubahan Anda.'
        : 'Permintaan tidak dapat diproses:'),
      h('ul', {}, loose.map((e) => h('li', { 'data-code': e.code }, skpErrorText(e.code)))),
      stale ? h('button', { type: 'button', id: 'skp-reload', on: { click: reload } }, 'Muat ulang') : null));
  }

  function summary() {
    const latest = skp && skp.revisions.length ? skp.revisions[skp.revisions.length - 1] : null;
    return [
      h('dl', { class: 'facts card skp-facts', id: 'skp-summary' },
        h('dt', {}, 'Pegawai'), h('dd', {}, h('a', { href: `#/person/${encodeURIComponent(person.nip)}` }, person.name),
          h('span', { class: 'muted' }, ` · ${person.nip}`)),
        h('dt', {}, 'Pejabat penilai'), h('dd', {}, person.supervisor ? person.supervisor.name
          : (hasSupervisor ? 'Atasan langsung' : 'Admin (tanpa atasan langsung)')),
        h('dt', {}, 'Status'), h('dd', { id: 'skp-status', 'data-status': skp ? skp.status : '' },
          skp ? badge(skp.status, SKP_STATUS) : h('span', { class: 'muted' }, 'Belum dibuat')),
        h('dt', {}, 'Revisi'), h('dd', { id: 'skp-revision' }, skp ? String(skp.revision) : '—'),
        h('dt', {}, 'Revisi yang berlaku'), h('dd', {}, skp && skp.approvedRevision ? String(skp.approvedRevision) : '—')),
      latest && latest.status === 'RETURNED' && latest.returnNote
        ? h('div', { class: 'warning', id: 'skp-return-note', role: 'note' },
          h('strong', {}, 'Catatan pengembalian dari pejabat penilai: '), latest.returnNote) : null,
      person.subordinates && person.subordinates.length ? h('p', {}, h('a', {
        href: `#/skp-matrix/${encodeURIComponent(person.nip)}/${cycle}`, id: 'skp-matrix-link' }, 'Matriks peran hasil')) : null,
    ];
  }

  // -- decisions (approve / return / revise) -----------------------------------------------------------------------
  function decisions() {
    if (!skp) return null;
    if (skp.status === 'SUBMITTED' && mayDecide) {
      const note = h('textarea', { id: 'skp-return-note-input', name: 'note', rows: 3, maxlength: NOTE_MAX });
      const approve = h('button', { type: 'button', id: 'skp-approve' }, 'Setujui');
      const giveBack = h('button', { type: 'button', id: 'skp-return', class: 'button-secondary' }, 'Kembalikan');
      approve.addEventListener('click', async () => {
        const got = await sendMutation({ button: approve, status, isCurrent, busyText: 'Menyetujui…' }, APPROVE,
          { nip, cycle, version: skp.version });
        if (got) after(got.approveSkp, 'SKP disetujui.');
      });
      giveBack.addEventListener('click', async () => {
        fieldError(note, null);
        if (!note.value.trim()) { fieldError(note, 'Tuliskan catatan apa yang perlu diperbaiki.'); note.focus(); return; }
        const got = await sendMutation({ button: giveBack, status, isCurrent, busyText: 'Mengembalikan…' }, RETURN,
          { nip, cycle, version: skp.version, note: note.value.trim() });
        if (got) after(got.returnSkp, 'SKP dikembalikan kepada pegawai.', new Map([['note', note]]));
      });
      return h('section', { id: 'skp-decision', 'aria-labelledby': 'skp-decision-title', class: 'card' },
        h('h2', { id: 'skp-decision-title' }, 'Keputusan pejabat penilai'),
        h('div', { class: 'actions' }, approve),
        h('div', { class: 'field' }, h('label', { for: 'skp-return-note-input' }, 'Catatan pengembalian (wajib bila dikembalikan)'), note),
        h('div', { class: 'actions' }, giveBack));
    }
    if (skp.status === 'APPROVED' && mayEdit) {
      const revise = h('button', { type: 'button', id: 'skp-revise' }, 'Buat revisi');
      revise.addEventListener('click', async () => {
        const got = await sendMutation({ button: revise, status, isCurrent, busyText: 'Membuat revisi…' }, REVISE,
          { nip, cycle, version: skp.version });
        if (got) after(got.reviseSkp, 'Revisi baru dibuat sebagai draf.');
      });
      return h('div', { class: 'actions', id: 'skp-decision' }, revise,
        h('p', { class: 'muted' }, 'SKP yang disetujui terkunci; perubahan dibuat pada revisi baru yang diajukan kembali.'));
    }
    if (skp.status === 'SUBMITTED') {
      return h('p', { class: 'muted', id: 'skp-decision' }, 'SKP menunggu keputusan pejabat penilai.');
    }
    return null;
  }

  // a workflow mutation's payload: errors shown, else the page drawn again from the SKP it answers
  async function after(payload, okText, fieldsById) {
    if (payload.errors.length) { showErrors(payload.errors, fieldsById); return false; }
    skp = payload.skp;
    draw();
    status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'skp-done' }, okText));
    return true;
  }

  // -- the form ------------------------------------------------------------------------------------------------------
  function formView() {
    const model = modelOf(skp);
    const fields = new Map();  // error path -> input
    const itemsBox = h('div', { id: 'skp-items' });
    const reg = (path, el) => { fields.set(path, el); return el; };

    function labelled(id, text, control, hint) {
      return h('div', { class: 'field' }, h('label', { for: id }, text), control,
        hint ? h('p', { class: 'hint muted' }, hint) : null);
    }
    function select(id, options, value, onChange) {
      const el = h('select', { id, on: { change: () => onChange(el.value) } },
        options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
      el.value = value;
      return el;
    }
    function text(id, value, onInput, { area = false, max = TEXT_MAX, type = 'text', inputmode = null } = {}) {
      const el = area ? h('textarea', { id, rows: 2, maxlength: max })
        : h('input', { id, type, maxlength: max, inputmode, autocomplete: 'off' });
      el.value = value;
      el.addEventListener('input', () => onInput(el.value));
      return el;
    }

    function indicatorFields(it, n, d, m) {
      const base = `skp-item-${n}-ind-${m}`;
      const path = `input.items.${n}.indicators.${m}`;
      const box = h('fieldset', { class: 'skp-indicator choices', 'data-indicator': m },
        h('legend', {}, `Indikator ${m + 1}`));
      const aspect = reg(`${path}.aspect`, select(`${base}-aspect`, Object.entries(ASPECT), d.aspect, (v) => { d.aspect = v; }));
      const type = select(`${base}-type`, [['QUANT', 'Kuantitatif (indikator katalog dengan target)'],
        ['QUAL', 'Kualitatif (uraian dan output)']], d.type, (v) => { d.type = v; drawItems(); });
      const remove = h('button', { type: 'button', class: 'button-secondary', id: `${base}-remove`,
        on: { click: () => { it.indicators.splice(m, 1); drawItems(); } } }, `Hapus indikator ${m + 1}`);
      const own = reg(path, box);
      void own;
      box.append(labelled(`${base}-aspect`, 'Aspek', aspect), labelled(`${base}-type`, 'Jenis indikator', type));
      if (d.type === 'QUANT') {
        const options = [['', '— pilih indikator —'], ...indicators.map((i) => [i.code, `${i.name}${i.unit ? ` (${unitText(i.unit)})` : ''}`])];
        if (d.indicator && !indicators.some((i) => i.code === d.indicator)) options.push([d.indicator, d.indicator]);
        box.append(
          labelled(`${base}-indicator`, 'Indikator katalog', reg(`${path}.indicator`,
            select(`${base}-indicator`, options, d.indicator, (v) => { d.indicator = v; }))),
          labelled(`${base}-targetKind`, 'Bentuk target', select(`${base}-targetKind`,
            [['VALUE', 'Nilai tunggal'], ['RANGE', 'Rentang (batas bawah–batas atas)']], d.range ? 'RANGE' : 'VALUE',
            (v) => { d.range = v === 'RANGE'; drawItems(); })));
        if (d.range) {
          box.append(
            labelled(`${base}-targetLower`, 'Batas bawah target', reg(`${path}.targetLower`,
              text(`${base}-targetLower`, d.targetLower, (v) => { d.targetLower = v; }, { max: 20, inputmode: 'decimal' }))),
            labelled(`${base}-targetUpper`, 'Batas atas target', reg(`${path}.targetUpper`,
              text(`${base}-targetUpper`, d.targetUpper, (v) => { d.targetUpper = v; }, { max: 20, inputmode: 'decimal' })),
              'Capaian di dalam rentang 100 %; di luar rentang dihitung terhadap batas terdekat.'));
        } else {
          box.append(labelled(`${base}-target`, 'Target', reg(`${path}.target`,
            text(`${base}-target`, d.target, (v) => { d.target = v; }, { max: 20, inputmode: 'decimal' }))));
        }
      } else {
        box.append(
          labelled(`${base}-text`, 'Uraian indikator', reg(`${path}.text`,
            text(`${base}-text`, d.text, (v) => { d.text = v; }, { area: true }))),
          labelled(`${base}-expectedOutput`, 'Output yang diharapkan', reg(`${path}.expectedOutput`,
            text(`${base}-expectedOutput`, d.expectedOutput, (v) => { d.expectedOutput = v; }, { area: true }))));
      }
      box.append(h('div', { class: 'actions' }, remove));
      return box;
    }

    function itemFields(it, n) {
      const base = `skp-item-${n}`;
      const path = `input.items.${n}`;
      const title = it.key ? `RHK ${it.key}` : `RHK baru ${n + 1}`;
      const box = h('fieldset', { class: 'skp-item choices', 'data-item': n, 'data-key': it.key || '' }, h('legend', {}, title));
      reg(path, box);
      box.append(
        labelled(`${base}-kind`, 'Jenis RHK', reg(`${path}.kind`,
          select(`${base}-kind`, Object.entries(RHK_KIND), it.kind, (v) => { it.kind = v; }))),
        labelled(`${base}-workResult`, 'Hasil kerja (RHK)', reg(`${path}.workResult`,
          text(`${base}-workResult`, it.workResult, (v) => { it.workResult = v; }, { area: true }))));
      if (hasSupervisor) {
        const options = [['', parents.length ? '— belum memilih RHK atasan —' : '— atasan belum memiliki SKP —'], ...parents.map((p) => [p.key, `${p.key} · ${p.workResult}`])];
        if (it.parentKey && !parents.some((p) => p.key === it.parentKey)) options.push([it.parentKey, `RHK atasan ${it.parentKey}`]);
        box.append(labelled(`${base}-parentKey`, 'Intervensi: RHK atasan yang didukung', reg(`${path}.parentKey`,
          select(`${base}-parentKey`, options, it.parentKey, (v) => { it.parentKey = v; }))));
      } else {
        box.append(labelled(`${base}-intervention`, 'Intervensi: sasaran perangkat daerah yang didukung', reg(`${path}.intervention`,
          text(`${base}-intervention`, it.intervention, (v) => { it.intervention = v; }, { area: true }))));
      }
      const indBox = h('div', { class: 'skp-indicator-list' });
      reg(`${path}.indicators`, indBox);
      it.indicators.forEach((d, m) => indBox.append(indicatorFields(it, n, d, m)));
      const addInd = h('button', { type: 'button', class: 'button-secondary', id: `${base}-add-indicator`,
        disabled: it.indicators.length >= MAX_INDICATORS,
        on: { click: () => { it.indicators.push(newIndicator()); drawItems(); } } }, `Tambah indikator pada ${title}`);
      const remove = h('button', { type: 'button', class: 'button-secondary', id: `${base}-remove`,
        on: { click: () => { model.items.splice(n, 1); drawItems(); } } }, `Hapus ${title}`);
      box.append(h('h3', {}, 'Indikator'), indBox, h('div', { class: 'actions' }, addInd, remove));
      return box;
    }

    function drawItems() {
      fields.clear();
      const list = model.items.map((it, n) => itemFields(it, n));
      fill(itemsBox, list.length ? list : h('p', { class: 'empty' }, 'Belum ada RHK. Tambahkan RHK utama.'));
      addMain.disabled = addExtra.disabled = model.items.length >= MAX_ITEMS;
      registerStatic();
    }

    const addMain = h('button', { type: 'button', id: 'skp-add-main', class: 'button-secondary',
      on: { click: () => { model.items.push(newItem('MAIN')); drawItems(); focusLast(); } } }, 'Tambah RHK utama');
    const addExtra = h('button', { type: 'button', id: 'skp-add-additional', class: 'button-secondary',
      on: { click: () => { model.items.push(newItem('ADDITIONAL')); drawItems(); focusLast(); } } }, 'Tambah RHK tambahan');
    function focusLast() {
      const el = document.getElementById(`skp-item-${model.items.length - 1}-workResult`);
      if (el) el.focus();
    }

    const expectationInputs = CORE_VALUES.map((v) => [v, text(`skp-exp-${v}`, model.expectations[v],
      (x) => { model.expectations[v] = x; }, { area: true, max: EXPECTATION_MAX })]);
    const attachmentInputs = ATTACHMENT_LISTS.map((name) => [name, text(`skp-att-${name}`, model.attachments[name],
      (x) => { model.attachments[name] = x; }, { area: true, max: ATTACHMENT_ITEMS * (TEXT_MAX + 1) })]);
    function registerStatic() {
      expectationInputs.forEach(([v, el], n) => { void n; fields.set(`expectation:${v}`, el); });
      attachmentInputs.forEach(([name, el]) => fields.set(`input.attachments.${name}`, el));
    }

    const saveButton = h('button', { type: 'submit', id: 'skp-save' }, skp ? 'Simpan' : 'Buat SKP');
    const submitButton = skp ? h('button', { type: 'button', id: 'skp-submit' }, 'Ajukan') : null;

    // the server's paths of expectations are positions in the list sent: mapped back to their value's field
    function errorFields(sent) {
      const map = new Map(fields);
      sent.expectations.forEach((e, n) => {
        const el = fields.get(`expectation:${e.value}`);
        map.set(`input.expectations.${n}.text`, el);
        map.set(`input.expectations.${n}.value`, el);
        map.set(`input.expectations.${n}`, el);
      });
      attachmentInputs.forEach(([name, el]) => {
        sent.attachments[name].forEach((t, n) => map.set(`input.attachments.${name}.${n}`, el));
      });
      return map;
    }
    function clearErrors() {
      form.querySelectorAll('[aria-invalid="true"]').forEach((el) => fieldError(el, null));
      form.querySelectorAll('fieldset').forEach((el) => fieldError(el, null));
      status.replaceChildren();
    }

    // save; true when saved (skp then holds the answer)
    async function save(button, okText) {
      clearErrors();
      const { input, problems } = inputOf(model, nip, cycle, hasSupervisor);
      if (problems.length) {
        problems.forEach((p) => fieldError(fields.get(p.path.join('.')),
          p.path[p.path.length - 1] === 'target' ? 'Target harus berupa angka.' : 'Batas target harus berupa angka.'));
        status.replaceChildren(h('div', { class: 'error-box', role: 'alert', id: 'skp-errors' },
          h('strong', {}, 'SKP belum tersimpan: periksa isian yang ditandai.')));
        return false;
      }
      const got = await sendMutation({ button, status, isCurrent }, SAVE, { input, version: skp ? skp.version : null });
      if (!got) return false;
      const payload = got.saveSkp;
      if (payload.errors.length) {
        showErrors(payload.errors, errorFields(input));
        const first = form.querySelector('[aria-invalid="true"]');
        if (first && typeof first.focus === 'function') first.focus();
        return false;
      }
      skp = payload.skp;
      if (okText) { draw(); status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'skp-done' }, okText)); }
      return true;
    }

    const form = h('form', { id: 'skp-form', novalidate: true, on: { submit: async (event) => {
      event.preventDefault();
      await save(saveButton, 'SKP tersimpan.');
    } } },
    h('section', { 'aria-labelledby': 'skp-items-title' },
      h('h2', { id: 'skp-items-title' }, 'Rencana Hasil Kerja (RHK)'),
      itemsBox,
      h('div', { class: 'actions' }, addMain, addExtra)),
    h('section', { 'aria-labelledby': 'skp-behaviour-title' },
      h('h2', { id: 'skp-behaviour-title' }, 'Perilaku kerja: ekspektasi khusus pimpinan'),
      h('p', { class: 'muted' }, 'Opsional; kosongkan nilai yang tidak diberi ekspektasi khusus.'),
      expectationInputs.map(([v, el]) => labelled(el.id, CORE_VALUE[v], el))),
    h('section', { 'aria-labelledby': 'skp-attachments-title' },
      h('h2', { id: 'skp-attachments-title' }, 'Lampiran'),
      attachmentInputs.map(([name, el]) => labelled(el.id, ATTACHMENT[name], el, 'Satu butir per baris.'))),
    h('div', { class: 'actions' }, saveButton, submitButton));

    if (submitButton) {
      submitButton.addEventListener('click', async () => {
        if (!(await save(submitButton, null))) return;
        const got = await sendMutation({ button: submitButton, status, isCurrent, busyText: 'Mengajukan…' }, SUBMIT,
          { nip, cycle, version: skp.version });
        if (!got) return;
        if (got.submitSkp.errors.length) {
          draw();
          showErrors(got.submitSkp.errors, null);
          return;
        }
        skp = got.submitSkp.skp;
        draw();
        status.replaceChildren(h('p', { class: 'success', role: 'status', id: 'skp-done' }, 'SKP diajukan kepada pejabat penilai.'));
      });
    }
    drawItems();
    return form;
  }

  // -- history ---------------------------------------------------------------------------------------------------
  function historyView() {
    if (!skp) { history.replaceChildren(); return; }
    const revs = skp.revisions;
    const table = h('div', { class: 'table-wrap' }, h('table', { id: 'skp-revisions' },
      h('caption', {}, 'Riwayat revisi SKP'),
      h('thead', {}, h('tr', {}, ['Revisi', 'Status', 'Diajukan', 'Diputuskan', 'Catatan pengembalian']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, revs.map((r) => h('tr', { 'data-revision': r.number },
        h('th', { scope: 'row' }, String(r.number)),
        h('td', { 'data-col': 'status' }, badge(r.status, SKP_STATUS)),
        h('td', {}, r.submittedAt ? `${dateTime(r.submittedAt)} (NIP ${r.submittedBy || '—'})` : '—'),
        h('td', {}, r.decidedAt ? `${dateTime(r.decidedAt)} (NIP ${r.decidedBy || '—'})` : '—'),
        h('td', {}, r.returnNote || '—'))))));
    const parts = [h('h2', { id: 'skp-history-title' }, 'Riwayat revisi'), table];
    if (revs.length >= 2) {
      const opts = (sel) => revs.map((r) => h('option', { value: r.number, selected: r.number === sel }, `Revisi ${r.number}`));
      const from = h('select', { id: 'skp-compare-from' }, opts(revs.length - 1));
      const to = h('select', { id: 'skp-compare-to' }, opts(revs.length));
      from.value = String(revs.length - 1);
      to.value = String(revs.length);
      const out = h('div', { id: 'skp-changes-area', 'aria-live': 'polite' });
      const compare = h('button', { type: 'button', id: 'skp-compare' }, 'Bandingkan');
      compare.addEventListener('click', async () => {
        compare.disabled = true;
        out.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Membandingkan…'));
        let found;
        try {
          found = await gql(CHANGES, { nip, cycle, from: Number(from.value), to: Number(to.value) });
        } catch (err) {
          if (isCurrent()) out.replaceChildren(errorBox(err));
          compare.disabled = false;
          return;
        }
        if (!isCurrent()) return;
        compare.disabled = false;
        const list = found.skpChanges;
        out.replaceChildren(h('h3', {}, `Perubahan dari revisi ${from.value} ke revisi ${to.value}`),
          list.length ? h('ul', { id: 'skp-changes' }, list.map((c) => h('li', { 'data-change': c.change }, changeText(c))))
            : h('p', { class: 'empty', id: 'skp-changes' }, 'Tidak ada perbedaan.'));
      });
      parts.push(h('div', { class: 'field-inline' },
        h('div', { class: 'field' }, h('label', { for: 'skp-compare-from' }, 'Dari revisi'), from),
        h('div', { class: 'field' }, h('label', { for: 'skp-compare-to' }, 'Ke revisi'), to)),
      h('div', { class: 'actions' }, compare), out);
    }
    fill(history, parts);
  }

  function draw() {
    const content = editable() ? formView() : (skp ? [
      h('section', { 'aria-labelledby': 'skp-items-title' }, h('h2', { id: 'skp-items-title' }, 'Rencana Hasil Kerja (RHK)'),
        itemsView(skp, parents)),
      h('section', { 'aria-labelledby': 'skp-behaviour-title' },
        h('h2', { id: 'skp-behaviour-title' }, 'Perilaku kerja: ekspektasi khusus pimpinan'), behaviourView(skp)),
      h('section', { 'aria-labelledby': 'skp-attachments-title' },
        h('h2', { id: 'skp-attachments-title' }, 'Lampiran'), attachmentsView(skp)),
    ] : h('p', { class: 'empty', id: 'skp-none' }, 'Pegawai ini belum memiliki SKP pada siklus ini.'));
    fill(body, summary(), skpDownload(nip, cycle, skp), decisions(), content);
    historyView();
  }

  fill(root, h('h1', {}, `SKP ${person.name} · ${cycle}`), status, body, history);
  draw();
}
