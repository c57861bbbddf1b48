// Small pieces the dashboard's views share: action messages, busy buttons, the hold notice.

import * as api from '../api.js';
import { el, fill } from '../dom.js';
import { friendly } from '../errors.js';
import { formatDay, sentence } from '../format.js';
import { sourceLabel } from '../labels.js';

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
export const because = (it) => [it.reason ? sentence(it.reason) : null, it.source ? `Source: ${sourceLabel(it.source)}.` : null]
  .filter(Boolean).join(' ');

/** A status line: text, with an optional path shown as code. */
export function status(p, text, { path = null, error = false } = {}) {
  p.classList.toggle('is-error', error);
  if (path) p.dataset.path = path; else delete p.dataset.path;
  fill(p, text, path ? el('code', { class: 'path' }, path) : null);
}

/** The session a consult hold is about: the "consult" session whose date the message names. */
function consultSession(hold, history) {
  if (!hold || /^talk to/i.test(hold)) return null;
  const consults = (history?.sessions ?? []).filter((s) => s.response === 'consult');
  if (!consults.length) return null;
  return consults.find((s) => hold.includes(formatDay(s.date))) ?? consults[consults.length - 1];
}

/**
 * Show `hold` (plan.hold) in `box`, prominently. A consult hold gets the "a professional has
 * seen it" button; a safety-question hold a way to the answers in Settings.
 */
export function renderHold(ctx, box, hold, idPrefix) {
  box.hidden = !hold;
  if (!hold) {
    fill(box);
    return;
  }
  const session = consultSession(hold, ctx.history);
  const actions = el('div', { class: 'hold-actions' });
  if (session) {
    const button = el('button', {
      type: 'button',
      id: `${idPrefix}clear-consult-hold`,
      class: 'primary',
      dataset: { sessionId: session.sessionId },
    }, 'A professional has seen it — resume');
    button.addEventListener('click', () => busy(button, async () => {
      clearActionError(actions);
      try {
        const change = await api.clearConsultHold({ sessionId: session.sessionId });
        const next = change.nextSession ? ` Next session: ${formatDay(change.nextSession.date)}.` : '';
        ctx.announce(`Scheduling resumed.${next}`);
        await ctx.refresh();
        ctx.focusAfterChange();
      } catch (err) {
        actionError(actions, err.message);
      }
    }));
    actions.append(button);
  } else {
    actions.append(el('button', {
      type: 'button',
      class: 'secondary',
      id: `${idPrefix}review-safety`,
      onclick: () => ctx.go('settings', { focusId: 'profile-gates' }),
    }, 'Review your safety answers'));
  }
  fill(box,
    el('p', { class: 'hold-title' }, el('strong', null, session
      ? 'Your schedule is paused until a professional has seen your skin'
      : 'No sessions are scheduled yet')),
    el('p', null, sentence(hold)),
    actions);
}

