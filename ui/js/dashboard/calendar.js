// The calendar: a month of days (sessions by status, pause windows, check-in days) and the
// chosen day's plan with the session's actions. Days are buttons; the arrow keys move
// between them (roving focus), Page Up/Down change the month.

import * as api from '../api.js';
import { byId, el, fill, latest } from '../dom.js';
import {
  addDays, addMonths, formatDate, formatLongDate, formatMonth, weekdayIndex,
} from '../format.js';
import {
  SESSION_TITLES, STATUS_LABELS, WINDOW_GROUPS, WINDOW_LABELS, sessionState, windowGroup,
} from '../labels.js';
import { actionError, renderHold } from './common.js';
import { DAY_IDS, planCards } from './plan-view.js';

const state = {
  month: null,
  selected: null,
  data: null,
};
/** The month and the day shown are each the newest asked for. */
const loadingMonth = latest();
const loadingDay = latest();

const monthOf = (iso) => iso.slice(0, 7);
const KIND_SHORT = { atHome: 'Home', professional: 'Clinic' };

function dayLabel(day, today) {
  const parts = [formatLongDate(day.date)];
  if (day.date === today) parts.push('today');
  for (const s of day.sessions) {
    const st = sessionState(s);
    parts.push(`${(SESSION_TITLES[s.kind] ?? 'Session').toLowerCase()} ${STATUS_LABELS[st].toLowerCase()}`);
  }
  for (const w of day.windows) parts.push((WINDOW_LABELS[w] ?? w).toLowerCase());
  if (day.checkinDue) parts.push('skin check-in day');
  if (day.held) parts.push('on hold: no session');
  return parts.join('; ');
}

function dayButton(day, today) {
  const groups = [...new Set(day.windows.map(windowGroup))];
  const first = day.sessions[0];
  const button = el('button', {
    type: 'button',
    class: day.held ? 'cal-day held' : 'cal-day',
    tabindex: '-1',
    'aria-label': dayLabel(day, today),
    'aria-pressed': day.date === state.selected ? 'true' : 'false',
    'aria-current': day.date === today ? 'date' : null,
    dataset: {
      date: day.date,
      session: first ? sessionState(first) : '',
      windows: day.windows.join(' '),
      checkin: day.checkinDue ? '1' : '',
      held: day.held ? '1' : '',
    },
  },
  el('span', { class: 'cal-num', 'aria-hidden': 'true' }, String(Number(day.date.slice(8)))),
  day.checkinDue ? el('span', { class: 'cal-checkin', 'aria-hidden': 'true', title: 'Skin check-in' }) : null,
  el('span', { class: 'cal-sessions', 'aria-hidden': 'true' }, day.sessions.map((s) => el('span', {
    class: `cal-session s-${sessionState(s)} ${s.kind}`,
  }, KIND_SHORT[s.kind] ?? s.kind))),
  el('span', { class: 'cal-bands', 'aria-hidden': 'true' }, groups.map((g) => el('span', { class: `band w-${g}` }))));
  return button;
}

function renderGrid(ctx) {
  const { days, today } = state.data;
  const rows = [];
  let row = [];
  const lead = weekdayIndex(days[0].date);
  for (let i = 0; i < lead; i++) row.push(el('td', { class: 'cal-empty' }));
  for (const day of days) {
    row.push(el('td', null, dayButton(day, today)));
    if (row.length === 7) {
      rows.push(el('tr', null, row));
      row = [];
    }
  }
  if (row.length) {
    while (row.length < 7) row.push(el('td', { class: 'cal-empty' }));
    rows.push(el('tr', null, row));
  }
  fill(byId('calendar-body'), rows);
  byId('cal-month-title').textContent = formatMonth(state.month);
  byId('calendar-body').dataset.month = state.month;
  // One day is in the tab order: the selected one, else today, else the 1st.
  const inMonth = (d) => d && monthOf(d) === state.month;
  const tabDay = inMonth(state.selected) ? state.selected : inMonth(today) ? today : days[0].date;
  dayButtonFor(tabDay)?.setAttribute('tabindex', '0');
  renderHold(ctx, byId('calendar-hold'), state.data.holdDetail, state.data.hold, 'calendar-');
}

function renderLegend() {
  const statuses = ['planned', 'projected', 'done', 'skipped', 'postponed'];
  fill(byId('cal-legend'),
    statuses.map((st) => el('li', null, el('span', { class: `cal-session s-${st} atHome`, 'aria-hidden': 'true' }, 'Home'), ' ', STATUS_LABELS[st])),
    WINDOW_GROUPS.map(([g, label]) => el('li', null, el('span', { class: `band w-${g}`, 'aria-hidden': 'true' }), ' ', label)),
    el('li', null, el('span', { class: 'cal-checkin legend', 'aria-hidden': 'true' }), ' Skin check-in'),
    el('li', null, el('span', { class: 'cal-held-mark', 'aria-hidden': 'true' }), ' On hold: no session'));
}

const dayButtonFor = (iso) => byId('calendar-body').querySelector(`button[data-date="${iso}"]`);

/** Load `month` ("YYYY-MM") and draw it. */
async function loadMonth(ctx, month) {
  const current = loadingMonth.begin();
  try {
    const data = await api.calendar({ month });
    if (!current()) return false;
    state.month = month;
    state.data = data;
    renderGrid(ctx);
    return true;
  } catch (err) {
    if (current()) actionError(byId('calendar-body').closest('.cal-month'), `This month could not be shown: ${err.message}`);
    return false;
  }
}

async function renderDetail(ctx, { focus = false } = {}) {
  const date = state.selected;
  const current = loadingDay.begin();
  const body = byId('day-detail-body');
  const title = byId('day-detail-title');
  try {
    const view = await api.dayPlan({ date });
    if (!current()) return;
    const plan = view.plan;
    title.textContent = date === ctx.today ? `${formatDate(date)} — today` : formatDate(date);
    byId('day-detail').dataset.date = date;
    const { main, side } = planCards(ctx, plan, {
      ids: DAY_IDS,
      actionsPrefix: 'cal',
      isToday: date === ctx.today,
      onChanged: async (change, message) => {
        // A moved session: follow it to its new date.
        if (change.session?.date && change.session.date !== date) state.selected = change.session.date;
        await ctx.changed(message, { focus: 'day-detail-title' });
      },
    });
    const nothing = !plan.sessions.length && !plan.windows.length && !plan.checkinsDue.length;
    fill(body,
      nothing ? el('p', { class: 'muted' }, 'No session and no pause on this day.') : null,
      el('div', { class: 'detail-cards' }, main, side));
    if (focus) title.focus();
  } catch (err) {
    if (current()) {
      fill(body);
      actionError(body, `This day could not be shown: ${err.message}`);
    }
  }
}

/** Choose `iso`: load its month if needed, mark it, show its plan. */
async function select(ctx, iso, { focusDay = false, focusDetail = false } = {}) {
  state.selected = iso;
  if (monthOf(iso) !== state.month) {
    if (!(await loadMonth(ctx, monthOf(iso)))) return;
  }
  for (const b of byId('calendar-body').querySelectorAll('button.cal-day')) {
    const on = b.dataset.date === iso;
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    b.setAttribute('tabindex', on ? '0' : '-1');
  }
  if (focusDay) dayButtonFor(iso)?.focus();
  await renderDetail(ctx, { focus: focusDetail });
}

/** Move focus to `iso` (changing month if needed) without choosing it. */
async function focusDay(ctx, iso) {
  if (monthOf(iso) !== state.month) {
    if (!(await loadMonth(ctx, monthOf(iso)))) return;
  }
  for (const b of byId('calendar-body').querySelectorAll('button.cal-day')) {
    b.setAttribute('tabindex', b.dataset.date === iso ? '0' : '-1');
  }
  dayButtonFor(iso)?.focus();
}

function onKey(ctx, event) {
  const button = event.target.closest('button.cal-day');
  if (!button) return;
  const iso = button.dataset.date;
  const moves = {
    ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7,
    Home: -weekdayIndex(iso), End: 6 - weekdayIndex(iso),
  };
  let target = null;
  if (event.key in moves) target = addDays(iso, moves[event.key]);
  else if (event.key === 'PageUp' || event.key === 'PageDown') {
    const month = addMonths(monthOf(iso), event.key === 'PageUp' ? -1 : 1);
    const day = Math.min(Number(iso.slice(8)), 28);
    target = `${month}-${String(day).padStart(2, '0')}`;
  }
  if (target) {
    event.preventDefault();
    focusDay(ctx, target);
  }
}

export const calendarView = {
  init(ctx) {
    renderLegend();
    byId('cal-prev').addEventListener('click', () => loadMonth(ctx, addMonths(state.month, -1)));
    byId('cal-next').addEventListener('click', () => loadMonth(ctx, addMonths(state.month, 1)));
    byId('cal-today').addEventListener('click', () => select(ctx, ctx.today, { focusDay: true }));
    byId('calendar-body').addEventListener('click', (event) => {
      const button = event.target.closest('button.cal-day');
      if (button) select(ctx, button.dataset.date);
    });
    byId('calendar-body').addEventListener('keydown', (event) => onKey(ctx, event));
  },
  /** Reload the shown month and the chosen day (after any change). */
  async load(ctx) {
    if (!state.selected) state.selected = ctx.today;
    const month = state.month && monthOf(state.selected) !== state.month ? monthOf(state.selected) : (state.month ?? monthOf(ctx.today));
    await loadMonth(ctx, month);
    for (const b of byId('calendar-body').querySelectorAll('button.cal-day')) {
      b.setAttribute('aria-pressed', b.dataset.date === state.selected ? 'true' : 'false');
    }
    await renderDetail(ctx);
  },
  /** Show `iso` (from elsewhere in the dashboard). */
  show: (ctx, iso) => select(ctx, iso, { focusDay: true }),
};
