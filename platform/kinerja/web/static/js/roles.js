// The console's one table of roles (services/core/access.py's Role): each role's label and what the console
// offers it. A new role is one row here; the server still decides every answer.

const ROLES = {
  ADMIN: { label: 'Admin', dashboard: true, readsReports: true, selfService: false,
    monitoring: true, setsUnitOrgPredikat: true, managesPeople: true, managesCycles: true },
  AGENCY_ADMIN: { label: 'Admin Perangkat Daerah', dashboard: true, readsReports: true, selfService: false,
    monitoring: true, setsUnitOrgPredikat: true, managesPeople: true },
  EMPLOYEE: { label: 'Pegawai', dashboard: false, readsReports: false, selfService: true,
    workLog: true },
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
// cycles and moving their status, on #/siklus).
export function can(viewer, capability) {
  const row = viewer ? ROLES[viewer.role] : null;
  return Boolean(row && row[capability]);
}
