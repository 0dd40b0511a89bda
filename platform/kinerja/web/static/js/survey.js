// The public survey page (/survey/<agency code>): loads the agency's form, checks the answers, sends them.
// No sign-in: requests go without a token (public fields) through api.js's post(); DOM and labels from ui.js.

import { post } from './api.js';
import { h, periodLabel } from './ui.js';
import { FORM_QUERY, SUBMIT_MUTATION } from './survey_documents.js';

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;



// what a server's error code means to the respondent (the server's own English message is shown as detail)
const CODE_TEXT = {
  INVALID_NIP: 'NIP harus terdiri dari 18 angka.',
  TOO_LONG: 'Isian ini terlalu panjang.',
  INVALID_TEXT: 'Isian ini memuat karakter yang tidak diizinkan.',
  OUT_OF_RANGE: 'Pilih salah satu jawaban.',
  WRONG_COUNT: 'Jawab kesembilan pertanyaan.',
  INVALID_PERIOD: 'Periode survei ini tidak dikenal. Muat ulang halaman, lalu coba lagi.',
  CYCLE_CLOSED: 'Survei untuk periode ini sudah ditutup.',
  CYCLE_STATE: 'Survei untuk periode ini belum atau tidak lagi menerima jawaban.',
  UNKNOWN_VALUE: 'Pilihan ini tidak dikenal. Pilih salah satu pilihan yang tersedia.',
  INVALID_TYPE: 'Pilihan ini tidak dikenal. Pilih salah satu pilihan yang tersedia.',
};
// the first choice of each profile question: the respondent does not have to say
const NOT_SAYING = 'Tidak ingin menyebutkan';
const NOT_FOUND_TEXT = {
  unit: 'Unit layanan ini tidak ditemukan. Pilih unit lain.',
  agency: 'Instansi tidak ditemukan.',
};

class RequestError extends Error {
  // kind: 'network' (no answer from the server) | 'server' (an answer that is not a usable GraphQL result)
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

// ---- small helpers ----------------------------------------------------------------------------------------

// the data of a GraphQL answer; RequestError when there is no answer or no usable result
async function request(query, variables) {
  let answer;
  try {
    answer = await post(query, variables, { credentials: 'omit' });
  } catch (e) {
    throw new RequestError('network', (e && e.message) || 'network error');
  }
  const { status, ok, errors } = answer;
  const data = answer.body ? answer.body.data : null;
  if (!ok || errors.length || !data) {
    throw new RequestError('server', errors.length ? errors.map((e) => e.message).join('; ') : `HTTP ${status}`);
  }
  return data;
}

function agencyCode() {
  const match = location.pathname.match(/^\/survey\/([^/]+)\/?$/);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1]).trim().toUpperCase();
  } catch (e) {
    return '';
  }
}

// The server's rate-limit message ends "please try again in 45 minutes": the wait, in Indonesian.
function waitText(message) {
  const m = /try again in (\d+) (second|minute|hour)s?/i.exec(message || '');
  if (!m) return null;
  const unit = { second: 'detik', minute: 'menit', hour: 'jam' }[m[2].toLowerCase()];
  return `Silakan coba lagi dalam ${m[1]} ${unit}.`;
}

function newKey() {
  // idempotency key: 32 hex characters (crypto.getRandomValues also works outside secure contexts)
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- the page ---------------------------------------------------------------------------------------------

const body = () => document.getElementById('survey-body');

function setAgencyName(name) {
  const p = document.getElementById('agency-name');
  p.textContent = name || '';
  p.hidden = !name;
}

function showMessage(titleText, lines, { role = null, actions = [], className = 'notice info' } = {}) {
  const box = h('section', { class: className, role, tabindex: '-1', 'aria-labelledby': 'message-title' },
    h('h2', { id: 'message-title' }, titleText),
    lines.map((line) => h('p', {}, line)),
    actions.length ? h('p', { class: 'actions' }, actions) : null);
  body().replaceChildren(box);
  return box;
}

async function load() {
  const code = agencyCode();
  body().replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Memuat…'));
  if (!CODE_PATTERN.test(code)) {
    showUnknownAgency(code);
    return;
  }
  let form;
  try {
    form = (await request(FORM_QUERY, { agency: code })).surveyForm;
  } catch (err) {
    const retry = h('button', { type: 'button', class: 'secondary', on: { click: load } }, 'Coba lagi');
    const box = showMessage('Formulir survei tidak dapat dimuat', [
      err.kind === 'network' ? 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda, lalu coba lagi.'
        : 'Terjadi kesalahan di server. Silakan coba lagi sebentar lagi.',
      h('span', { class: 'detail' }, err.message),
    ], { role: 'alert', actions: [retry], className: 'notice problem' });
    box.focus();
    return;
  }
  if (!form) {
    showUnknownAgency(code);
    return;
  }
  setAgencyName(form.agencyName);
  document.title = `Survei Kepuasan Masyarakat – ${form.agencyName}`;
  if (!form.period) {
    showMessage('Survei belum dibuka', [
      'Saat ini belum ada periode survei yang menerima jawaban untuk instansi ini.',
      'Silakan kembali lagi nanti. Terima kasih atas kesediaan Anda.',
    ]);
    return;
  }
  new SurveyForm(form).mount(body());
}

function showUnknownAgency(code) {
  setAgencyName('');
  document.title = 'Instansi tidak ditemukan – Survei Kepuasan Masyarakat';
  showMessage('Instansi tidak ditemukan', [
    code ? `Tidak ada instansi dengan kode “${code}”.` : 'Alamat survei ini tidak menyebut kode instansi.',
    'Periksa kembali tautan atau kode QR yang Anda gunakan.',
  ]);
}

// ---- the form ---------------------------------------------------------------------------------------------

class SurveyForm {
  constructor(form) {
    this.form = form;
    this.key = null; // idempotency key, kept while the same answers are sent again (a retry)
    this.sent = null; // the JSON of the answers the key belongs to
    this.busy = false;
  }

  mount(root) {
    const f = this.form;
    const units = f.units.length ? h('div', { class: 'field' },
      h('label', { for: 'unit' }, 'Unit layanan (opsional)'),
      this.unit = h('select', { id: 'unit', name: 'unit' },
        h('option', { value: '' }, '— Pilih unit layanan —'),
        f.units.map((u) => h('option', { value: u.code }, u.name)))) : null;
    this.fieldsets = f.questions.map((q, i) => this.question(q, i));
    this.profile = new Map(); // FeedbackInput field -> its select
    this.service = h('input', { id: 'service', name: 'service', type: 'text', maxlength: '200',
      autocomplete: 'off', 'aria-describedby': 'service-hint' });
    this.servedBy = h('input', { id: 'served-by', name: 'servedBy', type: 'text', inputmode: 'numeric',
      maxlength: '40', autocomplete: 'off', 'aria-describedby': 'served-by-hint' });
    this.comment = h('textarea', { id: 'comment', name: 'comment', rows: '4', maxlength: '2000' });
    this.message = h('div', { class: 'form-message', id: 'form-message' });
    this.submit = h('button', { type: 'submit', class: 'primary' }, 'Kirim');
    this.element = h('form', { class: 'survey-form', novalidate: true, 'aria-describedby': 'survey-intro',
      on: { submit: (event) => { event.preventDefault(); this.send(); } } },
    h('p', { id: 'survey-intro', class: 'intro' },
      h('strong', {}, `Periode: ${periodLabel(f.period)}.`), ' ',
      'Survei ini tanpa nama. Pertanyaan 1–9 wajib dijawab; isian lainnya boleh dikosongkan.'),
    units,
    h('div', { class: 'questions' }, this.fieldsets),
    this.profileSection(f.profile || []),
    h('div', { class: 'field' },
      h('label', { for: 'service' }, 'Jenis layanan (opsional)'),
      h('p', { class: 'hint', id: 'service-hint' }, 'Misalnya: pembuatan KTP-el, izin usaha, imunisasi.'),
      this.service),
    h('div', { class: 'field' },
      h('label', { for: 'served-by' }, 'NIP petugas yang melayani (opsional)'),
      h('p', { class: 'hint', id: 'served-by-hint' }, '18 angka, tertera pada tanda pengenal petugas.'),
      this.servedBy),
    h('div', { class: 'field' },
      h('label', { for: 'comment' }, 'Saran dan masukan (opsional)'),
      this.comment),
    this.message,
    h('p', { class: 'actions' }, this.submit));
    root.replaceChildren(this.element);
  }

  question(q, i) {
    const options = q.answers.map((text, j) => {
      const id = `${q.code}-${j + 1}`;
      return h('label', { class: 'option', for: id },
        h('input', { type: 'radio', name: q.code, id, value: String(j + 1) }),
        h('span', {}, text));
    });
    return h('fieldset', { class: 'question', id: `q-${q.code}` },
      h('legend', {}, h('span', { class: 'qnum' }, `${i + 1}.`), ' ', q.text),
      h('div', { class: 'options' }, options));
  }

  // The questionnaire's respondent profile: one select per question, "Tidak ingin menyebutkan" first (sent as null).
  profileSection(questions) {
    if (!questions.length) return null;
    const fields = questions.map((q) => {
      const id = `profile-${q.field}`;
      const select = h('select', { id, name: q.field },
        h('option', { value: '' }, NOT_SAYING),
        q.choices.map((c) => h('option', { value: c.code }, c.label)));
      this.profile.set(q.field, select);
      return h('div', { class: 'field' }, h('label', { for: id }, q.label), select);
    });
    return h('fieldset', { class: 'profile', id: 'profile', 'aria-describedby': 'profile-hint' },
      h('legend', {}, 'Profil responden (opsional)'),
      h('p', { class: 'hint', id: 'profile-hint' },
        'Membantu kami membaca hasil survei per kelompok masyarakat. Boleh dilewati; survei tetap tanpa nama.'),
      fields);
  }

  // ---- errors next to their fields ----

  clearErrors() {
    this.element.querySelectorAll('.field-error').forEach((p) => p.remove());
    this.element.querySelectorAll('[aria-invalid]').forEach((node) => {
      node.removeAttribute('aria-invalid');
      const ids = (node.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('err-'));
      if (ids.length) node.setAttribute('aria-describedby', ids.join(' '));
      else node.removeAttribute('aria-describedby');
    });
    this.element.querySelectorAll('.invalid').forEach((node) => node.classList.remove('invalid'));
    this.message.replaceChildren();
  }

  // Shows `text` (and the server's `detail`) under an input, select, textarea or question; returns what to focus.
  fieldError(target, text, detail = null) {
    const isGroup = target.tagName === 'FIELDSET';
    const errId = `err-${isGroup ? target.id : target.id || target.name}`;
    let p = document.getElementById(errId);
    if (!p) {
      p = h('p', { class: 'field-error', id: errId });
      if (isGroup) target.querySelector('legend').after(p);
      else target.before(p);
    }
    p.replaceChildren(text);
    if (detail) p.append(h('span', { class: 'detail' }, detail));
    const inputs = isGroup ? Array.from(target.querySelectorAll('input')) : [target];
    for (const input of inputs) {
      input.setAttribute('aria-invalid', 'true');
      const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (!ids.includes(errId)) input.setAttribute('aria-describedby', [...ids, errId].join(' '));
    }
    target.classList.add('invalid');
    return isGroup ? (target.querySelector('input:checked') || inputs[0]) : target;
  }

  formMessage(titleText, lines, { polite = false, actions = [] } = {}) {
    const box = h('div', { class: polite ? 'notice' : 'notice problem', role: polite ? 'status' : 'alert',
      tabindex: '-1' },
    h('p', { class: 'message-title' }, titleText),
    lines.filter(Boolean).map((line) => h('p', {}, line)),
    actions.length ? h('p', { class: 'actions' }, actions) : null);
    this.message.replaceChildren(box);
    return box;
  }

  // ---- sending ----

  collect() {
    const answers = this.form.questions.map((q) => {
      const checked = this.element.querySelector(`input[name="${q.code}"]:checked`);
      return checked ? Number(checked.value) : null;
    });
    const nip = this.servedBy.value.replace(/\s+/g, '');
    const comment = this.comment.value;
    return {
      answers,
      input: {
        agency: this.form.agency,
        period: this.form.period,
        unit: (this.unit && this.unit.value) || null,
        answers,
        service: this.service.value.trim() || null,
        servedBy: nip || null,
        comment: comment.trim() ? comment : null,
        ...Object.fromEntries(Array.from(this.profile, ([field, select]) => [field, select.value || null])),
      },
    };
  }

  check({ answers, input }) {
    const focus = [];
    answers.forEach((a, i) => {
      if (a === null) focus.push(this.fieldError(this.fieldsets[i], 'Pilih salah satu jawaban'));
    });
    if (input.servedBy && !/^[0-9]{18}$/.test(input.servedBy)) {
      focus.push(this.fieldError(this.servedBy, 'NIP harus terdiri dari 18 angka.'));
    }
    return focus;
  }

  async send() {
    if (this.busy) return;
    this.clearErrors();
    const collected = this.collect();
    const problems = this.check(collected);
    if (problems.length) {
      const unanswered = collected.answers.filter((a) => a === null).length;
      this.formMessage('Jawaban belum lengkap', [
        unanswered ? `${unanswered} pertanyaan belum dijawab.` : null,
        'Perbaiki isian yang ditandai, lalu tekan “Kirim” lagi.',
      ]).removeAttribute('role');
      problems[0].focus();
      return;
    }
    const json = JSON.stringify(collected.input);
    if (json !== this.sent) {
      this.key = newKey();
      this.sent = json;
    }
    this.setBusy(true);
    let payload;
    try {
      payload = (await request(SUBMIT_MUTATION, { input: collected.input, key: this.key })).submitFeedback;
    } catch (err) {
      this.setBusy(false);
      this.failed(err);
      return;
    }
    this.setBusy(false);
    if (payload.accepted) {
      this.thanks();
    } else {
      this.rejected(payload.errors || []);
    }
  }

  setBusy(busy) {
    this.busy = busy;
    this.submit.disabled = busy;
    this.submit.textContent = busy ? 'Mengirim…' : 'Kirim';
    if (busy) this.element.setAttribute('aria-busy', 'true');
    else this.element.removeAttribute('aria-busy');
  }

  failed(err) {
    const retry = h('button', { type: 'button', class: 'secondary', on: { click: () => this.send() } },
      'Coba kirim lagi');
    const box = err.kind === 'network'
      ? this.formMessage('Jawaban Anda belum terkirim', [
        'Tidak dapat terhubung ke server. Periksa koneksi internet Anda, lalu coba kirim lagi; jawaban Anda tetap '
          + 'tersimpan di halaman ini.'], { actions: [retry] })
      : this.formMessage('Jawaban Anda belum terkirim', [
        'Terjadi kesalahan di server. Silakan coba kirim lagi sebentar lagi.',
        h('span', { class: 'detail' }, err.message)], { actions: [retry] });
    box.focus();
  }

  rejected(errors) {
    const limited = errors.find((e) => e.code === 'RATE_LIMITED');
    if (limited) {
      this.formMessage('Terima kasih atas partisipasi Anda.', [
        'Dari satu perangkat atau jaringan hanya dapat diterima beberapa jawaban dalam satu waktu, sehingga '
          + 'jawaban ini belum kami simpan.',
        waitText(limited.message) || 'Silakan coba lagi nanti.',
        h('span', { class: 'detail' }, limited.message),
      ], { polite: true }).focus();
      return;
    }
    const focus = [];
    const general = [];
    for (const e of errors) {
      const path = (e.path || []).map(String);
      const field = path[0] === 'input' ? path[1] : path[0];
      const text = (e.code === 'NOT_FOUND' && NOT_FOUND_TEXT[field]) || CODE_TEXT[e.code]
        || 'Isian ini tidak dapat diterima.';
      let target = null;
      if (field === 'answers') {
        const index = path.length > 2 ? Number(path[2]) : 0;
        target = this.fieldsets[index] || this.fieldsets[0];
      } else if (field === 'servedBy') {
        target = this.servedBy;
      } else if (field === 'service') {
        target = this.service;
      } else if (field === 'comment') {
        target = this.comment;
      } else if (field === 'unit' && this.unit) {
        target = this.unit;
      } else if (this.profile.has(field)) {
        target = this.profile.get(field);
      }
      if (target) focus.push(this.fieldError(target, text, e.message));
      else general.push([text, e.message]);
    }
    if (errors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED')) this.sent = null; // a fresh key next time
    const box = this.formMessage('Jawaban Anda belum terkirim', [
      ...general.map(([text, detail]) => h('span', {}, text, ' ', h('span', { class: 'detail' }, detail))),
      focus.length ? 'Perbaiki isian yang ditandai, lalu tekan “Kirim” lagi.' : null,
    ]);
    // focus the first field with a problem, in the page's order
    focus.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    (focus[0] || box).focus();
  }

  thanks() {
    document.title = `Terima kasih – Survei Kepuasan Masyarakat – ${this.form.agencyName}`;
    const box = h('section', { class: 'thanks', tabindex: '-1', 'aria-labelledby': 'thanks-title' },
      h('h2', { id: 'thanks-title' }, 'Terima kasih atas partisipasi Anda'),
      h('p', {}, `Jawaban Anda sudah kami terima. Pendapat Anda membantu ${this.form.agencyName} `
        + 'meningkatkan mutu pelayanan.'),
      h('p', { class: 'actions' },
        h('a', { href: location.pathname, class: 'secondary' }, 'Isi survei untuk layanan lain')));
    body().replaceChildren(box);
    box.focus();
  }
}

load();
