// One session with what can be done to it: mark done (today or earlier), skip, postpone
// (choosing the condition) or move to another date. Used by Today and the calendar.

import * as api from '../api.js';
import { el } from '../dom.js';
import { clearError, showError } from '../errors.js';
import { formatDate, formatDay, formatTime, isIsoDate } from '../format.js';
import { CONDITIONS, KIND_LABELS, STATUS_LABELS, labelOf, sessionState } from '../labels.js';
import { actionError, busy, clearActionError } from './common.js';

/** The session as the commands take it: stored ones by id, projected ones by kind and date. */
export const sessionRef = (s) => ({ id: s.id ?? null, kind: s.kind, date: s.date });

function statusBadge(s) {
  const state = sessionState(s);
  return el('span', { class: `status-badge st-${state}` }, STATUS_LABELS[state] ?? state);
}

function postponedWhy(s) {
  if (s.status !== 'postponed' || !s.because) return null;
  return el('p', { class: 'session-note' }, `Postponed because of ${labelOf(CONDITIONS, s.because).toLowerCase()}.`);
}

/**
 * The session block. `prefix` keeps ids unique ("today", "cal"); `onChanged(change, what)`
 * runs after a successful change with the command's result and a sentence describing it.
 */
export function sessionBlock(ctx, s, { prefix, onChanged, heading = 'h4' }) {
  const state = sessionState(s);
  const isPast = s.date <= ctx.today;
  const titleId = `${prefix}-session-title`;
  const block = el('div', {
    class: 'session-block',
    id: `${prefix}-session`,
    role: 'group',
    'aria-labelledby': titleId,
    dataset: { sessionDate: s.date, sessionKind: s.kind, status: state },
  });
  block.append(el('div', { class: 'session-line' },
    el(heading, { class: 'session-title', id: titleId },
      el('span', { class: `kind-badge ${s.kind}` }, KIND_LABELS[s.kind] ?? s.kind), ' ',
      `${formatDate(s.date)} at ${formatTime(s.time)}`),
    statusBadge(s)));
  const note = postponedWhy(s);
  if (note) block.append(note);
  if (state === 'projected') {
    block.append(el('p', { class: 'session-note' }, 'Proposed by your schedule. It is saved as soon as you mark or move it.'));
  }

  const marks = el('div', { class: 'action-row', id: `${prefix}-mark-actions` });
  const run = (button, work, describe) => busy(button, async () => {
    clearActionError(marks);
    clearError(`${prefix}-move-date`);
    try {
      const change = await work();
      await onChanged(change, describe(change));
    } catch (err) {
      if (err.field === 'date' || err.kind === 'tooSoon') moveError(err);
      else actionError(marks, err.message);
    }
  });
  // A refused move names the earliest allowed date: offer it.
  const moveError = (err) => {
    const earliest = err.kind === 'tooSoon' ? /earliest allowed date is (\d{4}-\d{2}-\d{2})/.exec(err.message)?.[1] : null;
    const use = earliest ? el('button', {
      type: 'button',
      class: 'secondary small',
      id: `${prefix}-use-earliest`,
      onclick: () => {
        const input = document.getElementById(`${prefix}-move-date`);
        input.value = earliest;
        clearError(`${prefix}-move-date`);
        input.focus();
      },
    }, `Use ${formatDate(earliest)}`) : null;
    showError(`${prefix}-move-date`, err.message, use);
  };
  const nextText = (change) => (change.nextSession
    ? ` Next session: ${formatDate(change.nextSession.date)}.`
    : '');
  const mark = (button, markArg, verb) => run(button,
    () => api.markSession({ session: sessionRef(s), mark: markArg }),
    (change) => `Session on ${formatDay(s.date)} ${verb}.${nextText(change)}`);

  if (s.status === 'planned') {
    if (isPast) {
      const done = el('button', { type: 'button', class: 'primary', id: `${prefix}-mark-done`, dataset: { action: 'done' } }, 'Mark done');
      done.addEventListener('click', () => mark(done, { status: 'done' }, 'marked done'));
      marks.append(done);
    }
    const skip = el('button', { type: 'button', class: 'secondary', id: `${prefix}-mark-skipped`, dataset: { action: 'skipped' } }, 'Skip it');
    skip.addEventListener('click', () => mark(skip, { status: 'skipped' }, 'skipped'));
    marks.append(skip);
    if (!isPast) {
      marks.append(el('p', { class: 'hint inline-hint' }, 'You can mark it done on the day.'));
    }
    block.append(marks);

    const because = el('select', { id: `${prefix}-postpone-because` },
      CONDITIONS.map(([value, label]) => el('option', { value }, label)));
    const postpone = el('button', { type: 'button', class: 'secondary', id: `${prefix}-postpone`, dataset: { action: 'postponed' } }, 'Postpone');
    postpone.addEventListener('click', () => mark(postpone, { status: 'postponed', because: because.value },
      `postponed (${labelOf(CONDITIONS, because.value).toLowerCase()})`));

    const date = el('input', { type: 'date', id: `${prefix}-move-date`, min: ctx.today, value: s.date });
    const move = el('button', { type: 'button', class: 'secondary', id: `${prefix}-move`, dataset: { action: 'move' } }, 'Move');
    date.addEventListener('input', () => clearError(`${prefix}-move-date`));
    move.addEventListener('click', () => {
      if (!isIsoDate(date.value)) {
        showError(`${prefix}-move-date`, 'Choose the new date.');
        date.focus();
        return;
      }
      run(move, () => api.moveSession({ session: sessionRef(s), date: date.value }),
        (change) => `Session moved to ${formatDate(change.session.date)}.`);
    });
    // Less frequent: folded away until asked for, so the day's plan stays readable.
    block.append(el('details', { class: 'more-actions', id: `${prefix}-more` },
      el('summary', null, 'Postpone or move this session'),
      el('div', { class: 'field' },
        el('label', { for: `${prefix}-postpone-because` }, 'Postpone because of'),
        el('div', { class: 'inline-control' }, because, postpone),
        el('p', { class: 'hint' }, 'The next session moves a full interval on, so the skin condition has time to clear.')),
      el('div', { class: 'field' },
        el('label', { for: `${prefix}-move-date` }, 'Move to another date'),
        el('div', { class: 'inline-control' }, date, move))));
  } else {
    const undo = el('button', { type: 'button', class: 'secondary small', id: `${prefix}-mark-planned`, dataset: { action: 'planned' } },
      s.status === 'done' ? 'Not done after all: mark as planned' : 'Undo: mark as planned');
    undo.addEventListener('click', () => mark(undo, { status: 'planned' }, 'marked as planned again'));
    marks.append(undo);
    block.append(marks);
  }
  return block;
}
