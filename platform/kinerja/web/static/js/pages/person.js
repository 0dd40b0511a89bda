// Person page: profile, supervisor and subordinates, the assessing official of the shown period, the assignment
// history with the transfer form (ADMIN, agency admins), SKP targets of a cycle with their measurements, and the
// assessments and finalized rating of a period, and the credit points (angka kredit) of the last rated year of a person
// in a functional post (one request; two when the cycles are not known yet).

import { exportButtons } from '../export_buttons.js';
import { gql } from '../api.js';
import {
  h, fill, loading, errorBox, fieldError, num, badge, dateTime, periodLabel, evaluationLabel, periodSelect, annualPeriod,
  PREDIKAT, EXPECTATION, CORE_VALUE, CYCLE_STATUS, targetText, versionLabel, unitHref,
} from '../ui.js';
import { feedbackCard } from '../feedback_card.js';
import { isCurrentOf } from '../forms.js';
import { statusBadge, showObjectionErrors, sendObjection } from '../objection_ui.js';
import { historySection, officialText, transferForm } from '../assignment_ui.js';
import { reopenControl } from '../reopen_ui.js';
import { evaluationDownload } from '../document_ui.js';
import { passwordResetSection } from '../password_admin.js';
import { departureBadge, personAdminSection } from '../person_admin.js';
import { can, mayAssess } from '../roles.js';

export const CYCLES = '{ cycles { year status periods } }';

const CREDIT_FIELDS = 'year rated predikat percentage points parts { post coefficient daysHeld yearShare points }';

export const PERSON = `query Person($nip: String!, $cycle: Int!, $period: String!, $creditYear: Int!,
  $creditBefore: Int!) {
  person(nip: $nip) {
    nip name employmentType position departed leftAt leftReason
    agency { code name }
    unit { code name }
    supervisor { nip name position identityOnly }
    subordinates { nip name position }
    assignments { since until unitName position supervisor { nip name position } reportsToPost { name } reason skpRevision }
    assessingOfficial(period: $period) { official { nip name position } acting decree }
    targets(cycle: $cycle) {
      id workResult value lower upper
      indicator { code name unit direction }
      measurements { id period value achievement suggestedRating evidenceUrl specVersion specVersionStamp { number since } }
      parent { workResult person { nip name } }
    }
    rating(period: $period) {
      period resultRating behaviorRating predikat suggestedResultRating suggestionReason overrideReason
      curveJustification curveWarnings finalizedAt recommendations
      objection { id status }
    }
    credit: creditPoints(year: $creditYear) { ${CREDIT_FIELDS} }
    creditBefore: creditPoints(year: $creditBefore) { ${CREDIT_FIELDS} }
  }
  assessments(period: $period, nip: $nip) {
    id kind period resultRating behaviorRating behaviorNotes { value note } comment updatedAt actedByAdmin
    assessor { nip name position identityOnly }
  }
}`;

export const FILE_OBJECTION = `mutation($nip: String!, $period: String!, $reason: String!) {
  fileObjection(nip: $nip, period: $period, reason: $reason) { objection { id status } errors { path code message } }
}`;
const OBJECTION_REASON_MAX = 2000;

const personLink = (p) => h('a', { href: `#/person/${encodeURIComponent(p.nip)}` }, p.name);
// a person shown by identity only (one's own supervisor, an assessor above the viewer) has no page to open: the
// name and position as text
const personRef = (p) => (p.identityOnly ? [h('span', { 'data-col': 'identity' }, p.name),
  p.position ? h('span', { class: 'muted' }, ` · ${p.position}`) : null] : personLink(p));
// the supervisor: the person (when the server names them), else the current assignment's (an official of another
// agency: name and position only)
function supervisorText(person) {
  if (person.supervisor) {
    return person.supervisor.identityOnly ? personRef(person.supervisor)
      : [personLink(person.supervisor), h('span', { class: 'muted' }, ` · ${person.supervisor.position}`)];
  }
  const now = (person.assignments || []).find((a) => !a.until && a.supervisor);
  return now ? [h('span', { 'data-col': 'identity' }, now.supervisor.name),
    now.supervisor.position ? h('span', { class: 'muted' }, ` · ${now.supervisor.position}`) : null]
    : h('span', { class: 'muted' }, '—');
}

// the two years whose credit points are read ($creditYear, $creditBefore): the latest evaluated cycles' (their annual
// ratings may be final), else the newest cycle's and the year before
function creditYears(cycles) {
  const years = cycles.filter((c) => c.status === 'EVALUATION' || c.status === 'CLOSED').map((c) => c.year)
    .sort((a, b) => b - a);
  const first = years[0] || Math.max(...cycles.map((c) => c.year));
  return { creditYear: first, creditBefore: years[1] || first - 1 };
}

const points3 = (x) => Number(x).toLocaleString('id-ID', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const daysOf = (year) => ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365);

// "Angka kredit 2023: 18,750 (koefisien 12,5 × 150 %, predikat Sangat Baik)": the newest rated year of the two read;
// a functional post held but no finalized annual rating yet: said so (never zero); none held: nothing
function creditFacts(person) {
  const rated = [person.credit, person.creditBefore].find((c) => c && c.rated && c.points !== null);
  if (!rated) {
    const held = person.credit || person.creditBefore;
    if (!held) return null;
    return [h('dt', {}, `Angka kredit ${held.year}`), h('dd', { id: 'credit-points', 'data-col': 'creditPoints' },
      h('span', { class: 'muted' }, 'Belum ada: penilaian tahunan belum difinalisasi'),
      ` (${held.parts.map((p) => `${p.post}, koefisien ${num(p.coefficient, 2)}`).join('; ')})`)];
  }
  const percent = `${num(rated.percentage, 0)} %`;
  const whole = rated.parts.length === 1 && rated.parts[0].daysHeld >= daysOf(rated.year);
  const how = whole ? `koefisien ${num(rated.parts[0].coefficient, 2)} × ${percent}`
    : rated.parts.map((p) => `${p.post} ${points3(p.points)}: koefisien ${num(p.coefficient, 2)} × ${percent} × `
      + `${num(p.daysHeld, 0)}/${num(daysOf(rated.year), 0)} hari`).join('; ');
  return [h('dt', {}, `Angka kredit ${rated.year}`), h('dd', { id: 'credit-points', 'data-col': 'creditPoints',
    'data-value': rated.points, 'data-year': rated.year },
  `${points3(rated.points)} (${how}, predikat ${PREDIKAT[rated.predikat] || '—'})`)];
}

function profile(person) {
  return h('dl', { class: 'facts card', id: 'profile' },
    h('dt', {}, 'NIP'), h('dd', { 'data-col': 'nip', class: 'code' }, person.nip),
    h('dt', {}, 'Nama'), h('dd', { 'data-col': 'name' }, person.name),
    h('dt', {}, 'Jenis pegawai'), h('dd', { 'data-col': 'employmentType' }, person.employmentType),
    h('dt', {}, 'Jabatan'), h('dd', { 'data-col': 'position' }, person.position),
    h('dt', {}, 'Perangkat daerah'), h('dd', { 'data-col': 'agency' },
      h('a', { href: `#/agency/${encodeURIComponent(person.agency.code)}` }, person.agency.name)),
    h('dt', {}, 'Unit'), h('dd', { 'data-col': 'unit' },
      person.unit ? h('a', { href: unitHref(person.agency.code, person.unit.code) }, person.unit.name) : '—'),
    h('dt', {}, 'Atasan langsung'), h('dd', { 'data-col': 'supervisor' }, supervisorText(person)),
    creditFacts(person));
}

function subordinates(list) {
  return h('section', { 'aria-labelledby': 'subordinates-title', id: 'subordinates' },
    h('h2', { id: 'subordinates-title' }, `Bawahan langsung (${list.length})`),
    list.length ? h('ul', {}, list.map((p) => h('li', { 'data-nip': p.nip }, personLink(p),
      h('span', { class: 'muted' }, ` · ${p.position}`)))) : h('p', { class: 'empty' }, 'Tidak ada bawahan langsung.'));
}

function measurementTable(target, periods) {
  if (!target.measurements.length) return h('p', { class: 'empty' }, 'Belum ada capaian yang diisi.');
  const order = (p) => (periods.includes(p) ? periods.indexOf(p) : periods.length);
  const rows = [...target.measurements].sort((a, b) => order(a.period) - order(b.period) || a.period.localeCompare(b.period));
  return h('table', { class: 'measurements' },
    h('caption', { class: 'visually-hidden' }, `Capaian ${target.workResult}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Periode'), h('th', { scope: 'col', class: 'num' }, 'Realisasi'),
      h('th', { scope: 'col', class: 'num' }, 'Capaian (%)'), h('th', { scope: 'col' }, 'Saran penilaian hasil'),
      h('th', { scope: 'col' }, 'Bukti'), h('th', { scope: 'col' }, 'Versi indikator'))),
    h('tbody', {}, rows.map((m) => h('tr', { 'data-period': m.period, 'data-measurement': m.id },
      h('th', { scope: 'row' }, periodLabel(m.period)),
      h('td', { class: 'num', 'data-col': 'value', 'data-value': m.value }, num(m.value)),
      h('td', { class: 'num', 'data-col': 'achievement', 'data-value': m.achievement }, num(m.achievement)),
      h('td', { 'data-col': 'suggestedRating', 'data-value': m.suggestedRating }, badge(m.suggestedRating, EXPECTATION)),
      h('td', {}, m.evidenceUrl && /^https?:\/\//i.test(m.evidenceUrl)
        ? h('a', { href: m.evidenceUrl, rel: 'noopener noreferrer', target: '_blank' }, 'Tautan') : '—'),
      h('td', { 'data-col': 'specVersion', title: m.specVersion || '' },
        versionLabel(m.specVersionStamp))))));
}

function targets(list, cycle, periods, nip) {
  return h('section', { 'aria-labelledby': 'targets-title', id: 'targets' },
    h('h2', { id: 'targets-title' }, `Sasaran Kinerja Pegawai (SKP) ${cycle}`),
    // the targets and their measurements as a file (/exports/measurements.csv?cycle=&nip=)
    list.length ? exportButtons({ id: 'measurements-download', what: `sasaran dan capaian ${cycle}`,
      fallback: `capaian-${cycle}-${nip}`,
      csvUrl: () => `/exports/measurements.csv?${new URLSearchParams({ cycle: String(cycle), nip })}` }).element : null,
    list.length ? h('div', { class: 'card' }, list.map((t) => h('article', { class: 'target', 'data-target': t.id },
      h('h3', {}, t.workResult),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Indikator'), h('dd', { 'data-col': 'indicator' }, t.indicator.name, ' ',
          h('span', { class: 'code' }, t.indicator.code)),
        h('dt', {}, 'Target'), h('dd', { 'data-col': 'value', 'data-value': t.value },
          targetText(t.value, t.lower, t.upper, t.indicator.unit)),
        t.parent ? [h('dt', {}, 'Mendukung'), h('dd', {}, t.parent.workResult,
          t.parent.person ? [' (', personLink(t.parent.person), ')'] : null)] : null),
      measurementTable(t, periods)))) : h('p', { class: 'empty' }, 'Tidak ada sasaran pada siklus ini.'));
}

function assessmentCard(a) {
  const kind = a.kind === 'SELF' ? 'Penilaian diri' : 'Penilaian atasan';
  return h('article', { class: 'card', 'data-assessment': a.kind },
    h('h3', {}, kind),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Penilai'), h('dd', { 'data-col': 'assessor' }, a.assessor ? personRef(a.assessor) : '—',
        a.actedByAdmin ? h('span', { class: 'muted' }, ' (oleh admin, menggantikan atasan)') : null),
      h('dt', {}, 'Hasil kerja'), h('dd', { 'data-col': 'resultRating' }, badge(a.resultRating, EXPECTATION)),
      h('dt', {}, 'Perilaku kerja'), h('dd', { 'data-col': 'behaviorRating' }, badge(a.behaviorRating, EXPECTATION)),
      h('dt', {}, 'Diperbarui'), h('dd', {}, dateTime(a.updatedAt))),
    a.behaviorNotes.length ? h('ul', {}, a.behaviorNotes.map((n) => h('li', {},
      h('strong', {}, `${CORE_VALUE[n.value] || n.value}: `), n.note))) : null,
    a.comment ? h('p', {}, h('strong', {}, 'Catatan: '), a.comment) : null);
}

// the objection to the finalized rating: its status and page; the employee, when there is none, files one
function objectionBlock(rating, nip, period, mine, ctx) {
  const box = h('div', { id: 'rating-objection' });
  const showFiled = (o, message) => {
    fill(box, h('h3', {}, 'Keberatan'),
      message ? h('p', { class: 'success', role: 'status', id: 'objection-filed', tabindex: '-1' }, message) : null,
      h('p', {}, 'Status: ', statusBadge(o.status), ' · ',
        h('a', { href: `#/keberatan/${encodeURIComponent(o.id)}`, id: 'objection-link' }, 'Lihat keberatan')));
    const done = box.querySelector('#objection-filed');
    if (done) done.focus();
  };
  if (rating.objection) {
    showFiled(rating.objection);
    return box;
  }
  if (!mine) return null;
  const isCurrent = isCurrentOf(ctx);
  const open = h('button', { type: 'button', class: 'button-secondary', id: 'objection-open',
    'aria-expanded': 'false', 'aria-controls': 'objection-form' }, 'Ajukan keberatan');
  const reason = h('textarea', { id: 'objection-reason', name: 'reason', rows: '3',
    maxlength: String(OBJECTION_REASON_MAX) });
  const button = h('button', { type: 'submit', id: 'objection-save' }, 'Kirim keberatan');
  const cancel = h('button', { type: 'button', class: 'button-secondary', id: 'objection-cancel' }, 'Batal');
  const status = h('div', { id: 'objection-status', 'aria-live': 'polite' });
  const form = h('form', { id: 'objection-form', novalidate: true, hidden: true, 'aria-labelledby': 'objection-form-title' },
    h('h3', { id: 'objection-form-title' }, 'Ajukan keberatan'),
    h('p', { class: 'muted' }, 'Keberatan diputuskan oleh atasan pejabat penilai; keputusannya bersifat final.'),
    h('div', { class: 'field' }, h('label', { for: reason.id }, 'Alasan keberatan'), reason),
    status, h('div', { class: 'actions' }, button, cancel));
  open.addEventListener('click', () => {
    form.hidden = false;
    open.hidden = true;
    open.setAttribute('aria-expanded', 'true');
    reason.focus();
  });
  cancel.addEventListener('click', () => {
    form.hidden = true;
    open.hidden = false;
    open.setAttribute('aria-expanded', 'false');
    open.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(reason, null);
    const answer = await sendObjection({ button, status, isCurrent }, FILE_OBJECTION,
      { nip, period, reason: reason.value }, 'fileObjection');
    if (!answer) return;
    if (answer.errors.length) {
      showObjectionErrors(answer.errors, (p) => (p[0] === 'reason' ? reason : null), status,
        'Keberatan belum terkirim.', 'objection-errors');
      return;
    }
    showFiled(answer.objection, 'Keberatan terkirim.');
  });
  fill(box, h('div', { class: 'actions' }, open), form);
  return box;
}

// a rating below BAIK proposes development actions on the plan of its cycle (docs/DOMAIN.md, "Development plans")
const FOLLOW_UP = new Set(['BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG']);
function developmentLink(rating, nip, year) {
  if (!FOLLOW_UP.has(rating.predikat)) return null;
  return h('p', { id: 'rating-development' }, 'Tindak lanjut predikat ini dicatat pada ',
    h('a', { href: `#/pengembangan/${encodeURIComponent(nip)}/${year}`, id: 'rating-development-link' },
      `rencana pengembangan kompetensi ${year}`), '.');
}

function ratingSection(rating, period, nip, mine, ctx, cycleYear) {
  if (!rating) {
    return h('section', { 'aria-labelledby': 'rating-title', id: 'rating' },
      h('h2', { id: 'rating-title' }, `Predikat kinerja · ${evaluationLabel(period)}`),
      h('p', { class: 'empty' }, 'Penilaian periode ini belum difinalisasi.'));
  }
  return h('section', { 'aria-labelledby': 'rating-title', id: 'rating' },
    h('h2', { id: 'rating-title' }, `Predikat kinerja · ${evaluationLabel(period)}`),
    h('div', { class: 'card' },
      h('dl', { class: 'facts' },
        h('dt', {}, 'Predikat'), h('dd', { 'data-col': 'predikat', 'data-value': rating.predikat }, badge(rating.predikat, PREDIKAT)),
        h('dt', {}, 'Hasil kerja'), h('dd', { 'data-col': 'resultRating' }, badge(rating.resultRating, EXPECTATION)),
        h('dt', {}, 'Perilaku kerja'), h('dd', { 'data-col': 'behaviorRating' }, badge(rating.behaviorRating, EXPECTATION)),
        h('dt', {}, 'Saran dari capaian'), h('dd', {}, rating.suggestedResultRating
          ? badge(rating.suggestedResultRating, EXPECTATION) : '—',
        rating.suggestionReason ? h('span', { class: 'muted' }, ` · ${rating.suggestionReason}`) : null),
        rating.overrideReason ? [h('dt', {}, 'Alasan berbeda dari saran'), h('dd', {}, rating.overrideReason)] : null,
        rating.curveJustification ? [h('dt', {}, 'Justifikasi kurva'), h('dd', {}, rating.curveJustification)] : null,
        h('dt', {}, 'Difinalisasi'), h('dd', {}, dateTime(rating.finalizedAt))),
      rating.curveWarnings.length ? h('div', { class: 'warning' }, h('strong', {}, 'Peringatan kurva: '),
        h('ul', { class: 'warnings' }, rating.curveWarnings.map((w) => h('li', {}, w)))) : null,
      h('h3', {}, 'Rekomendasi tindak lanjut'),
      rating.recommendations.length
        ? h('ul', { id: 'recommendations' }, rating.recommendations.map((r) => h('li', {}, r)))
        : h('p', { class: 'empty' }, 'Tidak ada rekomendasi.'),
      developmentLink(rating, nip, cycleYear),
      objectionBlock(rating, nip, period, mine, ctx),
      reopenControl(rating, nip, period, ctx),
      evaluationDownload(nip, period)));
}

export async function render(root, params, ctx) {
  const nip = params.nip;
  document.title = `Pegawai ${nip} · Kinerja`;
  loading(root);
  let cycles = ctx.cycles;
  let data;
  let cycle;
  let period;
  try {
    if (!cycles || !cycles.length) cycles = (await gql(CYCLES)).cycles;
    const sorted = [...cycles].sort((a, b) => b.year - a.year);
    if (!sorted.length) {
      root.replaceChildren(h('h1', {}, `Pegawai ${nip}`), h('p', { class: 'empty' }, 'Belum ada siklus penilaian.'));
      return;
    }
    const wantedYear = Number(params.query.get('cycle'));
    cycle = sorted.find((c) => c.year === wantedYear) || sorted[0];
    const wantedPeriod = params.query.get('period');
    period = cycle.periods.includes(wantedPeriod) ? wantedPeriod : annualPeriod(cycle);
    data = await gql(PERSON, { nip, cycle: cycle.year, period, ...creditYears(cycles) });
  } catch (err) {
    if (!ctx.isCurrent()) return;
    root.replaceChildren(h('h1', {}, `Pegawai ${nip}`), errorBox(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  const person = data.person;
  if (!person) {
    root.replaceChildren(h('h1', {}, `Pegawai ${nip}`), errorBox('Pegawai tidak ditemukan atau di luar akses Anda.'));
    return;
  }
  document.title = `${person.name} · Kinerja`;

  const go = (year, p) => ctx.navigate(`#/person/${encodeURIComponent(nip)}?cycle=${year}&period=${encodeURIComponent(p)}`);
  const cycleSelect = h('select', { id: 'person-cycle', name: 'cycle', on: { change: () => {
    const next = cycles.find((c) => String(c.year) === cycleSelect.value);
    go(next.year, annualPeriod(next));
  } } }, [...cycles].sort((a, b) => b.year - a.year).map((c) => h('option', { value: c.year, selected: c.year === cycle.year },
    `${c.year} (${CYCLE_STATUS[c.status] || c.status})`)));
  cycleSelect.value = String(cycle.year);
  const chooser = h('div', { class: 'field-inline' },
    h('div', { class: 'field' }, h('label', { for: 'person-cycle' }, 'Siklus'), cycleSelect),
    periodSelect('person-period', [cycle], period, (p) => go(cycle.year, p)));

  const viewerNip = ctx.viewer && ctx.viewer.person ? ctx.viewer.person.nip : null;
  const actions = [];
  // the person's SKP of the shown cycle, and the matrix of a supervisor (skp.js, skp_matrix.js)
  actions.push(h('a', { class: 'button button-secondary', id: 'skp-link',
    href: `#/skp/${encodeURIComponent(person.nip)}/${cycle.year}` }, 'SKP'));
  // the person's development plan of the shown cycle (development_plan.js)
  actions.push(h('a', { class: 'button button-secondary', id: 'development-link',
    href: `#/pengembangan/${encodeURIComponent(person.nip)}/${cycle.year}` }, 'Rencana pengembangan'));
  if (person.subordinates.length) {
    actions.push(h('a', { class: 'button button-secondary', id: 'skp-matrix-link',
      href: `#/skp-matrix/${encodeURIComponent(person.nip)}/${cycle.year}` }, 'Matriks peran hasil'));
  }
  // the assessing official of the shown period (the supervisor then, or a Plt/Plh) assesses it
  if (mayAssess(ctx.viewer, person.nip, person.assessingOfficial)) {
    actions.push(h('a', { class: 'button', id: 'assess-link',
      href: `#/assess/${encodeURIComponent(person.nip)}/${encodeURIComponent(period)}` }, 'Nilai'));
  }
  if (viewerNip && viewerNip === person.nip) {
    actions.push(h('a', { class: 'button', id: 'self-link', href: `#/self/${encodeURIComponent(period)}` }, 'Penilaian Diri'));
    actions.push(h('a', { class: 'button button-secondary', id: 'measurements-link',
      href: `#/measurements?cycle=${cycle.year}&period=${encodeURIComponent(period)}` }, 'Isi Capaian'));
    actions.push(h('a', { class: 'button button-secondary', id: 'work-log-link', href: '#/catatan-kerja' }, 'Catatan kerja'));
    if (person.subordinates.length) {
      actions.push(h('a', { class: 'button button-secondary', id: 'monitoring-link',
        href: `#/monitoring?cycle=${cycle.year}` }, 'Pemantauan bawahan'));
    }
  }

  fill(root,
    h('h1', {}, person.name),
    departureBadge(person),
    actions.length ? h('div', { class: 'actions' }, actions) : null,
    profile(person),
    subordinates(person.subordinates),
    chooser,
    h('dl', { class: 'facts card', id: 'assessing-official' },
      h('dt', {}, `Pejabat penilai · ${evaluationLabel(period)}`),
      h('dd', {}, officialText(person.assessingOfficial))),
    targets(person.targets, cycle.year, cycle.periods, person.nip),
    h('section', { 'aria-labelledby': 'assessments-title', id: 'assessments' },
      h('h2', { id: 'assessments-title' }, `Penilaian · ${evaluationLabel(period)}`),
      data.assessments.length ? h('div', { class: 'grid-2' }, data.assessments.map(assessmentCard))
        : h('p', { class: 'empty' }, 'Belum ada penilaian pada periode ini.')),
    ratingSection(person.rating, period, person.nip, Boolean(viewerNip && viewerNip === person.nip), ctx, cycle.year),
    feedbackCard(person, cycle.year, period, ctx),
    historySection(person.assignments),
    personAdminSection(person, ctx, () => ctx.navigate(window.location.hash)),
    can(ctx.viewer, 'managesPeople') ? transferForm(person, ctx, () => ctx.navigate(window.location.hash)) : null,
    passwordResetSection(person, ctx));
}
