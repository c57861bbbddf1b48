// Step 6: conditions that postpone a session, and talk-to-a-professional gates. A gate
// answered yes needs its own acknowledgement; while one is open, setup can still finish
// but no session is scheduled.

import { byId, el, fill, qsa } from '../dom.js';
import { openGates } from '../draft.js';
import { CONDITIONS, GATES, labelOf } from '../labels.js';

const ACK_TEXT = 'A professional has told me microneedling is fine for me';

function conditionItem([value, label, why]) {
  const detailId = `condition-why-${value}`;
  return el('div', { class: 'check-item' },
    el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'condition', value, id: `condition-${value}`, 'aria-describedby': detailId }),
      el('span', { class: 'choice-title' }, label)),
    el('div', { class: 'reveal', id: detailId, hidden: true },
      el('p', null, `While this is present, your sessions are postponed. ${why}`)));
}

function gateItem([value, label, why]) {
  const detailId = `gate-detail-${value}`;
  return el('div', { class: 'check-item' },
    el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'gate', value, id: `gate-${value}`, 'aria-controls': detailId }),
      el('span', { class: 'choice-title' }, label)),
    el('div', { class: 'reveal gate', id: detailId, hidden: true },
      el('p', { id: `gate-why-${value}` }, `Talk to a dermatologist or skincare professional first. ${why} Until you tick the box below, no sessions are scheduled.`),
      el('div', { class: 'field check' },
        el('input', { type: 'checkbox', name: 'ack', value, id: `ack-${value}`, 'aria-describedby': `gate-why-${value}` }),
        el('label', { for: `ack-${value}` }, ACK_TEXT,
          el('span', { class: 'visually-hidden' }, ` (${label})`)))));
}

function holdMessage(gates) {
  return [
    el('p', null, el('strong', null, 'No sessions will be scheduled yet.')),
    el('p', null, 'Your answers will be saved, but no sessions will be scheduled until a professional has told you microneedling is fine for you and you tick the confirmation for:'),
    el('ul', null, gates.map((g) => el('li', null, labelOf(GATES, g)))),
    el('p', null, 'You can still finish setup now and confirm later.'),
  ];
}

function update(ctx) {
  for (const box of qsa('input[name="condition"]')) {
    byId(`condition-why-${box.value}`).hidden = !box.checked;
  }
  for (const box of qsa('input[name="gate"]')) {
    byId(`gate-detail-${box.value}`).hidden = !box.checked;
    // An acknowledgement only exists for a question answered yes.
    if (!box.checked) byId(`ack-${box.value}`).checked = false;
  }
  ctx.sync();
  const open = openGates(ctx.draft);
  const hold = byId('gate-hold');
  fill(hold, open.length ? holdMessage(open) : []);
  hold.hidden = open.length === 0;
}

export const safety = {
  init(ctx) {
    fill(byId('condition-list'), CONDITIONS.map(conditionItem));
    fill(byId('gate-list'), GATES.map(gateItem));
    byId('conditions').addEventListener('change', () => update(ctx));
    byId('gates').addEventListener('change', () => update(ctx));
  },
  restore: update,
  enter: update,
};
