// Check-ins (GUIDANCE §4): the form for one session and day, the history of each session's
// check-ins with a redness chart, and the interval now in force with every change and why.

import * as api from '../api.js';
import { byId, el, fill, latest, qsa } from '../dom.js';
import { clearError, showError } from '../errors.js';
import { daysBetween, formatDate, formatDay, plural, sentence } from '../format.js';
import {
  FLAGS, RESPONSE_LABELS, SESSION_TITLES, SEVERITIES, labelOf,
} from '../labels.js';
import { busy, renderHold, status } from './common.js';
import { rednessChart } from './chart.js';

const state = {
  candidates: [],
  /** A check-in asked for from elsewhere ({ sessionId, sessionDate, day }), chosen once loaded. */
  pending: null,
};
const rendering = latest();

/** Sessions one can check in for: those marked done, and any with a check-in due today. */
async function candidatesFrom(history, plan) {
  const list = (history.sessions ?? []).map((s) => ({
    ref: { id: s.sessionId, kind: s.kind, date: s.date },
    checkins: s.checkins ?? [],
    due: [],
    done: true,
  }));
  for (const d of plan.checkinsDue ?? []) {
    let c = list.find((x) => (d.sessionId !== null && d.sessionId !== undefined ? x.ref.id === d.sessionId : x.ref.date === d.sessionDate));
    if (!c) {
      // Not yet marked done: that day's plan says which kind of session it is.
      const day = await api.dayPlan({ date: d.sessionDate });
      const s = (day.plan.sessions ?? []).find((x) => x.status === 'planned'
        && (d.sessionId !== null && d.sessionId !== undefined ? x.id === d.sessionId : x.date === d.sessionDate));
      if (!s) continue;
      c = { ref: { id: s.id ?? null, kind: s.kind, date: s.date }, checkins: [], due: [], done: false };
      list.push(c);
    }
    c.due.push(d.day);
  }
  list.sort((a, b) => b.ref.date.localeCompare(a.ref.date));
  return list;
}

function candidateLabel(c) {
  const parts = [`${SESSION_TITLES[c.ref.kind] ?? 'Session'}, ${formatDate(c.ref.date)}`];
  if (c.due.length) parts.push('check-in due');
  if (!c.done) parts.push('saving marks it done');
  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join('; ')})` : parts[0];
}

function maxDay(c, today) {
  return Math.max(0, Math.min(7, daysBetween(c.ref.date, today)));
}

function dayOptions(c, today) {
  const logged = new Set(c.checkins.map((x) => Number(x.day)));
  const options = [];
  for (let d = 0; d <= maxDay(c, today); d++) {
    const notes = [];
    if (c.due.includes(d)) notes.push('due');
    if (logged.has(d)) notes.push('logged');
    const name = d === 0 ? 'Session evening (day 0)' : `Day ${d} after`;
    options.push(el('option', { value: d }, notes.length ? `${name} — ${notes.join(', ')}` : name));
  }
  return options;
}

function defaultDay(c, today) {
  if (c.due.length) return Math.min(...c.due);
  const logged = new Set(c.checkins.map((x) => Number(x.day)));
  const max = maxDay(c, today);
  for (const d of [0, 1, 2, 3]) if (d <= max && !logged.has(d)) return d;
  return max;
}

function fillDays(ctx, c, day = null) {
  const select = byId('checkin-day');
  fill(select, dayOptions(c, ctx.today));
  select.value = String(day ?? defaultDay(c, ctx.today));
  if (select.selectedIndex < 0) select.selectedIndex = 0;
}

function renderForm(ctx) {
  const list = state.candidates;
  byId('checkin-none').hidden = list.length > 0;
  byId('checkin-fields').hidden = list.length === 0;
  if (!list.length) return;
  const select = byId('checkin-session');
  fill(select, list.map((c, i) => el('option', { value: i, dataset: { date: c.ref.date, kind: c.ref.kind } }, candidateLabel(c))));
  let index = list.findIndex((c) => c.due.length);
  let day = null;
  const want = state.pending;
  if (want) {
    const i = list.findIndex((c) => (want.sessionId ? c.ref.id === want.sessionId : c.ref.date === want.sessionDate));
    if (i >= 0) {
      index = i;
      day = want.day;
    }
  }
  select.value = String(Math.max(0, index));
  fillDays(ctx, list[Number(select.value)], day);
}

function resetAnswers() {
  for (const input of qsa('#checkin-form input[type="radio"], #checkin-form input[type="checkbox"]')) input.checked = false;
  byId('checkin-note').value = '';
  for (const id of ['checkin-redness', 'checkin-irritation', 'checkin-day', 'checkin-note']) clearError(id);
}

function flagText(flags) {
  const on = FLAGS.filter(([k]) => flags?.[k]).map(([, label]) => label.toLowerCase());
  return on.length ? on.join(', ') : '—';
}

function historyItem(s) {
  const [label, tone] = RESPONSE_LABELS[s.response] ?? [s.response, 'neutral'];
  const title = `${SESSION_TITLES[s.kind] ?? 'Session'}, ${formatDate(s.date)}`;
  const rows = [...s.checkins].sort((a, b) => a.day - b.day).map((c) => el('tr', { dataset: { day: c.day, redness: c.redness } },
    el('th', { scope: 'row' }, Number(c.day) === 0 ? 'Evening' : `Day ${c.day}`),
    el('td', null, labelOf(SEVERITIES, c.redness)),
    el('td', null, labelOf(SEVERITIES, c.irritation)),
    el('td', null, flagText(c.flags)),
    el('td', { class: 'note-cell' }, c.note || '—')));
  return el('li', { dataset: { sessionId: s.sessionId, response: s.response, date: s.date } },
    el('article', { class: 'history-item', 'aria-label': title },
      el('header', { class: 'history-head' },
        el('h4', null, title),
        el('span', { class: `class-chip ${tone}` }, label)),
      s.checkins.length
        ? el('div', { class: 'history-body' },
          rednessChart(s.checkins, { label: title }),
          el('table', { class: 'checkin-table' },
            el('thead', null, el('tr', null,
              el('th', { scope: 'col' }, 'Day'), el('th', { scope: 'col' }, 'Redness'), el('th', { scope: 'col' }, 'Irritation'),
              el('th', { scope: 'col' }, 'Signs'), el('th', { scope: 'col' }, 'Note'))),
            el('tbody', null, rows)))
        : el('p', { class: 'muted' }, 'No check-ins logged for this session.')));
}

function intervalItem(iv) {
  const kind = iv.kind === 'atHome' ? 'At-home sessions' : 'Professional sessions';
  const r = iv.rule;
  return el('li', { dataset: { kind: iv.kind, base: iv.base, current: iv.current } },
    el('p', { class: 'interval-now' }, `${kind}: every `, el('strong', null, plural(iv.current, 'day', 'days')),
      iv.current !== iv.base ? el('span', { class: 'muted' }, ` (your usual ${plural(iv.base, 'day', 'days')})`) : null),
    el('p', { class: 'why' }, `Allowed ${r.min}–${r.max} days; one adjustment is ${plural(r.step, 'day', 'days')}. Source: ${r.source}.`),
    iv.changes.length
      ? el('ol', { class: 'interval-changes', 'aria-label': `Changes to the ${kind.toLowerCase()} interval` },
        iv.changes.map((c) => el('li', { dataset: { from: c.from, to: c.to, sessionId: c.sessionId } },
          el('span', { class: 'change-head' }, `After your session on ${formatDay(c.sessionDate)}: `,
            el('strong', null, `${c.from} → ${c.to} days`)),
          el('span', { class: 'why' }, sentence(c.reason)))))
      : el('p', { class: 'muted small' }, 'No changes to the interval so far.'));
}

function renderHistory(ctx, history) {
  const sessions = [...(history.sessions ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  byId('history-empty').hidden = sessions.length > 0;
  fill(byId('checkin-history'), sessions.map(historyItem));
  fill(byId('intervals'), (history.intervals ?? []).map(intervalItem));
  renderHold(ctx, byId('checkins-hold'), history.holdDetail, history.hold, 'checkins-');
}

async function submit(ctx) {
  const form = byId('checkin-form');
  const c = state.candidates[Number(byId('checkin-session').value)];
  if (!c) return;
  const redness = form.querySelector('input[name="redness"]:checked')?.value;
  const irritation = form.querySelector('input[name="irritation"]:checked')?.value;
  let ok = true;
  clearError('checkin-redness');
  clearError('checkin-irritation');
  clearError('checkin-day');
  if (!redness) {
    showError('checkin-redness', 'Choose how red your skin is, or None.');
    ok = false;
  }
  if (!irritation) {
    showError('checkin-irritation', 'Choose how irritated your skin is, or None.');
    ok = false;
  }
  if (!ok) {
    form.querySelector('fieldset .field-error')?.closest('fieldset')?.querySelector('input')?.focus();
    return;
  }
  const day = Number(byId('checkin-day').value);
  const flags = Object.fromEntries(FLAGS.map(([k]) => [k, byId(`flag-${k}`).checked]));
  const note = byId('checkin-note').value.trim();
  const statusLine = byId('checkin-status');
  await busy(byId('save-checkin'), async () => {
    try {
      await api.addCheckin({ checkin: { session: c.ref, day, redness, irritation, flags, note } });
      const what = `Check-in saved for ${day === 0 ? 'the evening' : `day ${day}`} after your session of ${formatDay(c.ref.date)}.`;
      status(statusLine, what);
      resetAnswers();
      state.pending = null;
      await ctx.changed(what, { focus: null });
    } catch (err) {
      const id = err.field === 'day' ? 'checkin-day' : err.field === 'note' ? 'checkin-note' : null;
      if (id) {
        showError(id, err.message);
        status(statusLine, '');
      } else {
        status(statusLine, `Not saved: ${err.message}`, { error: true });
      }
    }
  });
}

export const checkinsView = {
  init(ctx) {
    const seg = (name) => SEVERITIES.map(([value, label]) => el('label', { class: `seg-option level-${value}` },
      el('input', { type: 'radio', name, value, id: `${name}-${value}` }),
      el('span', null, label)));
    fill(byId('redness-options'), seg('redness'));
    fill(byId('irritation-options'), seg('irritation'));
    fill(byId('flag-options'), FLAGS.map(([key, label]) => el('label', { class: 'choice' },
      el('input', { type: 'checkbox', id: `flag-${key}`, value: key }),
      el('span', { class: 'choice-title' }, label))));
    byId('checkin-session').addEventListener('change', () => {
      clearError('checkin-day');
      fillDays(ctx, state.candidates[Number(byId('checkin-session').value)]);
    });
    byId('checkin-day').addEventListener('change', () => clearError('checkin-day'));
    byId('checkin-redness').addEventListener('change', () => clearError('checkin-redness'));
    byId('checkin-irritation').addEventListener('change', () => clearError('checkin-irritation'));
    byId('checkin-form').addEventListener('submit', (event) => {
      event.preventDefault();
      submit(ctx);
    });
  },
  async render(ctx, history, plan) {
    const current = rendering.begin();
    renderHistory(ctx, history);
    const candidates = await candidatesFrom(history, plan);
    if (!current()) return;
    state.candidates = candidates;
    renderForm(ctx);
  },
  /** Open the form for one due check-in ({ sessionId, sessionDate, day }). */
  open(ctx, due) {
    state.pending = due;
    renderForm(ctx);
    status(byId('checkin-status'), '');
  },
};
