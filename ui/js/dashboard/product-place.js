// A product's place in the routine (issue 14, item 1): its step (proposed by Needlewise,
// confirmed or changed by the person), morning/evening, which days, and its order within
// the step. "Unsorted" takes it out of the routine without losing it.

import * as api from '../api.js';
import { el } from '../dom.js';
import { labelOf, STEPS, WEEKDAYS, WHEN_LABELS } from '../labels.js';
import { actionError, busy, clearActionError } from './common.js';

const options = (list, selected) => list.map(([key, label]) => el('option', { value: key, selected: key === selected }, label));

/** The place editor for `place` ({productId, name, placement, proposed}). */
export function placeForm(ctx, place) {
  const id = place.productId;
  const current = place.placement;
  const step = current?.step ?? place.proposed ?? '';
  const weekdays = current?.usage.weekdays ?? [1, 2, 3, 4, 5, 6, 7];
  const save = el('button', { type: 'submit', class: 'secondary small', id: `place-save-${id}` }, 'Save place');
  const proposal = !current && place.proposed
    ? el('p', { class: 'hint', id: `place-hint-${id}` }, `Proposed step: ${labelOf(STEPS, place.proposed)}. Confirm it or choose another.`)
    : null;
  const form = el('form', { class: 'place-form', novalidate: true, 'aria-label': `Place ${place.name} in your routine` },
    el('fieldset', null,
      el('legend', null, 'Its place in your routine'),
      proposal,
      el('div', { class: 'place-row' },
        el('div', { class: 'field inline' },
          el('label', { for: `place-step-${id}` }, 'Step'),
          el('select', { id: `place-step-${id}`, 'aria-describedby': proposal ? `place-hint-${id}` : null },
            el('option', { value: '', selected: step === '' }, 'Unsorted'), options(STEPS, step))),
        el('div', { class: 'field inline' },
          el('label', { for: `place-when-${id}` }, 'When'),
          el('select', { id: `place-when-${id}` }, options(WHEN_LABELS, current?.usage.when ?? 'both'))),
        el('div', { class: 'field inline' },
          el('label', { for: `place-position-${id}` }, 'Order in the step'),
          el('input', { type: 'number', id: `place-position-${id}`, min: '0', max: '99', step: '1', value: String(current?.position ?? 0), class: 'narrow' }))),
      el('fieldset', { class: 'weekdays' },
        el('legend', null, 'Days'),
        WEEKDAYS.map(([n, label]) => el('span', { class: 'field check inline' },
          el('input', { type: 'checkbox', id: `place-day-${id}-${n}`, value: String(n), checked: weekdays.includes(n) }),
          el('label', { for: `place-day-${id}-${n}` }, label)))),
      el('div', { class: 'form-actions' }, save)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, () => submit(ctx, form, place));
  });
  // Placed products fold the form away behind where they are; unsorted ones show it.
  return el('details', { class: 'place', open: !current, id: `place-${id}` },
    el('summary', null, placeSummary(place)), form);
}

/** "Routine: Treatment serum, evening, Mon Wed Fri" or "Routine: unsorted". */
function placeSummary({ placement }) {
  if (!placement) return 'Routine: unsorted';
  const days = placement.usage.weekdays.length === 7
    ? 'every day'
    : placement.usage.weekdays.map((n) => labelOf(WEEKDAYS, n)).join(' ');
  return `Routine: ${labelOf(STEPS, placement.step)}, ${labelOf(WHEN_LABELS, placement.usage.when).toLowerCase()}, ${days}`;
}

async function submit(ctx, form, place) {
  const id = place.productId;
  const value = (name) => form.querySelector(`#place-${name}-${id}`).value;
  clearActionError(form);
  const step = value('step');
  try {
    if (!step) {
      if (place.placement) await api.unplaceProduct({ id });
      await ctx.changed(`${place.name} is unsorted.`, { focus: `place-step-${id}` });
      return;
    }
    const weekdays = [...form.querySelectorAll('.weekdays input:checked')].map((box) => Number(box.value));
    await api.placeProduct({
      placement: {
        productId: id,
        step,
        usage: { when: value('when'), weekdays },
        position: Number(value('position')) || 0,
      },
    });
    await ctx.changed(`${place.name}: ${labelOf(STEPS, step)}, ${labelOf(WHEN_LABELS, value('when')).toLowerCase()}.`, { focus: `place-step-${id}` });
  } catch (err) {
    actionError(form, err.message);
  }
}
