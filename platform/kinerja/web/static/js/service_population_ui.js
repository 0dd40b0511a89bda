// The agency page's "Jumlah penerima layanan (IKM)" (ADMIN and the agency's admin, 'setsServicePopulation'): the
// service populations set for the agency as a whole and for its units (Agency.servicePopulations), each with the
// minimum sample of the survey it gives (Krejcie-Morgan, computed by the server), and a form to set one
// (setServicePopulation). The server keeps one population per agency and per unit, not per period: the form says so.
// Every problem is said in Indonesian beside its field.

import { gql } from './api.js';
import { h, fill, errorBox, num } from './ui.js';
import { isCurrentOf } from './forms.js';
import { showErrors, requestFailed } from './unit_admin.js';

export const READ = `query($code: String!) { agency(code: $code) {
  servicePopulations(first: 1000) { unit population requiredSample } } }`;
export const SET = `mutation($agency: String!, $unit: String, $population: Int!) {
  setServicePopulation(agency: $agency, unit: $unit, population: $population) {
    servicePopulation { unit population requiredSample } errors { path code message } } }`;
const WHOLE = '';  // the select's value for the agency as a whole
const INT_MAX = 2147483647;  // GraphQL's Int; the server's own range is narrower and said in its answer

export function servicePopulationSection(agency, agencyName, units, ctx) {
  const isCurrent = isCurrentOf(ctx);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const box = h('div', { id: 'population-list' });
  let current = new Map();

  const service = h('select', { id: 'population-service', name: 'unit' },
    h('option', { value: WHOLE }, `Seluruh ${agencyName}`),
    units.map((u) => h('option', { value: u.code }, `${u.name} (${u.code})`)));
  const population = h('input', { id: 'population-value', name: 'population', type: 'number', inputmode: 'numeric',
    min: '1', step: '1', required: true });
  const button = h('button', { type: 'submit', id: 'population-save' }, 'Simpan');
  const general = h('div', { id: 'population-status', 'aria-live': 'polite' });
  const prefill = () => {
    const found = current.get(service.value || WHOLE);
    population.value = found ? String(found.population) : '';
  };
  service.addEventListener('change', prefill);

  const show = (rows, notice) => {
    current = new Map(rows.map((r) => [r.unit || WHOLE, r]));
    fill(box,
      notice ? h('p', { class: 'notice', role: 'status', id: 'population-notice' }, notice) : null,
      rows.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'population-table' },
        h('caption', {}, 'Jumlah penerima layanan yang ditetapkan'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Layanan'),
          h('th', { scope: 'col', class: 'num' }, 'Jumlah penerima layanan'),
          h('th', { scope: 'col', class: 'num' }, 'Sampel minimal survei'))),
        h('tbody', {}, rows.map((r) => h('tr', { 'data-population': r.unit || WHOLE },
          h('th', { scope: 'row', 'data-col': 'service' }, r.unit ? `${names.get(r.unit) || r.unit} (${r.unit})`
            : `Seluruh ${agencyName}`),
          h('td', { class: 'num', 'data-col': 'population' }, num(r.population, 0)),
          h('td', { class: 'num', 'data-col': 'requiredSample' }, num(r.requiredSample, 0)))))))
        : h('p', { class: 'empty', id: 'population-empty' }, 'Belum ada jumlah penerima layanan yang ditetapkan.'));
    prefill();
  };

  const load = async (notice = null) => {
    box.setAttribute('aria-busy', 'true');
    try {
      const data = await gql(READ, { code: agency });
      if (!isCurrent()) return;
      show(data.agency ? data.agency.servicePopulations : [], notice);
    } catch (err) {
      if (isCurrent()) box.replaceChildren(errorBox(err));
    } finally {
      box.removeAttribute('aria-busy');
    }
  };

  const form = h('form', { id: 'population-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'population-service' }, 'Layanan (perangkat daerah atau unit)'),
      service),
    h('div', { class: 'field' }, h('label', { for: 'population-value' }, 'Jumlah penerima layanan (orang)'),
      population),
    button, general);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = population.value.trim();
    const n = Number(text);
    if (!/^\d+$/.test(text) || n > INT_MAX) {
      showErrors([{ path: ['population'], code: 'INVALID', message: text
        ? 'Jumlah penerima layanan harus berupa bilangan bulat.' : 'Jumlah penerima layanan wajib diisi.' }],
      { population }, general);
      return;
    }
    button.disabled = true;
    general.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Menyimpan…'));
    let answer;
    try {
      answer = (await gql(SET, { agency, unit: service.value || null, population: n })).setServicePopulation;
    } catch (err) {
      if (isCurrent()) requestFailed(general, err);
      return;
    } finally {
      button.disabled = false;
    }
    if (!isCurrent() || showErrors(answer.errors, { population, unit: service, agency: service }, general)) return;
    general.replaceChildren();
    const saved = answer.servicePopulation;
    const where = saved.unit ? names.get(saved.unit) || saved.unit : `seluruh ${agencyName}`;
    load(`Jumlah penerima layanan ${where} disimpan: ${num(saved.population, 0)} orang (sampel minimal `
      + `${num(saved.requiredSample, 0)} responden).`);
  });

  // folded until opened: the agency page opens with its own one request, this section's is read on demand
  const details = h('details', { class: 'card', id: 'population-details' },
    h('summary', {}, h('h2', { id: 'population-title', class: 'summary-title' }, 'Jumlah penerima layanan (IKM)')));
  details.addEventListener('toggle', () => { if (details.open && !box.childNodes.length) load(); });
  details.append(
    h('p', { class: 'muted' }, 'Jumlah penerima layanan ditetapkan untuk perangkat daerah secara keseluruhan dan untuk '
      + 'tiap unit layanan; berlaku untuk semua periode sampai diubah. Dari jumlah ini server menghitung sampel '
      + 'minimal survei kepuasan masyarakat (Krejcie-Morgan).'),
    box, h('div', {}, h('h3', {}, 'Tetapkan jumlah penerima layanan'), form));
  return h('section', { 'aria-labelledby': 'population-title' }, details);
}
