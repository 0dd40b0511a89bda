// The console's GraphQL documents, for the trusted documents' manifest (`kinerja documents collect`): imports every
// module under static/js and prints, as one JSON object, {documents: [text, ...], failed: [module, ...]}: each
// exported string constant that is a GraphQL operation (it starts with `query`, `mutation` or `{`) and each string
// of an exported DOCUMENTS array (the variants a module builds at run time), exactly as the console sends them.
// `failed` names the modules that cannot be imported outside a page (they act on it when imported); they must hold
// no document of their own (tests/test_trusted_documents.py checks it).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), 'static', 'js');
const OPERATION = /^\s*(query\b|mutation\b|\{)/;

function modules(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

// a page script imported here may start work that fails later (it has no page): that is not the collector's concern
process.on('unhandledRejection', () => {});
process.on('uncaughtException', () => {});

const documents = new Set();
const failed = [];
for (const path of modules(ROOT)) {
  let exported;
  try {
    exported = await import(pathToFileURL(path).href);
  } catch (e) {
    failed.push(relative(ROOT, path));
    continue;
  }
  for (const [name, value] of Object.entries(exported)) {
    const texts = name === 'DOCUMENTS' && Array.isArray(value) ? value : [value];
    for (const text of texts) {
      if (typeof text === 'string' && OPERATION.test(text)) documents.add(text);
    }
  }
}
console.log(JSON.stringify({ documents: [...documents].sort(), failed: failed.sort() }));
