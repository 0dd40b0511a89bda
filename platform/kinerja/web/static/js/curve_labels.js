// The distribution curve in words (SE MenPANRB 3/2023): the rules come from the server (curveRules, a report
// row's `reference`), never from here; this module only says them in Indonesian, with the labels of ui.js.

import { num, PREDIKAT, ORG_PREDIKAT } from './ui.js';

// "Butuh Perbaikan + Kurang/Misconduct"
export function predikatLabel(list) {
  return (list || []).map((p) => PREDIKAT[p] || 'Predikat tidak dikenal').join(' + ');
}

// the bound of one rule without its predikat: "lebih dari 50 %", "paling banyak 70 %", "paling sedikit 1 orang"
export function boundWords(rule) {
  if (rule.kind === 'MAXIMUM') return `paling banyak ${num(rule.percent, 1)} %`;
  if (rule.kind === 'MINIMUM') return `paling sedikit ${num(rule.percent, 1)} %`;
  if (rule.kind === 'MORE_THAN') return `lebih dari ${num(rule.percent, 1)} %`;
  return `paling sedikit ${num(rule.count, 0)} orang`;
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// the rules of one organisation predikat, consecutive rules on the same predikat joined:
// "Sangat Baik lebih dari 50 %, paling banyak 70 %; Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang"
export function rulesText(rules) {
  if (!rules || !rules.length) return 'Tanpa aturan sebaran.';
  const parts = [];
  let last = null;
  for (const rule of rules) {
    if (last && same(last.predikat, rule.predikat)) parts[parts.length - 1] += `, ${boundWords(rule)}`;
    else parts.push(`${predikatLabel(rule.predikat)} ${boundWords(rule)}`);
    last = rule;
  }
  return parts.join('; ');
}

// "Istimewa: Sangat Baik lebih dari 50 %, paling banyak 70 %"
export function curveText(orgPredikat, rules) {
  return `${ORG_PREDIKAT[orgPredikat] || 'Predikat tidak dikenal'}: ${rulesText(rules)}`;
}

// one rule of a row's reference with its people for that headcount:
// "Sangat Baik lebih dari 50 %: perlu ≥ 4 dari 6, ada 3 (belum terpenuhi)"
export function boundText(b) {
  const need = b.kind === 'MAXIMUM' ? `boleh ≤ ${num(b.limit, 0)}` : `perlu ≥ ${num(b.limit, 0)}`;
  let state;
  if (b.kind === 'MAXIMUM') state = b.breached ? 'melampaui acuan' : 'sesuai acuan';
  else if (b.breached) state = 'tidak dapat terpenuhi lagi';
  else state = b.actual >= b.limit ? 'terpenuhi' : 'belum terpenuhi';
  return `${predikatLabel(b.predikat)} ${boundWords(b)}: ${need} dari ${num(b.total, 0)}, ada ${num(b.actual, 0)} `
    + `(${state})`;
}

// the reference share of a bound in percent, for a chart: its percentage, or MIN_COUNT's people among the total
export function boundPercent(b) {
  if (b.kind === 'MIN_COUNT') return b.total ? (100 * b.limit) / b.total : 0;
  return b.percent;
}
