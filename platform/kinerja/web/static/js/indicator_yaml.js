// A small YAML emitter for one indicator spec (the editor's form -> the YAML beside it). Strings that are not plain
// words are written JSON-style in double quotes (valid YAML); mappings and lists of scalars in flow style
// ({a: 1}, [x, y]), others in block style; the indicator's keys in the spec files' order.

const KEY_ORDER = ['code', 'name', 'name_en', 'unit', 'direction', 'level', 'periods', 'inputs', 'checks', 'formula',
  'calculator', 'target', 'rating', 'achievement'];
const PLAIN = /^[A-Za-z_][A-Za-z0-9_.]*$/;
// words YAML would read as something other than a string
const RESERVED = /^(y|n|yes|no|on|off|true|false|null)$/i;

function isScalar(v) {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function quoted(s) {
  // JSON's escapes are YAML's; also escape what YAML will not take raw (C1 controls, DEL, line/paragraph separators)
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function scalar(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : quoted(String(v));
  const s = String(v);
  return PLAIN.test(s) && !RESERVED.test(s) ? s : quoted(s);
}

function key(k) {
  return scalar(String(k));
}

function flow(v) {
  if (Array.isArray(v)) return `[${v.map((x) => (isScalar(x) ? scalar(x) : flow(x))).join(', ')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${key(k)}: ${isScalar(x) ? scalar(x) : flow(x)}`).join(', ')}}`;
  }
  return scalar(v);
}

// flat: a list or mapping of scalars only (written on one line)
function flat(v) {
  if (Array.isArray(v)) return v.every(isScalar);
  return Object.values(v).every((x) => x === undefined || isScalar(x));
}

function block(v, indent) {
  const pad = ' '.repeat(indent);
  const lines = [];
  if (Array.isArray(v)) {
    for (const x of v) {
      if (isScalar(x) || flat(x)) lines.push(`${pad}- ${isScalar(x) ? scalar(x) : flow(x)}`);
      else lines.push(`${pad}-\n${block(x, indent + 2)}`);
    }
  } else {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (isScalar(x)) lines.push(`${pad}${key(k)}: ${scalar(x)}`);
      else if (flat(x) || (Array.isArray(x) ? !x.length : !Object.keys(x).length)) lines.push(`${pad}${key(k)}: ${flow(x)}`);
      else lines.push(`${pad}${key(k)}:\n${block(x, indent + 2)}`);
    }
  }
  return lines.join('\n');
}

// the spec (a plain object) as YAML text, its keys in the spec files' order, undefined values left out
export function emitSpec(spec) {
  const ordered = {};
  for (const k of KEY_ORDER) if (spec[k] !== undefined) ordered[k] = spec[k];
  for (const [k, x] of Object.entries(spec)) if (!(k in ordered) && x !== undefined) ordered[k] = x;
  return `${block(ordered, 0)}\n`;
}
