// Small pieces the dashboard's views share: action messages, busy buttons, the hold notice.

import * as api from '../api.js';
import { el, fill } from '../dom.js';
import { friendly } from '../errors.js';
import { formatDay, sentence } from '../format.js';
import { CONDITIONS, labelOf } from '../labels.js';

/** A message about an action (not a field), shown at the end of `box` until cleared. */
export function actionError(box, message) {
  clearActionError(box);
  box.append(el('p', { class: 'field-error action-error', role: 'alert' }, friendly(message)));
}

export function clearActionError(box) {
  for (const p of box.querySelectorAll(':scope > .action-error')) p.remove();
}

/** Run `work` with `button` marked busy; a second click meanwhile is ignored. */
export async function busy(button, work) {
  if (button.getAttribute('aria-disabled') === 'true') return undefined;
  button.setAttribute('aria-disabled', 'true');
  try {
    return await work();
  } finally {
    button.removeAttribute('aria-disabled');
  }
}

/** "Reason. Source: X." for an item with { reason, source }. */
export const because = (it) => [it.reason ? sentence(it.reason) : null, it.source ? `Source: ${it.source}.` : null]
  .filter(Boolean).join(' ');

/** A status line: text, with an optional path shown as code. */
export function status(p, text, { path = null, error = false } = {}) {
  p.classList.toggle('is-error', error);
  if (path) p.dataset.path = path; else delete p.dataset.path;
  fill(p, text, path ? el('code', { class: 'path' }, path) : null);
}

const HOLD_TITLES = {
  consult: 'Your schedule is paused until a professional has seen your skin',
  gates: 'No sessions are scheduled yet',
  conditions: 'Your sessions are on hold',
  until: 'Your sessions are on hold',
};

/** Run a hold action, then say what changed and refresh every view. */
function holdAction(ctx, actions, button, work, said) {
  return busy(button, async () => {
    clearActionError(actions);
    try {
      const change = await work();
      const next = change.nextSession ? ` Next session: ${formatDay(change.nextSession.date)}.` : '';
      ctx.announce(`${said}${next}`);
      await ctx.refresh();
      ctx.focusAfterChange();
    } catch (err) {
      actionError(actions, err.message);
    }
  });
}

function holdButtons(ctx, detail, actions, idPrefix) {
  const button = (id, text, cls, work, said) => {
    const b = el('button', { type: 'button', id: `${idPrefix}${id}`, class: cls }, text);
    b.addEventListener('click', () => holdAction(ctx, actions, b, work, said));
    return b;
  };
  switch (detail.kind) {
    case 'consult':
      return [button('clear-consult-hold', 'A professional has seen it — resume', 'primary',
        () => api.clearConsultHold({ sessionId: detail.sessionId }), 'Scheduling resumed.')];
    case 'gates':
      return [
        button('acknowledge-gates', 'A professional has said microneedling is fine for me', 'primary',
          () => api.acknowledgeGates(), 'Confirmed. Your schedule starts today.'),
        el('button', {
          type: 'button', class: 'secondary', id: `${idPrefix}review-safety`,
          onclick: () => ctx.go('settings', { focusId: 'profile-gates' }),
        }, 'Review your safety answers'),
      ];
    case 'conditions':
      return detail.conditions.map((c) => button(`clear-hold-${c}`,
        `${labelOf(CONDITIONS, c)}: it has cleared`, 'primary',
        () => api.clearHold({ condition: c }), `${labelOf(CONDITIONS, c)} cleared.`));
    default:
      return [];
  }
}

/**
 * Show the hold in force (plan.holdDetail, with plan.hold its message) in `box`,
 * prominently, with what the person can do about it: confirm a professional saw a
 * reaction, acknowledge the safety questions, or say that a condition has cleared.
 */
export function renderHold(ctx, box, detail, message, idPrefix) {
  box.hidden = !detail;
  if (!detail) {
    fill(box);
    return;
  }
  box.dataset.holdKind = detail.kind;
  const actions = el('div', { class: 'hold-actions' });
  actions.append(...holdButtons(ctx, detail, actions, idPrefix));
  const title = detail.kind === 'until'
    ? `Your sessions are on hold until ${formatDay(detail.until)}`
    : HOLD_TITLES[detail.kind];
  fill(box,
    el('p', { class: 'hold-title' }, el('strong', null, title)),
    el('p', null, sentence(message ?? '')),
    actions);
}
