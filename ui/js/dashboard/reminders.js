// The reminders strip on Today: a delivery problem (no notification service), a pause, the
// last reminder with Snooze, and what was missed while the computer was off or asleep.

import * as api from '../api.js';
import { byId, el, fill } from '../dom.js';
import { formatDay } from '../format.js';
import { REMINDER_LABELS } from '../labels.js';
import { actionError, busy } from './common.js';

/** "14:05" in the computer's zone, from an RFC 3339 instant. */
const clockTime = (iso) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

function button(id, text, work, box) {
  const b = el('button', { type: 'button', id, class: 'secondary small' }, text);
  b.addEventListener('click', () => busy(b, async () => {
    try {
      await work();
      await renderReminders();
    } catch (err) {
      actionError(box, err.message);
    }
  }));
  return b;
}

export async function renderReminders() {
  const box = byId('today-reminders');
  if (!box) return;
  let view;
  try {
    view = await api.reminderStatus();
  } catch (err) {
    fill(box, el('p', { class: 'field-error', role: 'alert' }, `Reminder status unavailable: ${err.message}`));
    return;
  }
  const parts = [];
  if (view.stopped) {
    const why = view.stopped === 'keptDying'
      ? 'The part of Needlewise that shows them stopped unexpectedly, again and again.'
      : 'The part of Needlewise that shows them could not be started.';
    parts.push(el('div', { id: 'reminders-not-running', class: 'callout warn', role: 'alert' },
      el('p', null, el('strong', null, 'Reminders are not running. '),
        `${why} Close Needlewise and open it again to start it; if this keeps happening, please report it.`)));
  }
  const problem = view.status?.deliveryProblem;
  if (problem) {
    parts.push(el('div', { id: 'delivery-problem', class: 'callout warn', role: 'alert' },
      el('p', null, el('strong', null, 'Reminders are not reaching you. '),
        "Your computer's notification service did not answer. Reminders stay pending and are shown as soon as it works."),
      el('p', { class: 'small muted' }, `Details: ${problem}`)));
  }
  const storage = view.status?.storageProblem;
  if (storage) {
    parts.push(el('div', { id: 'reminder-storage-problem', class: 'callout warn', role: 'alert' },
      el('p', null, el('strong', null, 'Reminders cannot be saved. '), storage)));
  }
  const fault = view.status?.faultAt;
  if (fault) {
    parts.push(el('div', { id: 'reminder-fault', class: 'callout', role: 'status' },
      el('p', null, `The reminder check at ${clockTime(fault)} stopped unexpectedly; Needlewise started it again. If this keeps happening, please report it.`)));
  }
  const controls = el('div', { class: 'reminder-controls' });
  if (view.pausedUntil) {
    controls.append(el('span', { id: 'paused-until' }, `Reminders paused until ${clockTime(view.pausedUntil)}. `),
      button('resume-reminders', 'Resume now', () => api.pauseReminders({ hours: 0 }), box));
  } else {
    controls.append(button('pause-reminders', 'Pause reminders for 1 hour', () => api.pauseReminders({ hours: 1 }), box));
  }
  const last = view.status?.lastSent;
  if (last) {
    controls.append(el('span', { class: 'last-reminder' }, ` Last reminder: ${last.title}. `),
      button('snooze-last', 'Snooze it 1 hour', () => api.snoozeLastReminder(), box));
  }
  parts.push(controls);
  const missed = view.missed ?? [];
  if (missed.length) {
    parts.push(el('details', { class: 'missed' },
      el('summary', null, `${missed.length} reminder${missed.length === 1 ? '' : 's'} missed while Needlewise was closed or the computer slept`),
      el('ul', { id: 'missed-reminders' }, missed.map((m) => el('li', { dataset: { key: m.key } },
        `${REMINDER_LABELS[m.kind] ?? m.kind} — ${formatDay(m.date)}, set for ${clockTime(m.scheduledFor)}`)))));
  }
  fill(box, ...parts);
}
