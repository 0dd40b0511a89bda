// The console's one table of roles (services/core/access.py's Role): each role's label and what the console
// offers it. A new role is one row here; the server still decides every answer.

const ROLES = {
  ADMIN: { label: 'Admin', managesAgencies: true, setsOrgPredikat: true, managesUnits: true,
    setsServicePopulation: true, dashboard: true, readsReports: true, selfService: false,
    monitoring: true, setsUnitOrgPredikat: true, managesPeople: true, managesCycles: true, standsInAsAssessor: true,
    reopensRatings: true, reloadsSpecs: true, setsCreditCoefficients: true },
  AGENCY_ADMIN: { label: 'Admin Perangkat Daerah', managesUnits: true, setsServicePopulation: true,
    dashboard: true, readsReports: true, selfService: false,
    monitoring: true, setsUnitOrgPredikat: true, managesPeople: true, setsCreditCoefficients: true },
  EMPLOYEE: { label: 'Pegawai', dashboard: false, readsReports: false, selfService: true,
    workLog: true, assessesAsOfficial: true },
};

// The Indonesian label of a role ('Peran tidak dikenal' for one this console does not know).
export function roleLabel(role) {
  return ROLES[role] ? ROLES[role].label : 'Peran tidak dikenal';
}

// Whether the console offers the viewer a capability: 'dashboard' (the cross-agency dashboard, the home page),
// 'readsReports' (spec errors, reports, audit), 'selfService' (self-assessment and own measurements), 'workLog'
// (the own work log), 'monitoring' (SKP, work-log and feedback monitoring; a supervisor reaches it from the own
// person page), 'setsUnitOrgPredikat' (a unit's organisation predikat, on the agency page: the level above the unit),
// 'managesPeople' (transfers on the person page, acting officials on the agency page), 'managesCycles' (creating
// cycles and moving their status, on #/siklus), 'managesAgencies' (#/perangkat-daerah: adding and renaming agencies),
// 'setsOrgPredikat' (an agency's organisation predikat, on the agency page), 'managesUnits' (adding and editing units,
// on the agency page), 'setsServicePopulation' (the IKM's service populations, on the agency page),
// 'reopensRatings' ("Buka kembali penilaian" on a finalized rating), 'reloadsSpecs' ("Muat ulang spesifikasi" on
// the catalogue), 'setsCreditCoefficients' (#/jabatan/<agency>: the functional posts' credit-point coefficients,
// linked from the agency page).
export function can(viewer, capability) {
  const row = viewer ? ROLES[viewer.role] : null;
  return Boolean(row && row[capability]);
}

// Whether the viewer writes the supervisor assessment of the person (NIP) for a period whose assessing official is
// `found` (Person.assessingOfficial: null when there is none), as the server decides (services/evaluation/
// assessments.py, _assessor): the assessing official signed in as an employee ('assessesAsOfficial'; an agency admin
// who is also a supervisor assesses from an employee sign-in), or, where there is no official, an ADMIN that
// stands for another person ('standsInAsAssessor').
export function mayAssess(viewer, nip, found) {
  const me = viewer && viewer.person ? viewer.person.nip : null;
  if (!me) return false;
  if (found) return can(viewer, 'assessesAsOfficial') && found.official.nip === me;
  return can(viewer, 'standsInAsAssessor') && me !== nip;
}
