// Today: session day or not, the hold (if any), the next session, and the day's cards.

import * as api from '../api.js';
import { byId, el, fill } from '../dom.js';
import { formatDate, formatDay, isIsoDate, relativeDays } from '../format.js';
import { CONDITIONS, PROCEDURES } from '../labels.js';
import { actionError, busy, clearActionError, renderHold } from './common.js';
import { renderReminders } from './reminders.js';
import { TODAY_IDS, nextSessionText, planCards } from './plan-view.js';

/** Today's session while it is still to come, else the plan's next one (after today). */
const nextOf = (plan, today) => (plan.sessions ?? []).find((s) => s.date === today && s.status === 'planned')
  ?? plan.nextSession;

function nextLine(plan, today) {
  const next = nextOf(plan, today);
  const p = el('p', { id: 'today-next-session', class: 'next-session', tabindex: '-1' });
  if (next) {
    p.dataset.date = next.date;
    p.append('Your next session: ', el('strong', null, nextSessionText(next)),
      el('span', { class: 'muted' }, ` (${relativeDays(today, next.date)})`));
  } else {
    p.append(plan.hold ? 'No session is scheduled while this is on hold.' : 'No session is planned.');
  }
  return p;
}

/**
 * GUIDANCE §2: a condition can appear (or a treatment be booked) after setup. Reporting
 * it holds the sessions; the hold notice then offers "it has cleared".
 */
function reportCard(ctx, today) {
  const what = el('select', { id: 'report-hold-what' },
    el('option', { value: '' }, 'Choose…'),
    el('optgroup', { label: 'Present now (holds until it clears)' },
      CONDITIONS.map(([key, label]) => el('option', { value: `condition:${key}` }, label))),
    el('optgroup', { label: 'A treatment of the area (holds for a set time)' },
      PROCEDURES.map(([key, label, wait]) => el('option', { value: `procedure:${key}` }, `${label} (${wait})`))));
  const date = el('input', { type: 'date', id: 'report-hold-date', value: today });
  const dateField = el('div', { class: 'field', hidden: true },
    el('label', { for: 'report-hold-date' }, 'Date of the treatment'), date);
  const save = el('button', { type: 'button', id: 'report-hold-save', class: 'secondary' }, 'Hold my sessions');
  const card = el('section', { class: 'card report-hold', id: 'today-report-hold', 'aria-labelledby': 'report-hold-title' },
    el('h3', { id: 'report-hold-title' }, 'Something came up?'),
    el('p', { class: 'muted' }, 'A cold sore, a breakout, sunburn, a peel or injections: Needlewise holds your sessions and stops their reminders.'),
    el('div', { class: 'row' },
      el('div', { class: 'field' }, el('label', { for: 'report-hold-what' }, 'What is it?'), what),
      dateField, save));
  what.addEventListener('change', () => {
    dateField.hidden = !what.value.startsWith('procedure:');
    clearActionError(card);
  });
  save.addEventListener('click', () => busy(save, async () => {
    clearActionError(card);
    const [kind, key] = what.value.split(':');
    if (!key) {
      actionError(card, 'Choose what came up first.');
      what.focus();
      return;
    }
    if (kind === 'procedure' && !isIsoDate(date.value)) {
      actionError(card, 'Enter the date of the treatment.');
      date.focus();
      return;
    }
    const hold = kind === 'condition'
      ? { kind, condition: key }
      : { kind, procedure: key, date: date.value };
    try {
      const change = await api.addHold({ hold });
      const until = change.hold?.kind === 'until' ? ` until ${formatDay(change.hold.until)}` : '';
      ctx.announce(`Your sessions are on hold${until}. No session reminders meanwhile.`);
      await ctx.refresh();
      ctx.focusAfterChange();
    } catch (err) {
      actionError(card, err.message);
    }
  }));
  return card;
}

export function renderToday(ctx, view) {
  const { plan, today } = view;
  const sessionToday = (plan.sessions ?? []).find((s) => s.date === today);
  const sub = byId('today-date');
  sub.dataset.date = today;
  fill(sub, formatDate(today), ' ',
    el('span', {
      id: 'today-kind',
      class: sessionToday ? 'day-pill session' : 'day-pill',
      dataset: { sessionDay: sessionToday ? 'yes' : 'no' },
    }, sessionToday ? 'Session day' : 'No session today'));

  renderHold(ctx, byId('today-hold'), plan.holdDetail, plan.hold, '');
  renderReminders();

  const { main, side } = planCards(ctx, plan, {
    ids: TODAY_IDS,
    actionsPrefix: 'today',
    isToday: true,
    onChanged: (change, message) => ctx.changed(message, { focus: 'today-next-session' }),
  });
  const quiet = !plan.sessions?.length && !plan.pausedProducts?.length && !plan.windows?.length
    && !plan.checkinsDue?.length;
  if (quiet) {
    main.unshift(el('section', { class: 'card calm-card', id: 'today-quiet', 'aria-label': 'Nothing to pause' },
      el('p', null, el('strong', null, 'Nothing to pause today.'), ' Keep to your usual gentle routine.')));
  }
  fill(byId('today-body'),
    nextLine(plan, today),
    el('div', { class: 'today-columns' },
      el('div', { class: 'col-main' }, main),
      el('div', { class: 'col-side' }, side, reportCard(ctx, today))));
}
