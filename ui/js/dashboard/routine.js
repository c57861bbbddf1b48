// The Routine tab (issue 14): a day's morning and evening routines in layering order, the
// "cleanse only" before a session, products a session pauses struck through with reason
// and end date, the notes with their sources, a tick box per step, and the weekly chart.

import * as api from '../api.js';
import { append, byId, el, fill } from '../dom.js';
import { addDays, formatDay, formatTime, sentence } from '../format.js';
import { actionError, status } from './common.js';
import { consistencyChart } from './routine-chart.js';

const state = { date: null, view: null };

const PHASES = {
  cleanseOnly: 'Cleanse only',
  afterSession: 'After your session',
};

/** "Reason, until Tue 4 Dec. Source: X." for a struck product. */
function strikeText(strike) {
  const until = strike.until ? ` until ${formatDay(strike.until)}` : '';
  return `${sentence(`${strike.reason}${until}`)} Source: ${strike.source}.`;
}

function itemNode(item) {
  const dataset = { productName: item.name, struck: item.strike ? 'true' : 'false' };
  if (!item.strike) return el('li', { class: 'routine-item', dataset }, item.name);
  return el('li', { class: 'routine-item struck', dataset },
    el('s', null, item.name),
    el('span', { class: 'visually-hidden' }, ' (left out)'),
    el('span', { class: 'strike-reason' }, ` — ${strikeText(item.strike)}`));
}

function noteNodes(notes) {
  if (!notes.length) return null;
  return el('ul', { class: 'routine-notes' },
    notes.map((n) => el('li', { class: `routine-note note-${n.key}`, dataset: { note: n.key } },
      `${sentence(n.text)} `, el('span', { class: 'source' }, `Source: ${n.source}.`))));
}

/** A step of a routine, with its tick box when it can be ticked. */
function stepNode(ctx, group, part) {
  const view = state.view;
  const id = `tick-${part}-${group.step}`;
  const canTick = part && view.day.date <= view.today && view.tickable[part].includes(group.step);
  const ticked = part && view.ticks.some((t) => t.part === part && t.step === group.step);
  const head = canTick
    ? el('div', { class: 'field check step-tick' },
      el('input', { type: 'checkbox', id, checked: ticked, dataset: { part, step: group.step } }),
      el('label', { for: id }, group.label))
    : el('span', { class: 'step-label' }, group.label);
  if (canTick) head.querySelector('input').addEventListener('change', (e) => toggle(ctx, e.target));
  const items = group.items.length
    ? el('ul', { class: 'routine-items' }, group.items.map(itemNode))
    : el('p', { class: 'muted small' }, group.step === 'sunscreen'
      ? 'No sunscreen of yours is placed here: add one in Products, and tick this when it is on.'
      : 'Nothing placed here.');
  return el('li', { class: 'routine-step', dataset: { step: group.step } }, head, items);
}

function partNode(ctx, { key, part, title, routine }) {
  const done = part && state.view.complete.includes(part);
  const phase = PHASES[routine.phase];
  return el('section', { class: 'group routine-part', id: `routine-${key}`, 'aria-labelledby': `routine-${key}-title` },
    el('h3', { id: `routine-${key}-title` }, title,
      phase ? el('span', { class: 'phase-chip' }, ` · ${phase}`) : null,
      done ? el('span', { class: 'done-chip' }, ' · Done') : null),
    noteNodes(routine.notes),
    el('ol', { class: 'routine-steps' }, routine.steps.map((g) => stepNode(ctx, g, part))));
}

function unsortedNode(unsorted) {
  if (!unsorted.length) return null;
  return el('section', { class: 'group routine-part', id: 'routine-unsorted', 'aria-labelledby': 'routine-unsorted-title' },
    el('h3', { id: 'routine-unsorted-title' }, 'Unsorted'),
    el('p', { class: 'hint' }, 'These products have no step yet: give each one its place in Products.'),
    el('ul', { class: 'routine-items' }, unsorted.map((u) => {
      const li = itemNode(u);
      if (u.proposed) append(li, el('span', { class: 'muted small' }, ` (proposed: ${u.proposed})`));
      return li;
    })));
}

function render(ctx) {
  const { day, today } = state.view;
  byId('routine-date').value = day.date;
  const session = day.session ? `${day.session.kind === 'professional' ? 'Professional' : 'At-home'} session at ${formatTime(day.session.time)}. ` : '';
  const future = day.date > today ? 'Steps can be ticked on the day. ' : '';
  status(byId('routine-status'), `${formatDay(day.date)}. ${session}${future}Steps in layering order (source: ${day.orderSource}).`);
  const parts = [
    { key: 'am', part: 'am', title: 'Morning', routine: day.morning },
    day.beforeSession ? { key: 'before', part: null, title: `Before your session at ${formatTime(day.session.time)}`, routine: day.beforeSession } : null,
    { key: 'pm', part: 'pm', title: 'Evening', routine: day.evening },
  ].filter(Boolean);
  fill(byId('routine-body'), parts.map((p) => partNode(ctx, p)), unsortedNode(day.unsorted));
}

async function toggle(ctx, box) {
  const tick = { date: state.view.day.date, part: box.dataset.part, step: box.dataset.step };
  const id = box.id;
  try {
    state.view = box.checked ? await api.tickStep({ tick }) : await api.untickStep({ tick });
    render(ctx);
    byId(id)?.focus();
    ctx.announce(`${box.checked ? 'Ticked' : 'Unticked'} ${box.labels?.[0]?.textContent ?? tick.step}.`);
    await loadChart();
  } catch (err) {
    box.checked = !box.checked;
    actionError(byId('routine-body'), err.message);
  }
}

async function loadChart() {
  try {
    const weeks = await api.routineConsistency();
    const last = weeks[weeks.length - 1];
    fill(byId('routine-chart'), consistencyChart(weeks),
      last ? el('p', { class: 'hint', id: 'routine-week-summary' },
        `This week: ${last.completed} of ${last.routines} routines completed, sunscreen on ${last.sunscreenDays} of ${last.days} days. `,
        el('span', { class: 'legend-completed' }, 'Left bars: routines completed'), '; ',
        el('span', { class: 'legend-sunscreen' }, 'right bars: days with sunscreen.')) : null);
  } catch (err) {
    status(byId('routine-status'), `Your consistency could not be loaded: ${err.message}`, { error: true });
  }
}

async function show(ctx, date) {
  try {
    state.view = await api.routineDay({ date });
    state.date = state.view.day.date;
    render(ctx);
  } catch (err) {
    status(byId('routine-status'), `Your routine could not be loaded: ${err.message}`, { error: true });
  }
}

export const routineView = {
  init(ctx) {
    byId('routine-prev').addEventListener('click', () => show(ctx, addDays(state.date, -1)));
    byId('routine-next').addEventListener('click', () => show(ctx, addDays(state.date, 1)));
    byId('routine-today').addEventListener('click', () => show(ctx, null));
    byId('routine-date').addEventListener('change', (e) => {
      if (e.target.value) show(ctx, e.target.value);
    });
  },
  async load(ctx) {
    // A day the person chose stays; today follows the date.
    const date = state.view && state.date !== state.view.today ? state.date : null;
    await Promise.all([show(ctx, date), loadChart()]);
  },
};
