// Hash router, navigation by role and the signed-in viewer (fetched once per sign-in).

import { gql, session, clearSession } from './api.js';
import { h, fill, errorBox, loading, num } from './ui.js';
import { can, roleLabel } from './roles.js';
import { roleSwitchControl } from './role_switch.js';
import { VIEWER_QUERY, LOGOUT } from './session_documents.js';

// the viewer and the cycles in one request: the nav links to the self-assessment of the current period
// and the number of tasks awaiting the viewer, for the badge of "Tugas saya" (pages/tasks.js refreshes it)

// pattern segments starting with ':' are named params; the module is loaded on first use
const ROUTES = [
  { pattern: ['login'], module: './pages/login.js', open: true },
  { pattern: ['dashboard'], module: './pages/dashboard.js' },
  { pattern: ['agency', ':code'], module: './pages/agency.js' },
  { pattern: ['perangkat-daerah'], module: './pages/agencies.js' },
  { pattern: ['unit', ':agency', ':code'], module: './pages/unit.js' },
  { pattern: ['person', ':nip'], module: './pages/person.js' },
  { pattern: ['catalogue'], module: './pages/catalogue.js' },
  { pattern: ['indikator', 'draf'], module: './pages/indicator_drafts.js' },
  { pattern: ['indikator', 'draf', 'baru'], module: './pages/indicator_editor.js' },
  { pattern: ['indikator', 'draf', ':id'], module: './pages/indicator_editor.js' },
  { pattern: ['indikator', ':code', 'riwayat'], module: './pages/indicator_history.js' },
  { pattern: ['assess', ':nip', ':period'], module: './pages/assessment.js' },
  { pattern: ['self', ':period'], module: './pages/self_assessment.js' },
  { pattern: ['measurements'], module: './pages/measurements.js' },
  { pattern: ['skp', ':nip', ':cycle'], module: './pages/skp.js' },
  { pattern: ['skp-matrix', ':nip', ':cycle'], module: './pages/skp_matrix.js' },
  { pattern: ['pengembangan', ':nip', ':cycle'], module: './pages/development_plan.js' },
  { pattern: ['dampak', ':agency'], module: './pages/impact.js' },
  { pattern: ['jabatan', ':agency'], module: './pages/functional_posts.js' },
  { pattern: ['catatan-kerja'], module: './pages/work_log.js' },
  { pattern: ['monitoring'], module: './pages/monitoring.js' },
  { pattern: ['keberatan'], module: './pages/objections.js' },
  { pattern: ['keberatan', ':id'], module: './pages/objection.js' },
  { pattern: ['tugas'], module: './pages/tasks.js' },
  { pattern: ['siklus'], module: './pages/cycles.js' },
  { pattern: ['pegawai', 'impor'], module: './pages/people_import.js' },
  { pattern: ['skp', 'impor'], module: './pages/targets_import.js' },
  { pattern: ['jejak-audit'], module: './pages/audit.js' },
  { pattern: ['kata-sandi'], module: './pages/password.js' },
];

let viewer = null;          // result of `me`, cached for the session
let cycles = [];            // `cycles { year status periods evaluationPeriods }`, fetched with the viewer
let viewerPromise = null;
let taskTotal = null;       // `myTasks { total }`: the badge of "Tugas saya" (null: not known)
let navSeq = 0;             // increases on every navigation; a render is current while its number is the latest

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = raw.split('?');
  const segments = pathPart.split('/').filter(Boolean).map((s) => {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  });
  return { segments, query: new URLSearchParams(queryPart) };
}

function match(segments) {
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    const params = {};
    let ok = true;
    route.pattern.forEach((p, i) => {
      if (p.startsWith(':')) params[p.slice(1)] = segments[i];
      else if (p !== segments[i]) ok = false;
    });
    if (ok) return { route, params };
  }
  return null;
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

// A redirect (the home page from '#/', from '#/login' once signed in): replaces the history entry, so Back does
// not land on the address that redirected.
function redirect(hash) {
  if (location.hash === hash) route();
  else location.replace(hash);
}

async function loadViewer() {
  if (viewer) return viewer;
  if (!viewerPromise) {
    viewerPromise = gql(VIEWER_QUERY).then((data) => {
      cycles = data.cycles || [];
      taskTotal = data.myTasks ? data.myTasks.total : null;
      viewer = data.me;
      return viewer;
    }).finally(() => { viewerPromise = null; });
  }
  return viewerPromise;
}

function forgetViewer() {
  cycles = [];
  taskTotal = null;
  viewer = null;
  viewerPromise = null;
}

export function homeHash(v) {
  if (can(v, 'dashboard')) return '#/dashboard';
  if (v && v.person) return `#/person/${encodeURIComponent(v.person.nip)}`;
  return '#/catalogue';
}

// the annual period (the last in `periods`) of the cycle under evaluation, else the active one, else the latest
function selfPeriod() {
  const byYear = [...cycles].sort((a, b) => b.year - a.year);
  const pick = byYear.find((c) => c.status === 'EVALUATION') || byYear.find((c) => c.status === 'ACTIVE') || byYear[0];
  if (!pick || !pick.periods.length) return null;
  return pick.periods.includes(String(pick.year)) ? String(pick.year) : pick.periods[pick.periods.length - 1];
}

// the cycle of "SKP saya": the ACTIVE one, else the one in PLANNING, else the latest
function skpCycle() {
  const byYear = [...cycles].sort((a, b) => b.year - a.year);
  const pick = byYear.find((c) => c.status === 'ACTIVE') || byYear.find((c) => c.status === 'PLANNING') || byYear[0];
  return pick ? pick.year : null;
}

function setActiveNav() {
  const current = location.hash.split('?')[0] || '#/';
  document.querySelectorAll('#nav a[href]').forEach((a) => {
    const target = a.getAttribute('href');
    if (current === target || (target !== '#/' && current.startsWith(target + '/'))) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
}

function renderNav(v) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!nav) return;
  if (!v) {
    nav.replaceChildren();
    nav.hidden = true;
    if (who) who.replaceChildren();
    return;
  }
  const items = [];
  if (can(v, 'dashboard')) items.push(['#/dashboard', 'Dasbor', 'nav-dashboard']);
  items.push(['#/tugas', 'Tugas saya', 'nav-tasks']);
  items.push(['#/catalogue', 'Katalog Indikator', 'nav-catalogue']);
  if (v.person) items.push([`#/person/${encodeURIComponent(v.person.nip)}`, 'Profil Saya', 'nav-profile']);
  if (can(v, 'selfService') && v.person) {
    const period = selfPeriod();
    if (period) items.push([`#/self/${encodeURIComponent(period)}`, 'Penilaian Diri', 'nav-self']);
    items.push(['#/measurements', 'Isi Capaian', 'nav-measurements']);
    const skpYear = skpCycle();
    if (skpYear) items.push([`#/skp/${encodeURIComponent(v.person.nip)}/${skpYear}`, 'SKP saya', 'nav-skp']);
  }
  if (can(v, 'workLog') && v.person) items.push(['#/catatan-kerja', 'Catatan kerja', 'nav-work-log']);
  if (can(v, 'monitoring')) items.push(['#/monitoring', 'Pemantauan', 'nav-monitoring']);
  items.push(['#/keberatan', 'Keberatan', 'nav-objections']);
  if (can(v, 'readsReports')) items.push(['#/siklus', 'Siklus', 'nav-cycles']);
  if (can(v, 'readsReports')) items.push(['#/jejak-audit', 'Jejak Audit', 'nav-audit']);
  if (v.person) items.push(['#/kata-sandi', 'Ganti kata sandi', 'nav-password']);
  if (can(v, 'managesAgencies')) items.push(['#/perangkat-daerah', 'Perangkat Daerah', 'nav-agencies']);
  const list = h('ul', {}, items.map(([href, text, id]) => h('li', {},
    h('a', { href, id }, text, id === 'nav-tasks' ? taskBadge() : null))));
  const logoutButton = h('button', { type: 'button', id: 'logout', class: 'button-secondary', on: { click: logout } },
    'Keluar');
  // the admin who is also an employee switches role (role_switch.js); the viewer is then read again
  const roleSwitch = roleSwitchControl(v, () => { forgetViewer(); navigate('#/'); });
  nav.replaceChildren(...[list, roleSwitch, logoutButton].filter(Boolean));
  nav.hidden = false;
  if (who) {
    const role = roleLabel(v.role);
    const agency = v.agency ? ` · ${v.agency.name}` : '';
    fill(who, v.person ? h('span', { class: 'who-name' }, v.person.name) : null,
      h('span', { class: 'who-role' }, v.person ? ` (${role})${agency}` : `${role}${agency}`));
  }
  setActiveNav();
}

// the count of "Tugas saya" beside its link (nothing while none awaits or the count is not known)
function taskBadge() {
  if (!taskTotal) return null;
  return [' ', h('span', { class: 'nav-badge', id: 'nav-tasks-count', 'aria-hidden': 'true' }, num(taskTotal, 0)),
    h('span', { class: 'visually-hidden' }, ` (${num(taskTotal, 0)} tugas menunggu)`)];
}

// pages/tasks.js tells the count it has just read: the badge follows without another request
window.addEventListener('kinerja:tasks', (event) => {
  taskTotal = event.detail && Number.isInteger(event.detail.total) ? event.detail.total : taskTotal;
  const link = document.getElementById('nav-tasks');
  if (link) link.replaceChildren('Tugas saya', ...[taskBadge()].flat().filter(Boolean));
});

async function logout() {
  const button = document.getElementById('logout');
  if (button) button.disabled = true;
  try {
    await gql(LOGOUT);
  } catch (e) {
    // the session ends on this side whatever the server answered
  }
  clearSession();
  forgetTarget(); // signing out on purpose: the next sign-in starts at home
  navigate('#/login');
}

async function route() {
  const seq = ++navSeq;
  const hash = location.hash;
  const main = document.getElementById('main');
  const root = h('div', { class: 'page' });
  main.replaceChildren(root);
  // the address this page is for, on <main data-route>: tests wait on it (and then on the heading) rather than on the
  // previous page's heading, which stays until the hashchange of a navigation runs, a task after the address changed
  main.dataset.route = hash;
  // Current while no later route() started and the address is still the one this render is for. The second
  // half matters: the address changes at once on a navigation, but its hashchange (and so the next route())
  // comes a task later, and a render that finished in between (the viewer's answer arriving) would otherwise
  // redirect over the user's navigation.
  const isCurrent = () => seq === navSeq && location.hash === hash;
  const { segments, query } = parseHash();
  const s = session();

  if (segments.length === 0) {
    if (!s) { redirect('#/login'); return; }
  }
  const found = segments.length ? match(segments) : null;
  if (!s && !(found && found.route.open)) {
    forgetViewer();
    renderNav(null);
    rememberTarget(hash);
    redirect('#/login');
    return;
  }
  let v = null;
  if (s) {
    if (!viewer) loading(root);
    try {
      v = await loadViewer();
    } catch (err) {
      if (!isCurrent()) return;
      if (err.kind === 'unauthenticated') return; // api.js sent the browser to #/login
      root.replaceChildren(h('h1', {}, 'Kinerja'), errorBox(err));
      return;
    }
    if (!isCurrent()) return;
  }
  renderNav(v);
  if (segments.length === 0) {
    redirect(takeTarget() || homeHash(v));
    return;
  }
  if (found && found.route.open && v && found.route.pattern[0] === 'login') {
    redirect(takeTarget() || homeHash(v));
    return;
  }
  if (!found) {
    document.title = 'Halaman tidak ditemukan · Kinerja';
    root.replaceChildren(h('h1', {}, 'Halaman tidak ditemukan'),
      h('p', {}, h('a', { href: homeHash(v) }, 'Kembali ke beranda')));
    return;
  }
  const params = { ...found.params, query };
  const ctx = { viewer: v, cycles, navigate, isCurrent, home: homeHash(v) };
  let mod;
  try {
    mod = await import(found.route.module);
  } catch (err) {
    if (isCurrent()) root.replaceChildren(h('h1', {}, 'Kinerja'), errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  try {
    await mod.render(root, params, ctx);
  } catch (err) {
    if (isCurrent() && !(err && err.kind === 'unauthenticated')) root.replaceChildren(h('h1', {}, 'Kinerja'), errorBox(err));
  }
  // focus on the new page's heading (a screen reader reads where the user now is), unless the page has put it
  // somewhere inside itself already (the sign-in page on its NIP field, a form on its first field)
  if (isCurrent()) {
    const heading = root.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      if (!root.contains(document.activeElement)) heading.focus({ preventScroll: true });
    }
  }
}

// Deep links across sign-in: the address asked for while signed out (or when the session ended) is kept for this
// tab and opened after signing in instead of the home page. Only this console's own hash routes: never another
// origin or any other URL (an address that is not '#/' and a known route is dropped).
const TARGET_KEY = 'kinerja.next';

function safeTarget(hash) {
  if (typeof hash !== 'string' || !/^#\/[^\s]*$/.test(hash) || hash.length > 1000) return null;
  const path = hash.slice(2).split('?')[0];
  const segments = path.split('/').filter(Boolean).map((x) => {
    try { return decodeURIComponent(x); } catch (e) { return null; }
  });
  if (!segments.length || segments.includes(null)) return null;
  const found = match(segments);
  return found && !found.route.open ? hash : null;
}

function rememberTarget(hash) {
  const target = safeTarget(hash);
  try {
    if (target) sessionStorage.setItem(TARGET_KEY, target);
  } catch (e) {
    // storage unavailable: the sign-in then leads home
  }
}

function forgetTarget() {
  try { sessionStorage.removeItem(TARGET_KEY); } catch (e) { /* nothing kept */ }
}

function takeTarget() {
  let target = null;
  try { target = sessionStorage.getItem(TARGET_KEY); } catch (e) { return null; }
  forgetTarget();
  return safeTarget(target);
}

window.addEventListener('kinerja:session-cleared', () => {
  rememberTarget(location.hash); // the session ended under this page (api.js): back here after signing in again
  forgetViewer();
  renderNav(null);
});
// the skip link focuses the page area without touching the hash (the router owns it)
document.addEventListener('click', (event) => {
  const link = event.target.closest && event.target.closest('a.skip-link');
  if (!link) return;
  event.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('hashchange', route);
route();
