// Rencana pengembangan kompetensi (#/pengembangan/:nip/:cycle): a person's development plan of a cycle (PP 17/2020):
// its status and who has agreed, the notice when a low rating requires it, the person's development hours of the
// cycle's year against the minimum, and its actions. The person, their direct supervisor or ADMIN edit it (mayEdit:
// add an action, change or remove a planned one, reorder; a completed action stays as it is) and save it with the
// version read; the person and the assessing official agree to it (mayAgree); the person records an action's
// completion with its evidence (mayComplete) and the assessing official confirms it (mayConfirm). One request to
// show it; each mutation answers the plan as it now stands and the page is drawn again from it, then the hours are
// read again (the payload does not carry them).

import { gql } from '../api.js';
import {
  h, fill, loading, badge, num, dateTime, isoDateText, evaluationLabel, fieldError, CYCLE_STATUS,
} from '../ui.js';
import { sendMutation, isCurrentOf } from '../forms.js';
import { failBox, safeLink } from '../work_log_ui.js';
import {
  PLAN_STATUS, ACTION_KIND, ACTION_STATUS, sourceText, developmentErrorText,
} from '../development_labels.js';

const ACTION_FIELDS = `id position kind title competency plannedHours due responsible source sourcePeriod status
      hoursDone completedOn evidenceNumber evidenceUrl confirmedAt mayComplete mayConfirm`;
const PLAN_FIELDS = `nip name cycle status version requiredBy employeeAgreed officialAgreed employeeAgreedAt
    officialAgreedAt officialAgreedBy { nip name } plannedHours confirmedHours mayEdit mayAgree
    actions { ${ACTION_FIELDS} }`;
const HOURS_FIELDS = 'year done awaiting planned minimum met';
const PAYLOAD = `plan { ${PLAN_FIELDS} } errors { path code message params }`;

export const PAGE = `query DevelopmentPlanPage($nip: String!, $cycle: Int!) {
  person(nip: $nip) {
    nip name position supervisor { nip name position identityOnly }
    developmentHours(year: $cycle) { ${HOURS_FIELDS} }
  }
  developmentPlan(nip: $nip, cycle: $cycle) { ${PLAN_FIELDS} }
}`;

export const HOURS = `query DevelopmentHours($nip: String!, $year: Int!) {
  person(nip: $nip) { nip developmentHours(year: $year) { ${HOURS_FIELDS} } }
}`;

export const SAVE = `mutation SaveDevelopmentPlan($nip: String!, $cycle: Int!, $version: Int!,
  $actions: [DevelopmentActionInput!]!) {
  saveDevelopmentPlan(nip: $nip, cycle: $cycle, version: $version, actions: $actions) { ${PAYLOAD} }
}`;

export const AGREE = `mutation AgreeDevelopmentPlan($nip: String!, $cycle: Int!, $version: Int!) {
  agreeDevelopmentPlan(nip: $nip, cycle: $cycle, version: $version) { ${PAYLOAD} }
}`;

export const COMPLETE = `mutation CompleteDevelopmentAction($input: DevelopmentCompletionInput!) {
  completeDevelopmentAction(input: $input) { ${PAYLOAD} }
}`;

export const CONFIRM = `mutation ConfirmDevelopmentAction($action: ID!, $version: Int!) {
  confirmDevelopmentAction(action: $action, version: $version) { ${PAYLOAD} }
}`;

// the service's limits (services/evaluation/development.py)
const TITLE_MAX = 500;
const COMPETENCY_MAX = 200;
const RESPONSIBLE_MAX = 200;
const EVIDENCE_NUMBER_MAX = 100;
const URL_MAX = 500;
const HOURS_MAX = 200;
const ACTIONS_MAX = 30;
const WHOLE = /^-?\d{1,9}$/; // a whole number GraphQL's Int takes; the server checks its range

const typed = (text) => h('span', { 'data-user-text': '' }, text);
const muted = (text) => h('span', { class: 'muted' }, text);
const jp = (n) => `${num(n, 0)} JP`;

// the model of one action in the editor: the form's texts, and the action as read (kept unchanged when completed)
function modelOf(a) {
  return {
    id: a.id, status: a.status, kind: a.kind, title: a.title, competency: a.competency || '',
    plannedHours: String(a.plannedHours), due: a.due || '', responsible: a.responsible || '', read: a,
  };
}

const newAction = () => ({
  id: null, status: 'PLANNED', kind: 'TRAINING', title: '', competency: '', plannedHours: '0', due: '',
  responsible: '', read: null,
});

// each user error at its field (fieldOf: path -> element or null), the others listed in `box` under `title`; the
// first field marked, else the list, focused. A stale version offers to reload.
function showErrors(errors, fieldOf, box, title, id, reload) {
  const rest = [];
  const byField = new Map();
  for (const e of errors) {
    const el = fieldOf(e.path || []);
    if (el) byField.set(el, [...(byField.get(el) || []), developmentErrorText(e)]);
    else rest.push(e);
  }
  let first = null;
  for (const [el, texts] of byField) {
    fieldError(el, [...new Set(texts)].join(' '));
    first = first || el;
  }
  const stale = errors.some((e) => e.code === 'STALE_VERSION');
  box.replaceChildren(h('div', { class: 'error-box', role: 'alert', id, tabindex: '-1',
    'data-codes': errors.map((e) => e.code).join(' ') },
  h('strong', {}, title),
  rest.length ? h('ul', {}, rest.map((e) => h('li', { 'data-code': e.code }, developmentErrorText(e))))
    : h('p', { class: 'detail' }, 'Periksa isian yang ditandai.'),
  stale && reload ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button-secondary',
    id: `${id}-reload`, on: { click: reload } }, 'Muat ulang')) : null));
  const target = first || box.firstChild;
  (target.tagName === 'FIELDSET' ? target.querySelector('input, select, textarea, button') || target : target).focus();
}

function labelled(control, text, hint) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, text), control,
    hint ? h('p', { class: 'hint muted' }, hint) : null);
}

export async function render(root, params, ctx) {
  const nip = params.nip;
  const cycle = Number(params.cycle);
  const isCurrent = isCurrentOf(ctx);
  const title = 'Rencana pengembangan kompetensi';
  document.title = `${title} · Kinerja`;
  if (!Number.isInteger(cycle) || cycle < 1900 || cycle > 9999) {
    fill(root, h('h1', {}, title), h('p', { class: 'empty', id: 'plan-missing' }, 'Tahun siklus tidak valid.'));
    return;
  }
  loading(root);
  let data;
  try {
    data = await gql(PAGE, { nip, cycle });
  } catch (err) {
    if (!isCurrent()) return;
    fill(root, h('h1', {}, title), failBox(err));
    return;
  }
  if (!isCurrent()) return;
  const person = data.person;
  let plan = data.developmentPlan;
  if (!person || !plan) {
    fill(root, h('h1', {}, title),
      h('p', { class: 'empty', id: 'plan-missing' },
        'Rencana pengembangan tidak ditemukan: pegawai di luar akses Anda atau siklus tidak ada.'));
    return;
  }
  let hours = person.developmentHours;
  let editing = false;
  let completing = null; // the id of the action whose completion form is open
  let hoursSeq = 0;
  document.title = `${title} ${person.name} ${cycle} · Kinerja`;
  const personHref = `#/person/${encodeURIComponent(person.nip)}?cycle=${cycle}`;
  const known = (ctx && ctx.cycles ? ctx.cycles : []).find((c) => c.year === cycle);
  const official = person.supervisor ? person.supervisor.name : null;

  const status = h('div', { id: 'plan-status-area', 'aria-live': 'polite' });
  const summaryBox = h('div', { id: 'plan-summary' });
  const hoursBox = h('section', { id: 'development-hours', 'aria-labelledby': 'hours-title' });
  const actionsBox = h('section', { id: 'plan-actions', 'aria-labelledby': 'actions-title' });

  const reload = () => ctx.navigate(window.location.hash);

  function done(text) {
    const line = h('p', { class: 'success', role: 'status', id: 'plan-done', tabindex: '-1' }, text);
    status.replaceChildren(line);
    line.focus();
  }

  // a mutation's payload: false when it has errors (the caller shows them at their fields); else the page drawn from
  // the plan it answers, the success line shown and the hours read again. `box`: the sending form's status line
  function after(payload, okText, box = status) {
    if (payload.errors.length) return false;
    plan = payload.plan;
    editing = false;
    completing = null;
    if (box !== status) box.replaceChildren();
    draw();
    done(typeof okText === 'function' ? okText(plan) : okText);
    refreshHours();
    return true;
  }

  // -- facts, the requirement, the agreement ------------------------------------------------------------------------

  // who agreed, and when; before that, who is to agree (the assessing official: the direct supervisor, unless an
  // acting official or an administrator agrees in their place, whose name then shows)
  function agreedText(yes, who, at) {
    return [h('span', { class: yes ? 'agreed' : 'not-agreed' }, yes ? 'Sudah menyetujui' : 'Belum menyetujui'),
      who ? muted(` · ${who}`) : null, yes && at ? muted(` · ${dateTime(at)}`) : null];
  }

  function facts() {
    const started = plan.version > 0;
    return h('dl', { class: 'facts card', id: 'plan-facts', 'data-version': String(plan.version),
      'data-status': plan.status },
    h('dt', {}, 'Pegawai'), h('dd', { 'data-col': 'person' }, h('a', { href: personHref }, person.name),
      muted(` · NIP ${person.nip}`)),
    h('dt', {}, 'Siklus'), h('dd', { 'data-col': 'cycle' }, known
      ? `${cycle} (${CYCLE_STATUS[known.status] || 'tahap tidak dikenal'})` : String(cycle)),
    h('dt', {}, 'Status rencana'), h('dd', { 'data-col': 'status', 'data-value': plan.status },
      started ? badge(plan.status, PLAN_STATUS) : muted('Belum disusun')),
    h('dt', {}, 'Persetujuan pegawai'), h('dd', { 'data-col': 'employeeAgreed',
      'data-value': String(plan.employeeAgreed) }, agreedText(plan.employeeAgreed, person.name, plan.employeeAgreedAt)),
    h('dt', {}, 'Persetujuan pejabat penilai'), h('dd', { 'data-col': 'officialAgreed',
      'data-value': String(plan.officialAgreed) }, agreedText(plan.officialAgreed,
        plan.officialAgreed ? (plan.officialAgreedBy ? plan.officialAgreedBy.name : 'Administrator') : official,
        plan.officialAgreedAt)),
    h('dt', {}, 'JP direncanakan'), h('dd', { 'data-col': 'plannedHours', 'data-value': String(plan.plannedHours) },
      jp(plan.plannedHours)),
    h('dt', {}, 'JP dikonfirmasi'), h('dd', { 'data-col': 'confirmedHours',
      'data-value': String(plan.confirmedHours) }, jp(plan.confirmedHours)));
  }

  function requiredNotice() {
    if (!plan.requiredBy) return null;
    const period = evaluationLabel(plan.requiredBy);
    if (plan.status === 'AGREED') {
      return h('p', { class: 'notice', id: 'plan-required', 'data-period': plan.requiredBy },
        `Rencana ini diwajibkan oleh penilaian ${period} dan sudah disepakati: penilaian periode berikutnya dapat `
        + 'difinalisasi.');
    }
    return h('div', { class: 'warning', id: 'plan-required', role: 'note', 'data-period': plan.requiredBy },
      h('strong', {}, 'Wajib disepakati sebelum penilaian periode berikutnya difinalisasi.'), ' ',
      `Predikat penilaian ${period} mewajibkan rencana pengembangan ini; penilaian periode sesudahnya belum dapat `
      + 'difinalisasi sampai rencana disetujui pegawai dan pejabat penilai.');
  }

  function agreement() {
    if (editing || !plan.actions.length) return null;
    if (plan.status === 'AGREED') {
      return h('p', { class: 'notice', id: 'plan-agreement' },
        'Rencana telah disepakati pegawai dan pejabat penilai. Perubahan rencana menjadikannya draf kembali.');
    }
    const waiting = [!plan.employeeAgreed ? 'pegawai' : null, !plan.officialAgreed ? 'pejabat penilai' : null]
      .filter(Boolean);
    const line = `Menunggu persetujuan ${waiting.join(' dan ')}.`;
    if (!plan.mayAgree) return h('p', { class: 'muted', id: 'plan-agreement' }, line);
    const button = h('button', { type: 'button', id: 'plan-agree' }, 'Setujui rencana');
    button.addEventListener('click', async () => {
      const got = await sendMutation({ button, status, isCurrent, busyText: 'Menyimpan persetujuan…',
        failure: failBox }, AGREE, { nip: person.nip, cycle, version: plan.version });
      if (!got) return;
      const payload = got.agreeDevelopmentPlan;
      if (!after(payload, (p) => (p.status === 'AGREED' ? 'Rencana disepakati pegawai dan pejabat penilai.'
        : 'Persetujuan Anda tersimpan; rencana menunggu persetujuan pihak lainnya.'))) {
        showErrors(payload.errors, () => null, status, 'Persetujuan belum tersimpan.', 'plan-errors', reload);
      }
    });
    return h('section', { class: 'card form-card', id: 'plan-agreement', 'aria-labelledby': 'agree-title' },
      h('h2', { id: 'agree-title' }, 'Persetujuan rencana'),
      h('p', {}, line, ' Rencana disepakati setelah pegawai dan pejabat penilai menyetujui isi yang sama; perubahan '
        + 'sesudahnya membatalkan persetujuan.'),
      h('div', { class: 'actions' }, button));
  }

  // -- development hours ----------------------------------------------------------------------------------------------

  function drawHours() {
    hoursBox.removeAttribute('aria-busy');
    const heading = h('h2', { id: 'hours-title' }, `Jam pengembangan kompetensi tahun ${cycle}`);
    if (!hours) {
      fill(hoursBox, heading, h('p', { class: 'empty' }, 'Jam pengembangan kompetensi tidak tersedia.'));
      return;
    }
    const short = Math.max(0, hours.minimum - hours.done);
    const cell = (col, value) => h('dd', { 'data-col': col, 'data-value': String(value) }, jp(value));
    fill(hoursBox, heading,
      h('dl', { class: 'facts card', id: 'hours-facts', 'data-met': String(hours.met) },
        h('dt', {}, 'Terlaksana dan dikonfirmasi'), cell('done', hours.done),
        h('dt', {}, 'Menunggu konfirmasi'), cell('awaiting', hours.awaiting),
        h('dt', {}, 'Masih direncanakan'), cell('planned', hours.planned),
        h('dt', {}, 'Minimum setahun'), cell('minimum', hours.minimum)),
      h('p', { id: 'hours-met', class: hours.met ? 'success' : 'warning', 'data-value': String(hours.met) },
        hours.met ? `Minimum ${jp(hours.minimum)} setahun sudah terpenuhi.`
          : `Belum memenuhi minimum ${jp(hours.minimum)} setahun: kurang ${jp(short)}.`),
      h('p', { class: 'muted' }, 'Dihitung hanya jam tindakan yang selesai pada tahun ini dan sudah dikonfirmasi '
        + `pejabat penilai; setiap pegawai berhak atas pengembangan kompetensi paling sedikit ${jp(hours.minimum)} `
        + 'setahun.'));
  }

  async function refreshHours() {
    const seq = ++hoursSeq;
    hoursBox.setAttribute('aria-busy', 'true');
    let got;
    try {
      got = await gql(HOURS, { nip: person.nip, year: cycle });
    } catch (err) {
      if (!isCurrent() || seq !== hoursSeq) return;
      hoursBox.removeAttribute('aria-busy');
      hoursBox.append(failBox(err));
      return;
    }
    if (!isCurrent() || seq !== hoursSeq) return;
    hours = got.person ? got.person.developmentHours : null;
    drawHours();
  }

  // -- the actions as read --------------------------------------------------------------------------------------------

  function evidenceCell(a) {
    if (a.status === 'PLANNED') return muted('—');
    const link = safeLink(a.evidenceUrl, 'Tautan bukti');
    return [
      a.completedOn ? h('div', {}, `Selesai ${isoDateText(a.completedOn) || a.completedOn}`) : null,
      a.evidenceNumber ? h('div', {}, 'No. ', typed(a.evidenceNumber)) : null,
      link ? h('div', {}, link) : null,
      a.confirmedAt ? h('div', { class: 'muted' }, `Dikonfirmasi ${dateTime(a.confirmedAt)}`) : null,
    ];
  }

  function controls(a) {
    const out = [];
    if (a.mayComplete) {
      const open = h('button', { type: 'button', class: 'button-secondary', id: `complete-open-${a.id}`,
        'aria-expanded': String(completing === a.id) },
      a.status === 'DONE' ? 'Ubah catatan pelaksanaan' : 'Catat pelaksanaan',
      h('span', { class: 'visually-hidden' }, ` tindakan ${a.position}`));
      open.addEventListener('click', () => {
        completing = a.id;
        status.replaceChildren();
        draw();
        const first = document.getElementById('complete-hours');
        if (first) first.focus();
      });
      out.push(open);
    }
    if (a.mayConfirm) {
      const confirm = h('button', { type: 'button', id: `confirm-${a.id}` }, 'Konfirmasi',
        h('span', { class: 'visually-hidden' }, ` pelaksanaan tindakan ${a.position}`));
      confirm.addEventListener('click', async () => {
        const got = await sendMutation({ button: confirm, status, isCurrent, busyText: 'Mengonfirmasi…',
          failure: failBox }, CONFIRM, { action: a.id, version: plan.version });
        if (!got) return;
        const payload = got.confirmDevelopmentAction;
        if (!after(payload, `Pelaksanaan tindakan ${a.position} dikonfirmasi; jamnya dihitung dalam jam `
          + 'pengembangan kompetensi.')) {
          showErrors(payload.errors, () => null, status, 'Konfirmasi belum tersimpan.', 'plan-errors', reload);
        }
      });
      out.push(confirm);
    }
    return out.length ? h('div', { class: 'actions row-actions' }, out) : null;
  }

  function actionsTable() {
    if (!plan.actions.length) {
      return h('p', { class: 'empty', id: 'actions-empty' }, 'Belum ada tindakan pengembangan pada rencana ini.');
    }
    const headings = ['No.', 'Jenis', 'Uraian', 'Kompetensi', 'JP rencana', 'Tenggat', 'Penanggung jawab', 'Asal',
      'Status', 'JP terlaksana', 'Bukti'];
    const numeric = new Set(['No.', 'JP rencana', 'JP terlaksana']);
    // a wide table scrolls in its box: the box takes the keyboard's focus to scroll it (a table of a plan nobody
    // acts on has nothing else to focus), named by the caption
    return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'actions-caption' },
      h('table', { id: 'actions-table', class: 'development-actions' },
        h('caption', { id: 'actions-caption' }, `Tindakan pengembangan (${plan.actions.length})`),
        h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col', class: numeric.has(t) ? 'num' : null },
          t)))),
        h('tbody', {}, plan.actions.map((a) => h('tr', { 'data-action': a.id, 'data-status': a.status,
          'data-kind': a.kind },
        h('th', { scope: 'row', class: 'num', 'data-col': 'position' }, String(a.position)),
        h('td', { 'data-col': 'kind', 'data-value': a.kind }, ACTION_KIND[a.kind] || 'Lainnya'),
        h('td', { 'data-col': 'title' }, typed(a.title)),
        h('td', { 'data-col': 'competency' }, a.competency ? typed(a.competency) : muted('—')),
        h('td', { class: 'num', 'data-col': 'plannedHours', 'data-value': String(a.plannedHours) },
          num(a.plannedHours, 0)),
        h('td', { 'data-col': 'due', 'data-value': a.due || '' }, a.due ? isoDateText(a.due) || a.due : muted('—')),
        h('td', { 'data-col': 'responsible' }, a.responsible ? typed(a.responsible) : muted('—')),
        h('td', { 'data-col': 'source', 'data-value': a.source }, sourceText(a)),
        // what the viewer may do next sits with the status, where a wide table's scrolling never hides it
        h('td', { 'data-col': 'status', 'data-value': a.status }, badge(a.status, ACTION_STATUS), controls(a)),
        h('td', { class: 'num', 'data-col': 'hoursDone',
          'data-value': a.hoursDone === null ? '' : String(a.hoursDone) },
        a.hoursDone === null ? muted('—') : num(a.hoursDone, 0)),
        h('td', { 'data-col': 'evidence' }, evidenceCell(a)))))));
  }

  // -- recording a completion -----------------------------------------------------------------------------------------

  function completionForm(a) {
    const hoursInput = h('input', { id: 'complete-hours', name: 'hoursDone', type: 'number', min: '0',
      max: String(HOURS_MAX), step: '1', inputmode: 'numeric', autocomplete: 'off',
      value: String(a.hoursDone === null ? a.plannedHours : a.hoursDone) });
    const day = h('input', { id: 'complete-date', name: 'completedOn', type: 'date', value: a.completedOn || '' });
    const number = h('input', { id: 'complete-number', name: 'evidenceNumber', type: 'text', autocomplete: 'off',
      maxlength: String(EVIDENCE_NUMBER_MAX), value: a.evidenceNumber || '' });
    const url = h('input', { id: 'complete-url', name: 'evidenceUrl', type: 'url', autocomplete: 'off',
      maxlength: String(URL_MAX), value: a.evidenceUrl || '' });
    const save = h('button', { type: 'submit', id: 'complete-save' }, 'Simpan pelaksanaan');
    const cancel = h('button', { type: 'button', class: 'button-secondary', id: 'complete-cancel' }, 'Batal');
    const formStatus = h('div', { id: 'complete-status', 'aria-live': 'polite' });
    const fields = { hoursDone: hoursInput, completedOn: day, evidenceNumber: number, evidenceUrl: url };
    const form = h('form', { id: 'complete-form', class: 'card form-card', novalidate: true,
      'data-action': a.id, 'aria-labelledby': 'complete-title' },
    h('h3', { id: 'complete-title' }, `Catat pelaksanaan tindakan ${a.position}`),
    h('p', {}, typed(a.title)),
    h('p', { class: 'muted' }, 'Jam pelaksanaan dihitung setelah dikonfirmasi pejabat penilai.'),
    h('div', { class: 'field-grid' },
      labelled(hoursInput, 'JP terlaksana', `0 sampai ${HOURS_MAX} jam pelajaran.`),
      labelled(day, 'Tanggal selesai', 'Tidak boleh melewati hari ini.')),
    labelled(number, 'Nomor sertifikat atau bukti', 'Opsional.'),
    labelled(url, 'Tautan bukti', 'Opsional; alamat http:// atau https://.'),
    formStatus, h('div', { class: 'actions' }, save, cancel));
    cancel.addEventListener('click', () => {
      completing = null;
      draw();
      const back = document.getElementById(`complete-open-${a.id}`);
      if (back) back.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      Object.values(fields).forEach((el) => fieldError(el, null));
      formStatus.replaceChildren();
      const missing = [];
      const hoursText = hoursInput.value.trim();
      if (!hoursText) missing.push([hoursInput, 'Wajib diisi.']);
      else if (!WHOLE.test(hoursText)) missing.push([hoursInput, 'Isi jumlah JP dengan bilangan bulat.']);
      if (!day.value) missing.push([day, 'Wajib diisi.']);
      if (missing.length) {
        missing.forEach(([el, text]) => fieldError(el, text));
        missing[0][0].focus();
        return;
      }
      const input = {
        action: a.id, version: plan.version, hoursDone: Number(hoursText), completedOn: day.value,
        evidenceNumber: number.value.trim() || null, evidenceUrl: url.value.trim() || null,
      };
      const got = await sendMutation({ button: save, status: formStatus, isCurrent, failure: failBox }, COMPLETE,
        { input });
      if (!got) return;
      const payload = got.completeDevelopmentAction;
      if (!after(payload, `Pelaksanaan tindakan ${a.position} tercatat; menunggu konfirmasi pejabat penilai.`,
        formStatus)) {
        showErrors(payload.errors, (path) => fields[path[path.length - 1]] || null, formStatus,
          'Pelaksanaan belum tercatat.', 'complete-errors', reload);
      }
    });
    return form;
  }

  // -- the editor -----------------------------------------------------------------------------------------------------

  function editorForm() {
    const model = plan.actions.map(modelOf);
    const fields = new Map(); // an error's path ('actions.2.title') -> its element
    const list = h('div', { id: 'plan-editor-actions' });
    const formStatus = h('div', { id: 'plan-edit-status', 'aria-live': 'polite' });
    const add = h('button', { type: 'button', class: 'button-secondary', id: 'plan-add' }, 'Tambah tindakan');
    const save = h('button', { type: 'submit', id: 'plan-save' }, 'Simpan rencana');
    const cancel = h('button', { type: 'button', class: 'button-secondary', id: 'plan-cancel' }, 'Batal');

    function control(tag, id, value, onInput, attrs = {}) {
      const el = h(tag, { id, name: id, autocomplete: tag === 'input' ? 'off' : null, ...attrs });
      el.value = value;
      el.addEventListener(tag === 'select' ? 'change' : 'input', () => onInput(el.value));
      return el;
    }

    function move(i, step) {
      const [taken] = model.splice(i, 1);
      model.splice(i + step, 0, taken);
      drawList();
      const again = document.getElementById(`action-${i + step}-${step < 0 ? 'up' : 'down'}`);
      const focus = again && !again.disabled ? again : document.getElementById(`action-${i + step}`);
      if (focus) focus.focus();
    }

    function actionFields(m, i) {
      const base = `action-${i}`;
      const path = `actions.${i}`;
      const planned = m.status === 'PLANNED';
      const box = h('fieldset', { class: 'choices development-action', id: base, tabindex: '-1',
        'data-action': m.id || '', 'data-status': m.status },
      h('legend', {}, `Tindakan ${i + 1}${m.id ? '' : ' (baru)'}`));
      fields.set(path, box);
      fields.set(`${path}.id`, box);
      if (planned) {
        const kind = control('select', `${base}-kind`, m.kind, (v) => { m.kind = v; });
        kind.append(...Object.entries(ACTION_KIND).map(([code, text]) => h('option', { value: code }, text)));
        kind.value = m.kind;
        const titleInput = control('textarea', `${base}-title`, m.title, (v) => { m.title = v; },
          { rows: '2', maxlength: String(TITLE_MAX) });
        const competency = control('input', `${base}-competency`, m.competency, (v) => { m.competency = v; },
          { type: 'text', maxlength: String(COMPETENCY_MAX) });
        const plannedHours = control('input', `${base}-hours`, m.plannedHours, (v) => { m.plannedHours = v; },
          { type: 'number', min: '0', max: String(HOURS_MAX), step: '1', inputmode: 'numeric' });
        const due = control('input', `${base}-due`, m.due, (v) => { m.due = v; }, { type: 'date' });
        const responsible = control('input', `${base}-responsible`, m.responsible, (v) => { m.responsible = v; },
          { type: 'text', maxlength: String(RESPONSIBLE_MAX) });
        fields.set(`${path}.kind`, kind);
        fields.set(`${path}.title`, titleInput);
        fields.set(`${path}.competency`, competency);
        fields.set(`${path}.plannedHours`, plannedHours);
        fields.set(`${path}.due`, due);
        fields.set(`${path}.responsible`, responsible);
        box.append(...[
          labelled(kind, 'Jenis tindakan'),
          labelled(titleInput, 'Uraian'),
          h('div', { class: 'field-grid' },
            labelled(competency, 'Kompetensi yang dikembangkan', 'Opsional.'),
            labelled(responsible, 'Penanggung jawab', 'Opsional.'),
            labelled(plannedHours, 'JP rencana', `0 sampai ${HOURS_MAX} jam pelajaran.`),
            labelled(due, 'Tenggat', 'Opsional.')),
          m.read ? h('p', { class: 'muted' }, sourceText(m.read)) : null].filter(Boolean));
      } else {
        const a = m.read;
        box.append(
          h('p', {}, h('strong', {}, ACTION_KIND[a.kind] || 'Lainnya'), ' · ', typed(a.title)),
          h('p', { class: 'muted' }, `${ACTION_STATUS[a.status]}: tindakan yang sudah dilaksanakan tidak dapat diubah `
            + 'atau dihapus.'));
      }
      const up = h('button', { type: 'button', class: 'button-secondary', id: `${base}-up`, disabled: i === 0 },
        'Naikkan', h('span', { class: 'visually-hidden' }, ` tindakan ${i + 1}`));
      const down = h('button', { type: 'button', class: 'button-secondary', id: `${base}-down`,
        disabled: i === model.length - 1 }, 'Turunkan', h('span', { class: 'visually-hidden' }, ` tindakan ${i + 1}`));
      up.addEventListener('click', () => move(i, -1));
      down.addEventListener('click', () => move(i, 1));
      const remove = planned ? h('button', { type: 'button', class: 'button-secondary', id: `${base}-remove` },
        `Hapus tindakan ${i + 1}`) : null;
      if (remove) {
        remove.addEventListener('click', () => {
          model.splice(i, 1);
          drawList();
          const next = document.getElementById(`action-${Math.min(i, model.length - 1)}`) || add;
          next.focus();
        });
      }
      box.append(h('div', { class: 'actions' }, up, down, remove));
      return box;
    }

    function drawList() {
      fields.clear();
      fill(list, model.length ? model.map(actionFields)
        : h('p', { class: 'empty', id: 'plan-editor-empty' }, 'Belum ada tindakan. Tambahkan tindakan pengembangan.'));
      add.disabled = model.length >= ACTIONS_MAX;
    }

    add.addEventListener('click', () => {
      model.push(newAction());
      drawList();
      const first = document.getElementById(`action-${model.length - 1}-kind`);
      if (first) first.focus();
    });
    cancel.addEventListener('click', () => {
      editing = false;
      status.replaceChildren();
      draw();
      const back = document.getElementById('plan-edit');
      if (back) back.focus();
    });

    const agreedBefore = plan.status === 'AGREED' || plan.employeeAgreed || plan.officialAgreed;
    const form = h('form', { id: 'plan-form', novalidate: true, 'aria-labelledby': 'plan-form-title' },
      h('h3', { id: 'plan-form-title' }, 'Ubah rencana'),
      agreedBefore ? h('p', { class: 'warning', id: 'plan-edit-warning' }, 'Menyimpan perubahan menjadikan rencana '
        + 'draf kembali dan membatalkan persetujuan yang sudah diberikan; pegawai dan pejabat penilai perlu '
        + 'menyetujuinya lagi.') : null,
      list,
      h('div', { class: 'actions' }, add),
      formStatus,
      h('div', { class: 'actions' }, save, cancel));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      form.querySelectorAll('[aria-invalid="true"]').forEach((el) => fieldError(el, null));
      formStatus.replaceChildren();
      const wrong = [];
      const actions = model.map((m, i) => {
        if (m.status !== 'PLANNED') {
          // listed unchanged, exactly as read
          const a = m.read;
          return { id: a.id, kind: a.kind, title: a.title, competency: a.competency, plannedHours: a.plannedHours,
            due: a.due, responsible: a.responsible };
        }
        const hoursText = m.plannedHours.trim();
        if (hoursText && !WHOLE.test(hoursText)) wrong.push(fields.get(`actions.${i}.plannedHours`));
        return { id: m.id, kind: m.kind, title: m.title, competency: m.competency.trim() || null,
          plannedHours: hoursText && WHOLE.test(hoursText) ? Number(hoursText) : 0, due: m.due || null,
          responsible: m.responsible.trim() || null };
      });
      if (wrong.length) {
        wrong.forEach((el) => fieldError(el, 'Isi jumlah JP dengan bilangan bulat.'));
        wrong[0].focus();
        return;
      }
      const got = await sendMutation({ button: save, status: formStatus, isCurrent, failure: failBox }, SAVE,
        { nip: person.nip, cycle, version: plan.version, actions });
      if (!got) return;
      const payload = got.saveDevelopmentPlan;
      if (!after(payload, (p) => (p.actions.length ? 'Rencana tersimpan sebagai draf; rencana perlu disetujui '
        + 'pegawai dan pejabat penilai.' : 'Rencana tersimpan tanpa tindakan.'), formStatus)) {
        const fieldOf = (path) => fields.get(path.join('.')) || (path[0] === 'actions' && path.length > 2
          ? fields.get(`actions.${path[1]}`) : null) || null;
        showErrors(payload.errors, fieldOf, formStatus, 'Rencana belum tersimpan.', 'plan-edit-errors', reload);
      }
    });
    drawList();
    return form;
  }

  // -- the page -------------------------------------------------------------------------------------------------------

  function actionsSection() {
    const open = plan.mayEdit && !editing ? h('button', { type: 'button', class: 'button-secondary', id: 'plan-edit' },
      plan.actions.length ? 'Ubah rencana' : 'Susun rencana') : null;
    if (open) {
      open.addEventListener('click', () => {
        editing = true;
        completing = null;
        status.replaceChildren();
        draw();
        const first = document.querySelector('#plan-form input, #plan-form select, #plan-form textarea')
          || document.getElementById('plan-add');
        if (first) first.focus();
      });
    }
    const action = completing ? plan.actions.find((a) => a.id === completing && a.mayComplete) : null;
    const heading = h('h2', { id: 'actions-title' }, 'Tindakan pengembangan');
    if (editing) return [heading, editorForm()];
    return [heading, open ? h('div', { class: 'actions' }, open) : null, actionsTable(),
      action ? completionForm(action) : null];
  }

  function draw() {
    fill(summaryBox, facts(), requiredNotice(), agreement());
    fill(actionsBox, actionsSection());
  }

  fill(root,
    h('p', {}, h('a', { href: personHref }, '‹ Profil pegawai')),
    h('h1', {}, `${title} · ${person.name} · ${cycle}`),
    status, summaryBox, hoursBox, actionsBox);
  draw();
  drawHours();
}
