// Step 6: the safety questions of GUIDANCE §2 in four groups, each with a one-click "None
// of these": conditions present now (a hold until they clear), recent procedures on the
// area (a hold for a set time), and talk-to-a-professional gates (no session until
// acknowledged). A history of cold sores only adds a checklist note.

import { byId, el, fill, qsa } from '../dom.js';
import { openGates } from '../draft.js';
import { clearError, showError } from '../errors.js';
import { isIsoDate } from '../format.js';
import {
  CONDITIONS, GATES, PROCEDURES, SAFETY_EFFECTS, SAFETY_GROUPS, labelOf,
} from '../labels.js';

const ACK_TEXT = 'A professional has told me microneedling is fine for me';

/** Where each kind of answer's rule comes from, as the app says (set on init). */
let sources = {};

function effectNote(kind, id) {
  return el('p', { class: 'effect-note muted', id }, `${SAFETY_EFFECTS[kind]}. Source: ${sources[kind]}.`);
}

function conditionItem([value, label, why]) {
  const detailId = `condition-why-${value}`;
  return el('div', { class: 'check-item' },
    el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'condition', value, id: `condition-${value}`, 'aria-describedby': detailId }),
      el('span', { class: 'choice-title' }, label)),
    el('div', { class: 'reveal', id: detailId, hidden: true },
      el('p', null, `While this is present, no session is planned or reminded. ${why} When it has cleared, say so on Today.`),
      effectNote('condition', `condition-effect-${value}`)));
}

function procedureItem([value, label, wait]) {
  const detailId = `procedure-detail-${value}`;
  const dateId = `procedure-date-${value}`;
  return el('div', { class: 'check-item' },
    el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'procedure', value, id: `procedure-${value}`, 'aria-controls': detailId }),
      el('span', { class: 'choice-title' }, label)),
    el('div', { class: 'reveal', id: detailId, hidden: true },
      el('div', { class: 'field' },
        el('label', { for: dateId }, 'When was it (or when is it booked)?'),
        el('input', { type: 'date', id: dateId, 'aria-describedby': `procedure-effect-${value}` })),
      el('p', { id: `procedure-effect-${value}`, class: 'muted' },
        `Sessions wait ${wait} after it. Source: ${sources.procedure}.`)));
}

function gateItem([value, label, why]) {
  const detailId = `gate-detail-${value}`;
  return el('div', { class: 'check-item' },
    el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'gate', value, id: `gate-${value}`, 'aria-controls': detailId }),
      el('span', { class: 'choice-title' }, label)),
    el('div', { class: 'reveal gate', id: detailId, hidden: true },
      el('p', { id: `gate-why-${value}` }, `Talk to a dermatologist or skincare professional first. ${why} Until you tick the box below, no sessions are scheduled.`),
      effectNote('gate', `gate-effect-${value}`),
      el('div', { class: 'field check' },
        el('input', { type: 'checkbox', name: 'ack', value, id: `ack-${value}`, 'aria-describedby': `gate-why-${value}` }),
        el('label', { for: `ack-${value}` }, ACK_TEXT,
          el('span', { class: 'visually-hidden' }, ` (${label})`)))));
}

function coldSoreItem() {
  return el('div', { class: 'check-item' },
    el('label', { class: 'choice' },
      el('input', { type: 'checkbox', id: 'cold-sore-history', 'aria-describedby': 'cold-sore-effect' }),
      el('span', { class: 'choice-title' }, 'I have had cold sores (even if none now)')),
    el('p', { id: 'cold-sore-effect', class: 'effect-note muted' },
      `Professional sessions: ask about antiviral prophylaxis; at home: leave the lip area out if one is starting. ${SAFETY_EFFECTS.history}. Source: ${sources.history}.`));
}

function items(kind, keys) {
  if (kind === 'condition') return CONDITIONS.map(conditionItem);
  if (kind === 'procedure') return PROCEDURES.map(procedureItem);
  return keys.map((k) => gateItem(GATES.find(([g]) => g === k)));
}

function group([id, legend, hint, kind, keys]) {
  const list = items(kind, keys);
  if (id === 'skin') list.push(coldSoreItem());
  return el('fieldset', { id: `safety-${id}`, class: 'group safety-group', dataset: { group: id } },
    el('legend', null, legend),
    el('p', { class: 'hint' }, hint),
    el('label', { class: 'choice none-choice' },
      el('input', { type: 'checkbox', name: 'none', value: id, id: `none-${id}` }),
      el('span', { class: 'choice-title' }, 'None of these')),
    el('div', { class: 'check-list' }, list));
}

/** The answer boxes of a group (everything but its "none"). */
const answers = (fieldset) => qsa('input[type="checkbox"]:not([name="none"]):not([name="ack"])', fieldset);

function holdMessage(gates) {
  return [
    el('p', null, el('strong', null, 'No sessions will be scheduled yet.')),
    el('p', null, 'Your answers will be saved, but no sessions will be scheduled until a professional has told you microneedling is fine for you and you tick the confirmation for:'),
    el('ul', null, gates.map((g) => el('li', null, labelOf(GATES, g)))),
    el('p', null, 'You can still finish setup now and confirm later, on Today or in Settings.'),
  ];
}

/** "None of these" and the answers exclude each other, in one click either way. */
function exclusive(event) {
  const box = event.target;
  if (box.type !== 'checkbox' || box.name === 'ack') return;
  const fieldset = box.closest('fieldset.safety-group');
  if (!fieldset) return;
  if (box.name === 'none' && box.checked) {
    for (const other of answers(fieldset)) other.checked = false;
  } else if (box.name !== 'none' && box.checked) {
    byId(`none-${fieldset.dataset.group}`).checked = false;
  }
}

function update(ctx) {
  for (const box of qsa('input[name="condition"]')) byId(`condition-why-${box.value}`).hidden = !box.checked;
  for (const box of qsa('input[name="procedure"]')) byId(`procedure-detail-${box.value}`).hidden = !box.checked;
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
    sources = ctx.safetySources;
    fill(byId('safety-groups'), SAFETY_GROUPS.map(group));
    const root = byId('safety-groups');
    root.addEventListener('change', (event) => {
      exclusive(event);
      update(ctx);
    });
    for (const [key] of PROCEDURES) {
      byId(`procedure-date-${key}`).addEventListener('input', () => clearError(`procedure-date-${key}`));
    }
  },
  restore: update,
  enter: update,
  validate(ctx) {
    let ok = true;
    for (const [key] of PROCEDURES) {
      if (!byId(`procedure-${key}`).checked) continue;
      const id = `procedure-date-${key}`;
      const value = byId(id).value;
      if (!isIsoDate(value)) {
        showError(id, 'Enter the date of the treatment, for example 2026-11-20.');
        ok = false;
      } else if (value < '1900-01-01' || value > '2200-12-31') {
        showError(id, 'Enter a date between 1900 and 2200.');
        ok = false;
      }
    }
    if (!ok) ctx.announce?.('A treatment date is missing.');
    return ok;
  },
};
