// The daily dashboard: the navigation (Today, Calendar, Routine, Check-ins, Products, Progress, Settings), one
// view at a time, and reloading every view from the app after any change — the database is
// the single source of truth, so nothing here is kept that the app cannot rebuild.

import * as api from '../api.js';
import * as startup from '../startup.js';
import { announce, byId, qsa, showScreen } from '../dom.js';
import { calendarView } from './calendar.js';
import { checkinsView } from './checkins.js';
import { productsView } from './products.js';
import { progressView } from './progress.js';
import { routineView } from './routine.js';
import { settingsView } from './settings.js';
import { renderReminders } from './reminders.js';
import { renderToday } from './today.js';

/** How often Today looks again at the reminder loop (missed, delivery problems). */
const REMINDER_POLL_MS = 20_000;
/**
 * How often the window asks the app for today's date. Left open overnight, across a
 * suspend or a clock change, the window must not keep showing yesterday (issue 10, item 13);
 * a timer to midnight alone would miss resumes and clock jumps.
 */
const DAY_POLL_MS = 30_000;

const VIEWS = ['today', 'calendar', 'routine', 'checkins', 'products', 'progress', 'settings'];
const TITLES = { today: 'Today', routine: 'Routine', calendar: 'Calendar', checkins: 'Check-ins', products: 'Products', progress: 'Progress', settings: 'Settings' };

const state = {
  view: 'today',
  today: '',
  history: null,
  plan: null,
  initialised: false,
};

const ctx = {
  get today() { return state.today; },
  get history() { return state.history; },
  announce,
  go: (view, options) => go(view, options),
  refresh: (options) => refresh(options),
  /** After a change: reload, say what happened, and put focus where the result shows. */
  async changed(message, { focus = null, all = false } = {}) {
    await refresh({ settings: all });
    if (message) announce(message);
    if (focus) byId(focus)?.focus();
  },
  focusAfterChange() {
    const target = state.view === 'today' ? byId('today-next-session') : null;
    (target ?? document.querySelector(`section[data-view="${state.view}"] h2`))?.focus();
  },
  openCheckin(due) {
    checkinsView.open(ctx, due);
    go('checkins', { focusId: 'checkin-form-title' });
  },
};

function showError(message) {
  const p = byId('dash-error');
  p.textContent = message;
  p.hidden = !message;
}

/**
 * Reload what every view shows. Settings only when asked (it may hold unsaved edits).
 * `firstScreen`: return once Today is shown, and fill the other views (hidden) after it,
 * so the first screen does not wait for them (start-up).
 */
async function refresh({ settings = false, firstScreen = false } = {}) {
  let view;
  let history;
  try {
    [view, history] = await Promise.all([api.todayPlan(), api.checkinHistory()]);
  } catch (err) {
    showError(`Your plan could not be loaded: ${err.message}`);
    return;
  }
  if (firstScreen) startup.mark('today_plan and checkin_history answered');
  showError('');
  state.today = view.today;
  state.plan = view.plan;
  state.history = history;
  renderToday(ctx, view);
  const others = () => Promise.all([
    checkinsView.render(ctx, history, view.plan),
    calendarView.load(ctx),
    productsView.load(ctx),
    progressView.load(ctx),
    routineView.load(ctx),
    settings ? settingsView.load(ctx) : null,
  ]);
  if (firstScreen) {
    startup.mark('Today drawn');
    setTimeout(() => others().catch((err) => showError(`Your dashboard could not be loaded: ${err.message}`)), 0);
    return;
  }
  await others();
}

function go(view, { focus = true, focusId = null } = {}) {
  const target = VIEWS.includes(view) ? view : 'today';
  state.view = target;
  for (const section of qsa('#dash-main > section[data-view]')) section.hidden = section.dataset.view !== target;
  for (const button of qsa('#dashboard-nav button[data-view]')) {
    if (button.dataset.view === target) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  byId('dash-main').scrollTop = 0;
  document.title = `${TITLES[target]} — Needlewise`;
  if (focusId) {
    const node = byId(focusId);
    node?.scrollIntoView({ block: 'start' });
    (node?.matches('fieldset') ? node.querySelector('input, select, textarea, button') : node)?.focus();
  } else if (focus) {
    document.querySelector(`section[data-view="${target}"] h2`)?.focus();
  }
}

function onNavKey(event) {
  const buttons = qsa('#dashboard-nav button[data-view]');
  const i = buttons.indexOf(document.activeElement);
  if (i < 0) return;
  const moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
  let target = null;
  if (event.key in moves) target = buttons[(i + moves[event.key] + buttons.length) % buttons.length];
  else if (event.key === 'Home') target = buttons[0];
  else if (event.key === 'End') target = buttons[buttons.length - 1];
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

function init() {
  if (state.initialised) return;
  state.initialised = true;
  for (const button of qsa('#dashboard-nav button[data-view]')) {
    button.addEventListener('click', () => go(button.dataset.view));
  }
  byId('dashboard-nav').addEventListener('keydown', onNavKey);
  calendarView.init(ctx);
  checkinsView.init(ctx);
  productsView.init(ctx);
  progressView.init(ctx);
  routineView.init(ctx);
  settingsView.init(ctx);
  // The reminder loop runs on its own; look again now and then while Today is shown.
  setInterval(() => {
    if (state.view === 'today' && !document.hidden) renderReminders();
  }, REMINDER_POLL_MS);
  setInterval(followTheDate, DAY_POLL_MS);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) followTheDate(); });
  window.addEventListener('focus', followTheDate);
}

/** When the app's date is not the one shown, show the new day everywhere. */
async function followTheDate() {
  if (!state.today) return;
  let status;
  try {
    status = await api.appStatus();
  } catch {
    return;
  }
  if (status.phase !== 'ready' || status.today === state.today) return;
  await refresh();
  announce(`It is now ${byId('today-date')?.textContent ?? status.today}.`);
}

/** Show the dashboard (Today first). */
export async function showDashboard() {
  init();
  startup.mark('dashboard views set up');
  go('today', { focus: false });
  // Shown once Today holds its data (or the reason it has none): the page then lays out
  // the first screen once, not empty and again when the data comes (start-up).
  await refresh({ settings: true, firstScreen: true });
  showScreen('dashboard');
  document.querySelector('section[data-view="today"] h2')?.focus();
}
