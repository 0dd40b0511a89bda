// GraphiQL at /graphql in development, served from the package (vendor/graphiql-3.8.3, vendor/react-18.2.0) so it
// works without internet, under the console's Content-Security-Policy (no inline script). The API token is kept in
// this tab's session storage only (never local storage, never in the address) and sent as the Authorization header;
// GraphiQL's own state (tabs, query, variables) lives in session storage too and headers are not persisted.
'use strict';

(function main() {
  const TOKEN_KEY = 'kinerja.graphiql.token';
  const tokenInput = document.getElementById('ide-token');
  const state = document.getElementById('ide-token-state');
  const say = () => {
    state.textContent = sessionStorage.getItem(TOKEN_KEY) ? 'Token dipakai (tab ini saja).' : 'Tanpa token.';
  };

  document.getElementById('ide-token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    tokenInput.value = '';
    say();
  });
  document.getElementById('ide-token-clear').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    tokenInput.value = '';
    say();
  });
  say();

  // GraphiQL's storage (a Storage-like object), on session storage under its own prefix
  const PREFIX = 'kinerja.graphiql:';
  const storage = {
    getItem: (key) => sessionStorage.getItem(PREFIX + key),
    setItem: (key, value) => sessionStorage.setItem(PREFIX + key, value),
    removeItem: (key) => sessionStorage.removeItem(PREFIX + key),
    clear: () => {
      Object.keys(sessionStorage).filter((k) => k.startsWith(PREFIX)).forEach((k) => sessionStorage.removeItem(k));
    },
    get length() { return Object.keys(sessionStorage).filter((k) => k.startsWith(PREFIX)).length; },
  };

  async function fetcher(params) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch('/graphql', {
      method: 'POST', headers, body: JSON.stringify(params), credentials: 'same-origin',
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (e) {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  }

  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    storage,
    shouldPersistHeaders: false,
    defaultQuery: '# Kinerja GraphQL: tempel token API di atas, lalu jalankan (Ctrl-Enter).\n{\n  me {\n    role\n  }\n}\n',
  }));
}());
