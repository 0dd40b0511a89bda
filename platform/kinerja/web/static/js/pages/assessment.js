// Supervisor assessment (#/assess/<nip>/<period>): context (for a unit head, the unit-head rule: the unit's results
// are the head's), the assessment form, finalization.

import { gql } from '../api.js';
import {
  h, loading, errorBox, fieldError, fill, badge, unitText, EXPECTATION, PREDIKAT, CYCLE_STAGE, num, dateTime,
  evaluationLabel, ORG_PREDIKAT,
} from '../ui.js';
import { isCurrentOf, sendMutation } from '../forms.js';
import {
  PERIOD_RE, ASSESSMENT_FIELDS, FORM_CODE_TEXT, errorText, errorList, assessmentSummary, assessmentFields,
  assessmentForm,
} from '../assessment_form.js';

const RATING_FIELDS = `period predikat resultRating behaviorRating suggestedResultRating suggestionReason
  overrideReason curveJustification curveWarnings finalizedAt recommendations`;

export const CONTEXT = `query($nip: String!, $period: String!) {
  assessmentContext(nip: $nip, period: $period) {
    person { nip name position unit { code name } agency { code name } rating(period: $period) { ${RATING_FIELDS} } }
    selfAssessment { ${ASSESSMENT_FIELDS} }
    supervisorAssessment { ${ASSESSMENT_FIELDS} }
    suggestion { rating reason measurements { period value achievement suggestedRating
      target { id indicator { code name unit } } } }
    headsUnit
    unitHead { unit { code name } orgPredikat fromOrgPredikat basis
      suggestion { rating measurements { period value achievement suggestedRating
        target { id indicator { code name unit } } } } }
    unitSatisfaction { period index grade label respondents }
    rhk { key kind workResult }
    resultsSuggestion { rating reason }
  }
  cycles { year status periods }
}`;

export const SUBMIT = `mutation($input: AssessmentInput!) {
  submitSupervisorAssessment(input: $input) { assessment { ${ASSESSMENT_FIELDS} } errors { path code message } }
}`;

export const FINALIZE = `mutation($input: FinalizeInput!) {
  finalizeRating(input: $input) { rating { ${RATING_FIELDS} } warnings errors { path code message params } }
}`;

// -- the page --------------------------------------------------------------------------------------------------------

function personCard(p) {
  return h('section', { class: 'card form-card', 'aria-labelledby': 'assess-person-title' },
    h('h2', { id: 'assess-person-title' }, 'Pegawai'),
    h('dl', { class: 'facts', id: 'assess-person' },
      h('dt', {}, 'Nama'), h('dd', {}, h('a', { href: `#/person/${encodeURIComponent(p.nip)}` }, p.name)),
      h('dt', {}, 'NIP'), h('dd', { class: 'code' }, p.nip),
      h('dt', {}, 'Jabatan'), h('dd', {}, p.position),
      h('dt', {}, 'Unit'), h('dd', {}, p.unit ? p.unit.name : '—'),
      h('dt', {}, 'Perangkat daerah'), h('dd', {}, p.agency ? p.agency.name : '—')));
}

function selfCard(a) {
  return h('section', { class: 'card form-card', 'aria-labelledby': 'assess-self-title', id: 'assess-self' },
    h('h2', { id: 'assess-self-title' }, 'Penilaian diri pegawai'),
    a ? assessmentSummary(a) : h('p', { class: 'empty' }, 'Belum ada penilaian diri.'));
}

function suggestionCard(s) {
  const ms = s.measurements || [];
  const count = (r) => ms.filter((m) => m.suggestedRating === r).length;
  const summary = ms.length
    ? `Dihitung dari ${ms.length} pengukuran: ${count('DI_ATAS_EKSPEKTASI')} di atas, ${count('SESUAI_EKSPEKTASI')} `
      + `sesuai, ${count('DI_BAWAH_EKSPEKTASI')} di bawah ekspektasi.`
    : 'Tidak ada pengukuran untuk periode ini.';
  return h('section', { class: 'card form-card', 'aria-labelledby': 'assess-suggestion-title', id: 'assess-suggestion',
    'data-rating': s.rating || '' },
  h('h2', { id: 'assess-suggestion-title' }, 'Saran penilaian hasil kerja'),
  h('p', {}, s.rating ? badge(s.rating, EXPECTATION) : h('span', { class: 'empty' }, 'Belum ada saran.')),
  h('p', {}, summary),
  h('p', { class: 'muted detail' }, `Dasar saran (server): ${s.reason}`),
  ms.length ? measurementTable(ms, 'Pengukuran yang menjadi dasar saran') : null);
}

function measurementTable(ms, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Indikator'), h('th', { scope: 'col' }, 'Periode'),
      h('th', { scope: 'col', class: 'num' }, 'Realisasi'), h('th', { scope: 'col', class: 'num' }, 'Capaian'),
      h('th', { scope: 'col' }, 'Saran'))),
    h('tbody', {}, ms.map((m) => h('tr', {},
      h('td', {}, m.target.indicator.name, ' ', h('span', { class: 'code' }, m.target.indicator.code)),
      h('td', {}, m.period),
      h('td', { class: 'num' }, `${num(m.value)} ${unitText(m.target.indicator.unit)}`),
      h('td', { class: 'num' }, `${num(m.achievement)} %`),
      h('td', {}, badge(m.suggestedRating, EXPECTATION)))))));
}

// the unit-head rule (SE MenPANRB 3/2023): the person heads a unit, whose results are theirs; the suggestion follows
// the unit's organisation predikat when it has one, else the unit's indicator achievement (all said in Indonesian
// from the fields: the server's reason is not shown)
function unitHeadCard(u, personName) {
  const s = u.suggestion;
  const ms = s.measurements || [];
  const count = (r) => ms.filter((m) => m.suggestedRating === r).length;
  const tally = `${ms.length} pengukuran: ${count('DI_ATAS_EKSPEKTASI')} di atas, ${count('SESUAI_EKSPEKTASI')} sesuai, `
    + `${count('DI_BAWAH_EKSPEKTASI')} di bawah ekspektasi`;
  const org = u.orgPredikat ? ORG_PREDIKAT[u.orgPredikat] : null;
  const basis = {
    ORG_PREDIKAT: `Saran mengikuti predikat organisasi unit "${org}": ${EXPECTATION[s.rating]}.`,
    ACHIEVEMENTS: `Predikat organisasi unit belum ditetapkan; saran dihitung dari capaian indikator unit (${tally}).`,
    PLUGIN: 'Saran berasal dari aturan tambahan (plugin) atas kinerja unit'
      + (org ? ` (predikat organisasi unit "${org}").` : '.'),
    NOTHING: 'Predikat organisasi unit belum ditetapkan dan belum ada capaian indikator unit pada periode ini, '
      + 'sehingga belum ada saran dari kinerja unit.',
  }[u.basis] || '';
  return h('section', { class: 'card form-card unit-head-rule', 'aria-labelledby': 'assess-unit-head-title',
    id: 'assess-unit-head', 'data-basis': u.basis, 'data-rating': s.rating || '' },
  h('h2', { id: 'assess-unit-head-title' }, `Kepala unit: hasil kerja mengikuti kinerja unit ${u.unit.name}`),
  h('p', {}, `${personName} memimpin ${u.unit.name}. Hasil kerja unit adalah hasil kerja kepala unit.`),
  h('dl', { class: 'facts' },
    h('dt', {}, 'Predikat organisasi unit'), h('dd', { id: 'unit-head-org' },
      u.orgPredikat ? badge(u.orgPredikat, ORG_PREDIKAT) : h('span', { class: 'muted' }, 'Belum ditetapkan')),
    h('dt', {}, 'Saran hasil kerja'), h('dd', { id: 'unit-head-rating' },
      s.rating ? badge(s.rating, EXPECTATION) : h('span', { class: 'muted' }, 'Belum ada saran')),
    h('dt', {}, 'Capaian indikator unit'), h('dd', {}, ms.length ? tally : 'Belum ada pengukuran.')),
  h('p', { id: 'unit-head-basis' }, basis),
  ms.length ? measurementTable(ms, 'Capaian indikator unit pada periode ini') : null);
}

// the suggestion from the per-RHK ratings (the evaluation form's rule), which the rating is checked against
function resultsSuggestionCard(s) {
  return h('section', { class: 'card form-card', 'aria-labelledby': 'assess-suggestion-title', id: 'assess-suggestion',
    'data-rating': s.rating, 'data-basis': 'rhk' },
  h('h2', { id: 'assess-suggestion-title' }, 'Saran penilaian hasil kerja dari penilaian per RHK'),
  h('p', {}, badge(s.rating, EXPECTATION)),
  h('p', {}, s.reason));
}

function ikmCard(ikm) {
  return h('section', { class: 'card form-card', 'aria-labelledby': 'assess-ikm-title', id: 'assess-ikm' },
    h('h2', { id: 'assess-ikm-title' }, 'Indeks Kepuasan Masyarakat (IKM) unit yang dipimpin'),
    ikm && ikm.respondents
      ? h('dl', { class: 'facts' },
        h('dt', {}, 'Indeks'), h('dd', {}, num(ikm.index)),
        h('dt', {}, 'Mutu'), h('dd', {}, badge(ikm.grade, { [ikm.grade]: `${ikm.grade} (${ikm.label})` })),
        h('dt', {}, 'Responden'), h('dd', {}, num(ikm.respondents, 0)))
      : h('p', { class: 'empty' }, 'Belum ada responden survei untuk periode ini.'));
}

function ratingResult(rating, warnings, nip) {
  const allWarnings = warnings && warnings.length ? warnings : (rating.curveWarnings || []);
  return h('section', { class: 'card form-card', 'aria-labelledby': 'final-result-title', id: 'final-result',
    'data-predikat': rating.predikat },
  h('h2', { id: 'final-result-title' }, 'Nilai kinerja telah difinalisasi'),
  h('dl', { class: 'facts' },
    h('dt', {}, 'Predikat'), h('dd', { id: 'final-predikat' }, badge(rating.predikat, PREDIKAT)),
    h('dt', {}, 'Hasil kerja'), h('dd', {}, badge(rating.resultRating, EXPECTATION)),
    h('dt', {}, 'Perilaku kerja'), h('dd', {}, badge(rating.behaviorRating, EXPECTATION)),
    h('dt', {}, 'Saran hasil kerja'), h('dd', {}, badge(rating.suggestedResultRating, EXPECTATION)),
    rating.overrideReason ? [h('dt', {}, 'Alasan berbeda dari saran'), h('dd', {}, rating.overrideReason)] : null,
    rating.curveJustification ? [h('dt', {}, 'Justifikasi kurva'), h('dd', {}, rating.curveJustification)] : null,
    h('dt', {}, 'Difinalisasi'), h('dd', {}, dateTime(rating.finalizedAt))),
  allWarnings.length ? h('div', { class: 'warning', id: 'final-warnings' },
    h('strong', {}, 'Peringatan kurva distribusi'),
    h('ul', { class: 'warnings' }, allWarnings.map((w) => h('li', {}, w)))) : null,
  h('h3', {}, 'Rekomendasi pengembangan'),
  rating.recommendations && rating.recommendations.length
    ? h('ul', { id: 'final-recommendations' }, rating.recommendations.map((r) => h('li', {}, r)))
    : h('p', { class: 'empty', id: 'final-recommendations' }, 'Tidak ada rekomendasi.'),
  h('p', {}, h('a', { href: `#/person/${encodeURIComponent(nip)}`, id: 'final-back' }, 'Kembali ke halaman pegawai')));
}

export async function render(root, params, ctx) {
  const isCurrent = isCurrentOf(ctx);
  const nip = params.nip;
  const period = params.period;
  document.title = `Penilaian ${period} · Kinerja`;
  if (!PERIOD_RE.test(period || '')) {
    root.replaceChildren(h('h1', {}, 'Penilaian kinerja'),
      errorBox(`Periode "${period}" tidak valid: gunakan TTTT, TTTT-Qn atau TTTT-BB.`));
    return;
  }
  const me = ctx && ctx.viewer && ctx.viewer.person;
  if (me && me.nip === nip) {
    root.replaceChildren(h('h1', {}, 'Penilaian kinerja'),
      h('p', { class: 'notice', id: 'assess-own' }, 'Ini halaman penilaian oleh atasan. Penilaian Anda sendiri diisi di ',
        h('a', { href: `#/self/${encodeURIComponent(period)}` }, `Penilaian diri ${period}`), '.'));
    return;
  }
  loading(root);
  let data;
  try {
    data = await gql(CONTEXT, { nip, period });
  } catch (err) {
    if (isCurrent()) root.replaceChildren(h('h1', {}, 'Penilaian kinerja'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const context = data.assessmentContext;
  if (!context) {
    root.replaceChildren(h('h1', {}, 'Penilaian kinerja'),
      errorBox('Pegawai tidak ditemukan atau di luar wewenang Anda.'));
    return;
  }
  const person = context.person;
  const suggestion = context.suggestion;  // the unit-head rule's when it gives one (the server decides)
  const unitHead = context.unitHead;
  const unitRule = Boolean(unitHead && unitHead.suggestion.rating);
  const cycle = (data.cycles || []).find((c) => c.year === Number(period.slice(0, 4)));
  const open = cycle && cycle.status === 'EVALUATION';
  let saved = context.supervisorAssessment;
  let rating = person.rating;
  document.title = `Penilaian ${person.name} ${period} · Kinerja`;

  // -- the assessment form
  const fields = assessmentFields('assess', { suggestion: suggestion.rating, rhk: context.rhk || [] });
  fields.fill(saved, { resultRating: (unitRule ? suggestion : context.resultsSuggestion || suggestion).rating });
  const { form, formBody, button: saveButton } = assessmentForm({
    prefix: 'assess', fields, title: 'Penilaian atasan', whose: 'Penilaian atasan', legend: 'Isian penilaian',
    buttonText: 'Simpan penilaian', mutation: SUBMIT, field: 'submitSupervisorAssessment',
    base: { nip: person.nip, period }, isCurrent,
    getSaved: () => saved,
    setSaved: (a) => { saved = a; refresh(); },
    reload: async () => {
      const again = await gql(CONTEXT, { nip, period });
      const c = again.assessmentContext;
      if (c && c.person.rating) rating = c.person.rating;
      return c ? c.supervisorAssessment : null;
    },
  });

  // -- finalization
  const override = h('textarea', { id: 'final-override', name: 'overrideReason', rows: '3' });
  const overrideField = h('div', { class: 'field', id: 'final-override-field', hidden: true },
    h('label', { for: 'final-override' }, 'Alasan berbeda dari saran'),
    h('p', { class: 'muted' }, 'Wajib diisi karena penilaian hasil kerja berbeda dari saran.'), override);
  const justification = h('textarea', { id: 'final-justification', name: 'curveJustification', rows: '3' });
  const curveBox = h('div', { id: 'final-curve', 'aria-live': 'polite' });
  const justificationField = h('div', { class: 'field', id: 'final-justification-field', hidden: true },
    h('label', { for: 'final-justification' }, 'Justifikasi kurva'), justification);
  const finalButton = h('button', { type: 'submit', id: 'final-submit' }, 'Finalisasi');
  const finalStatus = h('div', { id: 'final-status', 'aria-live': 'polite' });
  const finalHint = h('p', { class: 'muted', id: 'final-hint' });
  const confirmBox = h('div', { id: 'final-confirm' });
  const finalForm = h('form', { class: 'card form-card', id: 'final-form', novalidate: true, 'aria-labelledby': 'final-title' },
    h('h2', { id: 'final-title' }, 'Finalisasi'),
    h('p', { class: 'muted' }, 'Finalisasi menetapkan predikat dari penilaian atasan yang tersimpan; setelah itu '
      + 'penilaian tidak dapat diubah lagi.'),
    finalHint, overrideField, curveBox, justificationField, finalStatus, h('div', { class: 'actions' }, finalButton),
    confirmBox);

  // a last question before the rating is fixed for good: what will be final, "Ya, tetapkan" or "Batal"
  const confirmFinal = () => new Promise((resolve) => {
    const yes = h('button', { type: 'button', id: 'final-confirm-yes' }, 'Ya, tetapkan');
    const no = h('button', { type: 'button', class: 'button-secondary', id: 'final-confirm-no' }, 'Batal');
    const done = (answer) => {
      confirmBox.replaceChildren();
      finalButton.disabled = false;
      if (!answer) finalButton.focus();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    finalButton.disabled = true; // one question at a time
    confirmBox.replaceChildren(h('div', { class: 'card warning', role: 'alertdialog', 'aria-modal': 'false',
      'aria-labelledby': 'final-confirm-title', 'aria-describedby': 'final-confirm-text' },
    h('h3', { id: 'final-confirm-title' }, 'Tetapkan nilai kinerja?'),
    h('p', { id: 'final-confirm-text' }, `Nilai kinerja ${person.name} periode ${evaluationLabel(period)} ditetapkan dari `
      + `penilaian atasan yang tersimpan (hasil kerja: ${EXPECTATION[saved.resultRating] || '—'}, perilaku kerja: `
      + `${EXPECTATION[saved.behaviorRating] || '—'}). Setelah ditetapkan, penilaian tidak dapat diubah lagi.`),
    h('div', { class: 'actions' }, yes, no)));
    yes.focus();
  });
  const resultBox = h('div', { id: 'final-result-box' });

  const overrideNeeded = () => Boolean(suggestion.rating) && (
    (saved && saved.resultRating !== suggestion.rating) || fields.result.get() !== suggestion.rating);
  const refresh = () => {
    overrideField.hidden = !overrideNeeded();
    finalHint.textContent = saved ? '' : 'Simpan penilaian atasan terlebih dahulu.';
    finalButton.disabled = !saved || !open;
    if (rating) {
      formBody.disabled = true;
      saveButton.disabled = true;
      finalForm.hidden = true;
      resultBox.replaceChildren(ratingResult(rating, null, person.nip));
    } else {
      saveButton.disabled = !open;
    }
  };
  fields.result.radios.forEach((r) => r.input.addEventListener('change', refresh));

  finalForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(override, null);
    fieldError(justification, null);
    finalStatus.replaceChildren();
    if (!saved) return;
    if (fields.differsFrom(saved)) {
      finalStatus.replaceChildren(errorBox('Ada perubahan penilaian yang belum disimpan: tekan "Simpan penilaian" '
        + 'terlebih dahulu.'));
      return;
    }
    const needOverride = Boolean(suggestion.rating) && saved.resultRating !== suggestion.rating;
    if (needOverride && !override.value.trim()) {
      overrideField.hidden = false;
      fieldError(override, 'Wajib diisi: penilaian hasil kerja berbeda dari saran.');
      override.focus();
      return;
    }
    const input = { nip: person.nip, period, overrideReason: override.value.trim() || null,
      curveJustification: justificationField.hidden ? null : (justification.value.trim() || null) };
    if (!(await confirmFinal()) || !isCurrent()) return;
    const busy = { button: finalButton, status: finalStatus, isCurrent, busyText: 'Memfinalisasi…' };
    const result = await sendMutation(busy, FINALIZE, { input });
    if (!result) return;
    const answer = result.finalizeRating;
    finalStatus.replaceChildren();
    if (answer.errors.length) {
      const rest = [];
      for (const e of answer.errors) {
        const key = (e.path || [])[1];
        if (key === 'overrideReason') {
          overrideField.hidden = false;
          fieldError(override, errorText(e));
          override.focus();
        } else if (key === 'curveJustification') {
          justificationField.hidden = false;
          curveBox.replaceChildren(h('div', { class: 'warning', role: 'alert', id: 'final-curve-warning',
            'data-code': e.code },
          h('strong', {}, FORM_CODE_TEXT[e.code] || 'Justifikasi kurva tidak valid.'),
          // the curve's findings come with the refusal (warnings); the error's message when there are none
          h('ul', { class: 'warnings' }, (answer.warnings && answer.warnings.length ? answer.warnings : [e.message])
            .map((w) => h('li', {}, w))),
          h('p', {}, 'Isi "Justifikasi kurva" lalu tekan "Finalisasi" lagi.')));
          if (e.code !== 'CURVE_JUSTIFICATION_REQUIRED') fieldError(justification, errorText(e));
          justification.focus();
        } else {
          rest.push(e);
        }
      }
      if (rest.length) finalStatus.replaceChildren(errorList(rest, 'Belum difinalisasi.'));
      // an earlier low rating's development plan waits to be agreed: to that plan (development_plan.js)
      const plan = rest.find((e) => e.code === 'DEVELOPMENT_PLAN_REQUIRED' && e.params && e.params.year);
      if (plan) {
        finalStatus.append(h('p', { id: 'final-development-plan' }, h('a', {
          href: `#/pengembangan/${encodeURIComponent(person.nip)}/${encodeURIComponent(plan.params.year)}` },
        `Buka rencana pengembangan kompetensi ${plan.params.year}`)));
      }
      return;
    }
    rating = answer.rating;
    resultBox.replaceChildren(ratingResult(rating, answer.warnings, person.nip));
    refresh();
    const heading = resultBox.querySelector('h2');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  });

  const notices = [];
  if (!cycle) notices.push(`Tidak ada siklus ${period.slice(0, 4)}.`);
  else if (!open) {
    notices.push(`Siklus ${cycle.year} sedang tahap ${CYCLE_STAGE[cycle.status] || cycle.status}: penilaian hanya `
      + 'dapat disimpan dan difinalisasi pada tahap evaluasi.');
  }
  if (rating) notices.push('Nilai kinerja periode ini sudah difinalisasi; penilaian tidak dapat diubah lagi.');

  fill(root,
    h('h1', {}, `Penilaian kinerja: ${person.name}`),
    h('p', { class: 'lead' }, `Periode ${evaluationLabel(period)}`),
    notices.map((t) => h('p', { class: 'notice', role: 'status' }, t)),
    resultBox,
    personCard(person),
    selfCard(context.selfAssessment),
    unitHead ? unitHeadCard(unitHead, person.name) : null,
    // the unit-head rule's suggestion is the one the rating is checked against; else the per-RHK one, else the own
    unitRule ? null
      : (context.resultsSuggestion ? resultsSuggestionCard(context.resultsSuggestion) : suggestionCard(suggestion)),
    context.headsUnit ? ikmCard(context.unitSatisfaction) : null,
    form,
    finalForm);
  refresh();
}
