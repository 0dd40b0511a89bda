// The catalogue card's actions on one indicator: "Riwayat" for every indicator; for a console indicator, to ADMIN
// and the agency's admin, "Ubah" (a draft begun from its current version) and "Pensiunkan" (a reason, then a
// confirmation).

import { h, fieldError } from './ui.js';
import { retireIndicator, confirmStep, failText } from './indicator_steps.js';
import { problemList } from './indicator_preview.js';

function manages(viewer, ind) {
  if (!viewer) return false;
  if (viewer.role === 'ADMIN') return true;
  return viewer.role === 'AGENCY_ADMIN' && viewer.agency && viewer.agency.code === ind.agency.code;
}

export function indicatorActions(ind, viewer) {
  const code = encodeURIComponent(ind.code);
  const history = h('a', { href: `#/indikator/${code}/riwayat`, 'data-action': 'history' }, 'Riwayat');
  if (ind.origin !== 'CONSOLE' || !manages(viewer, ind)) {
    return h('p', { class: 'actions' }, history);
  }
  const edit = h('a', { href: `#/indikator/draf/baru?dari=${code}`, 'data-action': 'edit' }, 'Ubah');
  const retire = h('button', { type: 'button', class: 'button-secondary', 'data-action': 'retire' }, 'Pensiunkan');
  const box = h('div', { class: 'retire-box', hidden: true });
  retire.addEventListener('click', () => {
    const reason = h('textarea', { id: `retire-${ind.code}-reason`, rows: '2', maxlength: '2000' });
    const go = h('button', { type: 'button' }, 'Lanjut');
    const status = h('div', { 'aria-live': 'polite' });
    const confirmBox = h('div', { hidden: true });
    box.replaceChildren(h('div', { class: 'field' }, h('label', { for: reason.id }, 'Alasan pensiun'), reason),
      h('div', { class: 'actions' }, go), confirmBox, status);
    box.hidden = false;
    reason.focus();
    go.addEventListener('click', () => {
      fieldError(reason, null);
      if (!reason.value.trim()) { fieldError(reason, 'Tuliskan alasan indikator dipensiunkan.'); reason.focus(); return; }
      confirmStep(confirmBox, {
        id: `retire-${ind.code}-confirm`, title: 'Pensiunkan indikator ini?', confirmLabel: 'Ya, pensiunkan',
        text: 'Indikator tidak lagi menerima target dan capaian baru; riwayat, target dan capaiannya tetap tersimpan.',
        onConfirm: async () => {
          try {
            const answer = await retireIndicator(ind.code, reason.value.trim());
            if (answer.errors.length) {
              status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Indikator belum dipensiunkan.'),
                problemList(answer.errors)));
              return;
            }
            confirmBox.hidden = true;
            box.replaceChildren(h('p', { class: 'success', role: 'status' }, 'Indikator dipensiunkan.'));
            retire.disabled = true;
          } catch (err) {
            status.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, failText(err))));
          }
        },
      });
    });
  });
  return h('div', {}, h('p', { class: 'actions' }, edit, ' ', history, ' ', retire), box);
}
