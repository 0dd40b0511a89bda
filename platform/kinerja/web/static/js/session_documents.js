// The GraphQL documents of signing in and out and of the viewer, apart from app.js and role_switch.js (which act
// on the page when imported), so that the trusted-documents collector (web/collect_documents.mjs) can import them.

export const VIEWER_QUERY = '{ me { role agency { code name } person { nip name } } cycles { year status periods evaluationPeriods } myTasks { total } }';

export const LOGIN = `mutation($nip: String!, $password: String!, $role: Role) {
  login(nip: $nip, password: $password, role: $role) { token expiresAt role mustChangePassword errors { path code message } }
}`;

export const LOGOUT = 'mutation { logout }';
