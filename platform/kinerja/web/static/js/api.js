// GraphQL client (post: the bare request; gql: the console's) and the session (kinerja.token/.expiresAt).
// No top-level side effects: the public survey page imports post() too.

import { sha256Hex } from './sha256.js';

const TOKEN_KEY = 'kinerja.token';
const EXPIRES_KEY = 'kinerja.expiresAt';

export class ApiError extends Error {
  // kind: 'network' | 'http' | 'graphql' | 'unauthenticated' | 'forbidden'
  constructor(kind, message, { status = null, errors = [] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.errors = errors;
  }
}

export function session() {
  let token, expiresAt;
  try {
    token = sessionStorage.getItem(TOKEN_KEY);
    expiresAt = sessionStorage.getItem(EXPIRES_KEY);
  } catch (e) {
    return null;
  }
  if (!token) return null;
  if (expiresAt) {
    const t = Date.parse(expiresAt);
    if (!Number.isNaN(t) && t <= Date.now()) {
      clearSession();
      return null;
    }
  }
  return { token, expiresAt: expiresAt || null };
}

export function saveSession(token, expiresAt) {
  sessionStorage.setItem(TOKEN_KEY, token);
  if (expiresAt) sessionStorage.setItem(EXPIRES_KEY, expiresAt);
  else sessionStorage.removeItem(EXPIRES_KEY);
}

export function clearSession() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(EXPIRES_KEY);
  } catch (e) { /* storage unavailable: nothing to clear */ }
  window.dispatchEvent(new CustomEvent('kinerja:session-cleared'));
}

function codeOf(error) {
  return (error && error.extensions && error.extensions.code) || null;
}

function toLogin() {
  clearSession();
  if (!location.hash.startsWith('#/login')) location.hash = '#/login';
}

// One POST of a GraphQL request to /graphql, for the console and the public survey alike: the answer's HTTP status
// and its JSON body (null when it is not JSON) with the GraphQL errors; what they mean is the caller's to decide.
// Throws ApiError('network') when no answer comes. token: sent as a bearer token; credentials: fetch's.
//
// The document goes as a trusted document's id (`documentId`: sha256 of its text, graphql/trusted_documents.py),
// never its text, so that a server with KINERJA_TRUSTED_DOCUMENTS=only runs it; a server whose manifest lacks it
// (PERSISTED_QUERY_NOT_FOUND: a console newer than the server's manifest) gets the text once more, which a server
// that allows documents runs.
export async function post(query, variables = {}, { token = null, credentials = 'same-origin' } = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': 'id' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const send = async (payload) => {
    let response;
    try {
      response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(payload), credentials });
    } catch (e) {
      throw new ApiError('network', e && e.message ? e.message : 'Network error');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    const errors = (body && Array.isArray(body.errors)) ? body.errors : [];
    return { status: response.status, ok: response.ok, body, errors };
  };
  const answer = await send({ documentId: `sha256:${sha256Hex(query)}`, variables });
  if (answer.status === 400 && answer.errors.map(codeOf).includes('PERSISTED_QUERY_NOT_FOUND')) {
    return send({ query, variables });
  }
  return answer;
}

// The console's request: with the session's token; returns `data`, throws ApiError (UNAUTHENTICATED: to #/login).
export async function gql(query, variables = {}) {
  const s = session();
  const { status, ok, body, errors } = await post(query, variables, { token: s ? s.token : null });
  const codes = errors.map(codeOf);
  if (status === 401 || codes.includes('UNAUTHENTICATED')) {
    toLogin();
    throw new ApiError('unauthenticated', errors[0] ? errors[0].message : 'Not signed in', { status, errors });
  }
  if (status === 403 || codes.includes('FORBIDDEN')) {
    throw new ApiError('forbidden', errors[0] ? errors[0].message : 'Forbidden', { status, errors });
  }
  if (!ok && !(body && body.data)) {
    throw new ApiError('http', (errors[0] && errors[0].message) || `HTTP ${status}`, { status, errors });
  }
  if (errors.length) {
    throw new ApiError('graphql', errors.map((e) => e.message).join('; '), { status, errors });
  }
  if (!body || !body.data) throw new ApiError('http', `HTTP ${status}`, { status });
  return body.data;
}
