// Own self-assessment (#/self/<period>): period chooser, the rating and notes form, versioned create/update.

import { gql } from '../api.js';
import { can } from '../roles.js';
import { h, loading, errorBox, fill, badge, PREDIKAT, CYCLE_STAGE, evaluationLabel } from '../ui.js';
import { isCurrentOf } from '../forms.js';
import {
  PERIOD_RE, ASSESSMENT_FIELDS, assessmentFields, assessmentForm, assessmentSummary,
} from '../assessment_form.js';

export const PAGE = `query($nip: String!, $period: String!) {
  cycles { year status periods }
  person(nip: $nip) { nip name position rating(period: $period) { period predikat finalizedAt } }
  assessments(period: $period, nip: $nip) { ${ASSESSMENT_FIELDS} }
}`;

export const CYCLES = '{ cycles { year status periods } }';

export const SUBMIT = `mutation($input: AssessmentInput!) {
  submitSelfAssessment(input: $input) { assessment { ${ASSESSMENT_FIELDS} } errors { path code message } }
}`;

export const READ = `query($nip: String!, $period: String!) { assessments(period: $period, nip: $nip) { ${ASSESSMENT_FIELDS} } }`;


// the saved self-assessment as a read-only summary (a period closed to writes), or a line saying there is none
function readOnly(saved, period) {
  return h('section', { class: 'card form-card', id: 'self-summary', 'aria-labelledby': 'self-summary-title' },
    h('h2', { id: 'self-summary-title' }, `Penilaian diri ${evaluationLabel(period)}`),
    saved ? assessmentSummary(saved, 'self-summary-body')
      : h('p', { class: 'empty', id: 'self-summary-empty' }, 'Tidak ada penilaian diri yang tersimpan untuk periode ini.'));
}

function ownSelf(list) {
  return (list || []).find((a) => a.kind === 'SELF') || null;
}

// a chooser of the periods of the cycles in EVALUATION (all cycles when none is)
function periodChooser(cycles, current, ctx) {
  const evaluating = cycles.filter((c) => c.status === 'EVALUATION');
  const shown = (evaluating.length ? evaluating : cycles).slice().sort((a, b) => b.year - a.year);
  const select = h('select', { id: 'self-period-choice', name: 'period' },
    shown.map((c) => h('optgroup', { label: `Siklus ${c.year} (${CYCLE_STAGE[c.status] || c.status})` },
      c.periods.map((p) => h('option', { value: p, selected: p === current }, evaluationLabel(p))))));
  const form = h('form', { class: 'field-inline', id: 'self-period-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'self-period-choice' }, 'Periode'), select),
    h('button', { type: 'submit', class: 'button-secondary', id: 'self-period-go' }, 'Tampilkan'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.value) ctx.navigate(`#/self/${encodeURIComponent(select.value)}`);
  });
  return h('div', {},
    evaluating.length ? null : h('p', { class: 'notice' }, 'Tidak ada siklus dalam tahap evaluasi: penilaian diri '
      + `hanya dapat diisi saat siklus berada pada tahap ${CYCLE_STAGE.EVALUATION}.`),
    form);
}

export async function render(root, params, ctx) {
  const isCurrent = isCurrentOf(ctx);
  const period = params.period || '';
  document.title = 'Penilaian diri · Kinerja';
  const me = ctx && ctx.viewer && ctx.viewer.person;
  if (!me || !can(ctx.viewer, 'selfService')) {
    root.replaceChildren(h('h1', {}, 'Penilaian diri'),
      h('p', { class: 'notice' }, 'Penilaian diri diisi oleh pegawai sendiri (akun pegawai).'));
    return;
  }
  loading(root);
  let data;
  try {
    data = PERIOD_RE.test(period) ? await gql(PAGE, { nip: me.nip, period }) : await gql(CYCLES);
  } catch (err) {
    if (isCurrent()) root.replaceChildren(h('h1', {}, 'Penilaian diri'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const cycles = data.cycles || [];
  const chooser = periodChooser(cycles, period, ctx);
  const cycle = cycles.find((c) => c.periods.includes(period));
  if (!cycle) {
    root.replaceChildren(h('h1', {}, 'Penilaian diri'),
      h('p', { class: 'notice', role: 'status' }, period
        ? `"${period}" bukan periode siklus mana pun; pilih periode.` : 'Pilih periode.'),
      chooser);
    return;
  }
  document.title = `Penilaian diri ${evaluationLabel(period)} · Kinerja`;
  const rating = data.person && data.person.rating;
  const open = cycle.status === 'EVALUATION' && !rating;
  let saved = ownSelf(data.assessments);

  // closed to writes (finalized, or the cycle not in evaluation): what was saved, read only; no greyed-out form
  const fields = assessmentFields('self');
  fields.fill(saved);
  const { form } = open ? assessmentForm({
    prefix: 'self', fields, title: `Penilaian diri ${evaluationLabel(period)}`, whose: 'Penilaian diri',
    legend: 'Isian penilaian diri', buttonText: 'Simpan penilaian diri', disabled: !open,
    mutation: SUBMIT, field: 'submitSelfAssessment', base: { nip: me.nip, period }, isCurrent,
    getSaved: () => saved,
    setSaved: (a) => { saved = a; },
    reload: async () => ownSelf((await gql(READ, { nip: me.nip, period })).assessments),
  }) : { form: readOnly(saved, period) };

  const notices = [];
  if (rating) {
    notices.push(h('p', { class: 'notice', role: 'status', id: 'self-finalized' },
      'Nilai kinerja periode ini sudah difinalisasi: ', badge(rating.predikat, PREDIKAT),
      '. Penilaian diri tidak dapat diubah lagi.'));
  } else if (cycle.status !== 'EVALUATION') {
    notices.push(h('p', { class: 'notice', role: 'status', id: 'self-closed' },
      `Siklus ${cycle.year} sedang tahap ${CYCLE_STAGE[cycle.status] || cycle.status}: penilaian diri hanya dapat `
      + 'diisi saat tahap evaluasi.'));
  }
  fill(root,
    h('h1', {}, 'Penilaian diri'),
    h('p', { class: 'lead' }, `${data.person ? data.person.name : me.name} · ${data.person ? data.person.position : ''}`),
    chooser,
    notices,
    form);
}
