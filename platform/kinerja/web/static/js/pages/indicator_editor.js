// The indicator draft editor (#/indikator/draf/baru[?agency=&dari=KODE], #/indikator/draf/<id>): the form and the YAML
// beside it edit the same draft. A form edit writes the YAML; a YAML edit is checked (checkIndicatorSpec, debounced)
// and fills the form from what it parses to; every check's problems show at their fields, in Indonesian.
// Save, preview (sample inputs; history, for an edit), submit.

import { gql } from '../api.js';
import { h, fill, loading, errorBox, badge, fieldError } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import { indicatorForm } from '../indicator_form.js';
import { emitSpec } from '../indicator_yaml.js';
import { DRAFT_STATUS, pathLabel } from '../indicator_labels.js';
import { DRAFT_FIELDS, saveDraft, submitDraft, failText, isStale } from '../indicator_steps.js';
import { problemList, samplePreview, historyPreview } from '../indicator_preview.js';

const CHECK_DELAY_MS = 400;
const CALCULATORS = 'calculators { name plugin description hasContract inputs { name type label min max required } }';
export const LOAD_DRAFT = `query($id: Int!) { ${CALCULATORS} indicatorDraft(id: $id) { ${DRAFT_FIELDS} } }`;
export const LOAD_INDICATOR = `query($c: String!, $a: String) { ${CALCULATORS}
  indicatorHistory(code: $c) { code name origin active versions { version yaml current } }
  indicatorDrafts(agency: $a) { id code status } }`;
export const LOAD_NEW = `{ ${CALCULATORS} agencies(first: 100) { code name } }`;
export const CHECK = `query($a: String!, $y: String!) { checkIndicatorSpec(input: {agency: $a, yaml: $y}) {
  ok problems { path code message line } parsed } }`;
const OPEN = new Set(['DRAFT', 'SUBMITTED', 'REJECTED']);
const EDITABLE = new Set(['DRAFT', 'REJECTED']);

// the messages of a step, also shown on arrival at a new draft's address (?pesan=)
const MESSAGES = {
  disimpan: (unchanged = false) => h('p', { class: 'success', role: 'status', id: 'd-saved' },
    unchanged ? 'Tidak ada perubahan sejak terakhir disimpan.' : 'Draf tersimpan.'),
  diajukan: () => h('p', { class: 'success', role: 'status', id: 'd-submitted' },
    'Draf diajukan; menunggu persetujuan admin BKPSDM.'),
};

function mayDraft(viewer) {
  return viewer && (viewer.role === 'ADMIN' || viewer.role === 'AGENCY_ADMIN');
}

export async function render(root, params, ctx) {
  const isCurrent = isCurrentOf(ctx);
  const query = params.query || new URLSearchParams();
  document.title = 'Draf indikator · Kinerja';
  if (!mayDraft(ctx.viewer)) {
    fill(root, h('h1', {}, 'Draf indikator'),
      h('p', { class: 'notice' }, 'Draf indikator dibuat oleh admin perangkat daerah atau admin BKPSDM.'));
    return;
  }
  const draftId = params.id ? Number(params.id) : null;
  if (params.id && !Number.isInteger(draftId)) {
    fill(root, h('h1', {}, 'Draf indikator'), errorBox('Draf tidak ditemukan.'));
    return;
  }
  const from = query.get('dari') || '';
  loading(root);
  let data;
  try {
    if (draftId) data = await gql(LOAD_DRAFT, { id: draftId });
    else if (from) data = await gql(LOAD_INDICATOR, { c: from, a: from.split('.')[0] });
    else data = await gql(LOAD_NEW);
  } catch (err) {
    if (isCurrent()) fill(root, h('h1', {}, 'Draf indikator'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;

  const state = { id: null, version: null, status: null, changesIndicator: false, savedYaml: null, fullCode: null,
    agency: ctx.viewer.agency ? ctx.viewer.agency.code : (query.get('agency') || ''), note: null };
  let initialYaml = '';
  let heading = 'Indikator baru';
  if (draftId) {
    const d = data.indicatorDraft;
    if (!d) { fill(root, h('h1', {}, 'Draf indikator'), errorBox('Draf tidak ditemukan.')); return; }
    Object.assign(state, { id: d.id, version: d.version, status: d.status, changesIndicator: d.changesIndicator,
      savedYaml: d.yaml, fullCode: d.fullCode, agency: d.agency.code, note: d.note });
    initialYaml = d.yaml;
    heading = `Draf indikator ${d.fullCode}`;
  } else if (from) {
    const ind = data.indicatorHistory;
    const current = ind && ind.versions.find((v) => v.current);
    if (!ind || !current || !current.yaml || ind.origin !== 'CONSOLE' || !ind.active) {
      fill(root, h('h1', {}, 'Ubah indikator'), h('p', { class: 'notice', id: 'd-not-editable' },
        !ind ? 'Indikator tidak ditemukan.' : (ind.active ? 'Indikator dari berkas spesifikasi tidak dapat diubah di konsol.'
          : 'Indikator ini sudah dipensiunkan.')));
      return;
    }
    const [agency, ...rest] = from.split('.');
    state.agency = agency;
    const open = (data.indicatorDrafts || []).find((x) => x.code === rest.join('.') && OPEN.has(x.status));
    if (open) {
      fill(root, h('h1', {}, `Ubah indikator ${ind.name}`), h('p', { class: 'notice', id: 'd-open-draft' },
        'Indikator ini sudah punya draf terbuka. ', h('a', { href: `#/indikator/draf/${open.id}` }, 'Buka draf itu')));
      return;
    }
    initialYaml = current.yaml;
    state.changesIndicator = true;
    heading = `Ubah indikator ${ind.name}`;
  }
  document.title = `${heading} · Kinerja`;

  // the agency (ADMIN, for a new indicator, chooses it)
  let agencyField = null;
  if (!state.agency && data.agencies) {
    const sel = h('select', { id: 'd-agency' }, h('option', { value: '' }, '— pilih perangkat daerah —'),
      data.agencies.map((a) => h('option', { value: a.code }, a.name)));
    sel.addEventListener('change', () => { state.agency = sel.value; scheduleCheck(false); });
    agencyField = h('div', { class: 'field' }, h('label', { for: 'd-agency' }, 'Perangkat daerah'), sel);
  }

  const form = indicatorForm({ calculators: data.calculators, onChange: formChanged });
  const yaml = h('textarea', { id: 'd-yaml', rows: '30', spellcheck: 'false', class: 'code yaml',
    'aria-describedby': 'd-check-state' });
  const checkState = h('p', { id: 'd-check-state', class: 'muted', 'aria-live': 'polite' });
  const summary = h('section', { id: 'spec-problems', 'aria-labelledby': 'spec-problems-title', hidden: true },
    h('h2', { id: 'spec-problems-title' }, 'Masalah pada draf'), h('div', {}));
  const status = h('div', { id: 'd-status', 'aria-live': 'polite' });
  const statusLine = h('p', { id: 'd-draft-status' });
  const saveButton = h('button', { type: 'button', id: 'd-save' }, 'Simpan draf');
  const previewButton = h('button', { type: 'button', id: 'd-preview', class: 'button-secondary' }, 'Pratinjau');
  const historyButton = h('button', { type: 'button', id: 'd-history', class: 'button-secondary' }, 'Pratinjau pada riwayat');
  const submitButton = h('button', { type: 'button', id: 'd-submit' }, 'Ajukan');
  const previewBox = h('div', { id: 'd-preview-box' });

  function showStatus() {
    fill(statusLine, state.id ? ['Status: ', badge(state.status, DRAFT_STATUS),
      state.status === 'REJECTED' && state.note ? [' — catatan BKPSDM: ', h('span', { id: 'd-note' }, state.note)] : null,
      ' · ', h('a', { href: `#/indikator/draf/${state.id}` }, 'tautan draf ini')].flat() : 'Belum disimpan.');
    const editable = !state.id || EDITABLE.has(state.status);
    saveButton.disabled = !editable;
    submitButton.disabled = !editable;
    historyButton.hidden = !state.changesIndicator;  // an edit (saved first when it is not yet)
    yaml.readOnly = !editable;
  }

  // -- the check, debounced --------------------------------------------------------------------------------------
  let timer = null;
  let checkSeq = 0;
  function showProblems(problems) {
    const rest = form.showProblems(problems);
    fieldError(yaml, rest.length ? 'Ada masalah pada teks YAML; lihat daftar masalah.' : null);
    summary.hidden = !problems.length;
    summary.lastChild.replaceChildren(problemList(problems, pathLabel, 'spec-problem-list') || '');
  }
  async function runCheck(fromYaml) {
    const seq = ++checkSeq;
    if (!state.agency) { checkState.textContent = 'Pilih perangkat daerah untuk memeriksa draf.'; return; }
    checkState.textContent = 'Memeriksa…';
    let answer;
    try {
      answer = (await gql(CHECK, { a: state.agency, y: yaml.value })).checkIndicatorSpec;
    } catch (err) {
      if (isCurrent() && seq === checkSeq) checkState.textContent = failText(err);
      return;
    }
    if (!isCurrent() || seq !== checkSeq) return;
    if (fromYaml && answer.parsed && typeof answer.parsed === 'object' && !Array.isArray(answer.parsed)) form.fill(answer.parsed);
    showProblems(answer.problems);
    checkState.textContent = answer.ok ? 'Diperiksa: tidak ada masalah.' : `Diperiksa: ${answer.problems.length} masalah.`;
    checkState.dataset.ok = answer.ok ? 'yes' : 'no';
  }
  function scheduleCheck(fromYaml) {
    clearTimeout(timer);
    checkState.textContent = 'Menunggu selesai mengetik…';
    delete checkState.dataset.ok;
    timer = setTimeout(() => runCheck(fromYaml), CHECK_DELAY_MS);
  }
  function formChanged() {
    const text = emitSpec(form.read());
    if (text === yaml.value) return;  // e.g. the change event after the input events of the same edit
    yaml.value = text;
    scheduleCheck(false);
  }
  yaml.addEventListener('input', () => scheduleCheck(true));

  // -- saving and the steps ---------------------------------------------------------------------------------------
  function staleBox() {
    return h('div', { class: 'error-box', role: 'alert', id: 'd-stale' },
      h('strong', {}, 'Draf ini telah diubah di tempat lain sejak Anda membukanya.'), ' ',
      'Muat ulang halaman untuk melihat versi terbaru, lalu ulangi perubahan Anda. ',
      h('button', { type: 'button', class: 'button-secondary', on: { click: () => ctx.navigate(state.id ? `#/indikator/draf/${state.id}` : location.hash) } }, 'Muat ulang'));
  }
  function showErrors(title, errors) {
    if (isStale(errors)) { status.replaceChildren(staleBox()); return; }
    const spec = errors.filter((e) => e.path && e.path[0] === 'input' && e.path[1] === 'yaml')
      .map((e) => ({ ...e, path: e.path.slice(2) }));
    if (spec.length) showProblems(spec);
    status.replaceChildren(h('div', { class: 'error-box', role: 'alert', id: 'd-errors',
      'data-codes': errors.map((e) => e.code).join(' ') }, h('strong', {}, title), problemList(errors)));
  }
  function took(d) {
    Object.assign(state, { id: d.id, version: d.version, status: d.status, changesIndicator: d.changesIndicator,
      savedYaml: d.yaml, fullCode: d.fullCode, note: d.note });
    showStatus();
  }
  // the draft's id once what is on screen is saved (saving it first when it changed); null when that failed
  async function ensureSaved() {
    if (state.id && state.savedYaml === yaml.value) return state.id;
    if (state.id && !EDITABLE.has(state.status)) return state.id;
    if (!state.agency) { status.replaceChildren(errorBox('Pilih perangkat daerah terlebih dahulu.')); return null; }
    let answer;
    try {
      answer = await saveDraft(state.agency, yaml.value, state.id, state.version);
    } catch (err) {
      if (isCurrent()) status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
      return null;
    }
    if (!isCurrent()) return null;
    if (answer.errors.length) { showErrors('Draf belum tersimpan.', answer.errors); return null; }
    took(answer.draft);
    return state.id;
  }
  async function busy(button, work) {
    button.disabled = true;
    try { await work(); } finally { button.disabled = false; if (isCurrent()) showStatus(); }
  }
  // a new draft, once saved, moves to its own address (the page reloads it, with the message given)
  const settled = (message) => {
    if (draftId) return false;
    ctx.navigate(`#/indikator/draf/${state.id}?pesan=${message}`);
    return true;
  };
  saveButton.addEventListener('click', () => busy(saveButton, async () => {
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menyimpan…'));
    const wasSaved = state.savedYaml === yaml.value && state.id;
    const id = await ensureSaved();
    if (id && !settled('disimpan')) status.replaceChildren(MESSAGES.disimpan(wasSaved));
  }));
  submitButton.addEventListener('click', () => busy(submitButton, async () => {
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Mengajukan…'));
    const id = await ensureSaved();
    if (!id) return;
    let answer;
    try {
      answer = await submitDraft(id, state.version);
    } catch (err) {
      if (isCurrent()) status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
      return;
    }
    if (!isCurrent()) return;
    if (answer.errors.length) { showErrors('Draf belum diajukan.', answer.errors); return; }
    took(answer.draft);
    if (!settled('diajukan')) status.replaceChildren(MESSAGES.diajukan());
  }));
  previewButton.addEventListener('click', () => {
    const spec = form.read();
    previewBox.replaceChildren(samplePreview({ draftId: state.id, inputs: spec.inputs, unit: spec.unit, isCurrent,
      beforeRun: ensureSaved }));
    previewBox.querySelector('input, button').focus();
  });
  historyButton.addEventListener('click', () => busy(historyButton, async () => {
    const id = await ensureSaved();
    if (!id) return;
    previewBox.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menghitung pratinjau pada riwayat…'));
    const section = await historyPreview(id, form.read().unit);
    if (isCurrent()) previewBox.replaceChildren(h('h3', {}, 'Pratinjau pada riwayat'), section);
  }));

  fill(root,
    h('h1', {}, heading),
    h('p', { class: 'lead' }, 'Isi formulir atau teks YAML di sampingnya: keduanya mengubah draf yang sama. ',
      h('a', { href: '#/indikator/draf' }, 'Daftar draf')),
    statusLine,
    agencyField,
    h('div', { class: 'grid-2 indicator-editor' },
      h('section', { 'aria-label': 'Formulir indikator' }, form.element),
      h('section', { 'aria-label': 'Teks YAML' }, h('div', { class: 'field' }, h('label', { for: 'd-yaml' }, 'Teks YAML'), yaml),
        checkState)),
    summary,
    status,
    h('div', { class: 'actions' }, saveButton, previewButton, historyButton, submitButton),
    previewBox);
  showStatus();
  if (MESSAGES[query.get('pesan')]) status.replaceChildren(MESSAGES[query.get('pesan')]());
  if (initialYaml) {
    yaml.value = initialYaml;
    await runCheck(true);
  } else {
    yaml.value = emitSpec(form.read());
  }
}
