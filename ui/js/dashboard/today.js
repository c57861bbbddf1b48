// Today: session day or not, the hold (if any), the next session, and the day's cards.

import { byId, el, fill } from '../dom.js';
import { formatDate, relativeDays } from '../format.js';
import { renderHold } from './common.js';
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

  renderHold(ctx, byId('today-hold'), plan.hold, '');
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
      el('div', { class: 'col-side' }, side)));
}
