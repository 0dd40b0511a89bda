// The graphql-http audit suite against a running server: node audit.mjs http://127.0.0.1:PORT/graphql
// prints one JSON line: [{id, name, status (ok | notice | warn | error), reason}] (tests/test_graphql_http_audit.py)
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
console.log(JSON.stringify(results.map((r) => ({ id: r.id, name: r.name, status: r.status, reason: r.reason || null }))));
