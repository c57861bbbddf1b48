// Step 7: the first session, the interval (within the guidance range) and a preview of the
// next four sessions from preview_schedule, refreshed as answers change.

import * as api from '../api.js';
import { byId, debounce, el, fill, latest } from '../dom.js';
import { buildProfile, buildSetup, includesAtHome, includesPro } from '../draft.js';
import { clearError, placeOf, showError } from '../errors.js';
import {
  addDays, daysBetween, formatDate, formatMm, formatTime, isIsoDate, isTime, parseNumber, sentence,
} from '../format.js';
import { CONDITIONS, KIND_LABELS, labelOf } from '../labels.js';

const INTERVAL_INPUT = { atHome: 'interval', professional: 'pro-interval' };
const DRAFT_KEY = { atHome: 'interval', professional: 'proInterval' };

/** The interval rules from the last check: kind → { rule, starting }. */
let rules = {};
const previewing = latest();
let context = null;
const refreshSoon = debounce(() => refresh(context), 250);

/** Today, unless that is too close before the professional appointment (mode "both"). */
function defaultFirstDate(d, today) {
  if (d.mode === 'both' && isIsoDate(d.appointmentDate)) {
    const gap = daysBetween(today, d.appointmentDate);
    if (gap >= 0 && gap < 7) return addDays(d.appointmentDate, 14);
  }
  return today;
}

function needleText(kind, d) {
  if (kind === 'atHome') return `a ${formatMm(parseNumber(d.needle))} needle`;
  const mm = parseNumber(d.proNeedle);
  return mm ? `a ${formatMm(mm)} needle` : 'a clinic needle (assumed up to 1.0 mm)';
}

function whyText(kind, { rule, starting }, d) {
  let text = `Allowed: ${rule.min}–${rule.max} days. For ${needleText(kind, d)} the usual interval is ${rule.default} days (source: ${rule.source}).`;
  if (d.sensitivity === 'sensitive') {
    text += ` Because your skin is sensitive, it starts at the top of the range: ${starting} days.`;
  }
  return text;
}

function applyRules(list, d) {
  rules = {};
  for (const r of list ?? []) rules[r.kind] = r;
  for (const kind of ['atHome', 'professional']) {
    const r = rules[kind];
    const input = byId(INTERVAL_INPUT[kind]);
    if (!r) continue;
    input.min = String(r.rule.min);
    input.max = String(r.rule.max);
    const chosen = d[DRAFT_KEY[kind]];
    input.value = chosen !== '' && chosen !== null ? chosen : String(r.starting);
    byId(`${INTERVAL_INPUT[kind]}-why`).textContent = whyText(kind, r, d);
  }
}

function sessionItem(s) {
  return el('li', { dataset: { date: s.date, kind: s.kind } },
    el('span', { class: 'when' }, formatDate(s.date)),
    el('span', { class: 'at' }, formatTime(s.time)),
    el('span', { class: `kind-badge ${s.kind}` }, KIND_LABELS[s.kind] ?? s.kind));
}

/** The answers are complete enough to ask for a preview. */
function previewable(d) {
  if (includesAtHome(d.mode) && !(isIsoDate(d.firstDate) && isTime(d.sessionTime))) return false;
  if (includesPro(d.mode) && !(isIsoDate(d.appointmentDate) && isTime(d.appointmentTime))) return false;
  return true;
}

function showHold(hold) {
  const box = byId('preview-hold');
  box.hidden = !hold;
  fill(box, hold ? [
    el('p', null, el('strong', null, 'No sessions will be scheduled yet.')),
    el('p', null, sentence(hold)),
  ] : []);
}

/** Ask for the preview and show it. Resolves to null, or the error that stopped it. */
async function refresh(ctx) {
  const d = ctx.draft;
  const status = byId('preview-status');
  const list = byId('preview');
  const current = previewing.begin();
  if (!previewable(d)) {
    fill(list);
    showHold(null);
    status.textContent = 'Choose a date and time to see your schedule.';
    return null;
  }
  try {
    // Products count: the first session leaves room for their pre-session pause.
    const result = await api.previewSchedule({ setup: buildSetup(d) });
    if (!current()) return null;
    for (const id of ['first-date', 'session-time', 'interval', 'pro-interval']) clearError(id);
    fill(list, result.sessions.map(sessionItem));
    showHold(result.hold);
    if (result.hold) status.textContent = '';
    else if (!result.sessions.length) status.textContent = 'No sessions to show.';
    else {
      const present = d.conditions.map((c) => labelOf(CONDITIONS, c).toLowerCase());
      status.textContent = present.length
        ? `Proposed dates. While ${present.join(' or ')} is present, no session is planned (see the Safety step).`
        : 'Proposed dates. You can move a session later, but never closer than the interval allows.';
    }
    return null;
  } catch (err) {
    if (!current()) return null;
    fill(list);
    showHold(null);
    const place = placeOf(err);
    const earliest = err.kind === 'tooSoon' ? /earliest allowed date is (\d{4}-\d{2}-\d{2})/.exec(err.message)?.[1] : null;
    const pause = pauseProblem(err);
    if (pause) {
      showPauseChoice(ctx, pause);
      status.textContent = 'The schedule appears once you choose one of the options above.';
    } else if (earliest && includesAtHome(d.mode)) {
      showError('first-date', err.message, el('button', {
        type: 'button',
        class: 'secondary small',
        onclick: () => useDate(ctx, earliest),
      }, `Use ${formatDate(earliest)}`));
      status.textContent = 'The schedule appears once the problem above is fixed.';
    } else if (place && place[0] === 7) {
      showError(place[1], err.message);
      status.textContent = 'The schedule appears once the problem above is fixed.';
    } else {
      status.textContent = err.message;
    }
    return err;
  }
}

/**
 * GUIDANCE §2: a first session before the pre-session pause can finish. Returns
 * { field, control, earliest, message } for the first session or the appointment.
 */
function pauseProblem(err) {
  if (err.kind !== 'invalid' || !['firstSession', 'appointment'].includes(err.field)) return null;
  const earliest = /leaves room for it is (\d{4}-\d{2}-\d{2})/.exec(err.message)?.[1];
  if (!earliest) return null;
  const home = err.field === 'firstSession';
  return { home, control: home ? 'first-date' : 'pro-first-text', earliest, message: err.message };
}

function showPauseChoice(ctx, { home, control, earliest, message }) {
  const d = ctx.draft;
  const chosen = home ? d.firstDate : d.appointmentDate;
  const actions = [
    home ? el('button', {
      type: 'button', id: 'use-pause-date', class: 'secondary small', onclick: () => useDate(ctx, earliest),
    }, `Use ${formatDate(earliest)}`) : null,
    el('button', {
      type: 'button',
      id: home ? 'shorten-pause' : 'shorten-pro-pause',
      class: 'secondary small',
      onclick: () => {
        d[home ? 'shortenedPause' : 'proShortenedPause'] = true;
        clearError(control);
        ctx.scheduleSave();
        ctx.announce(`Keeping ${formatDate(chosen)}: your plan will say the pause is shortened.`);
        refresh(ctx);
      },
    }, `Keep ${formatDate(chosen)} with a shortened pause`),
  ].filter(Boolean);
  showError(control, message, el('div', { class: 'button-row' }, actions));
}

function useDate(ctx, iso) {
  ctx.draft.firstDate = iso;
  ctx.draft.shortenedPause = false;
  byId('first-date').value = iso;
  clearError('first-date');
  ctx.scheduleSave();
  ctx.announce(`First at-home session moved to ${formatDate(iso)}.`);
  byId('first-date').focus();
  refresh(ctx);
}

function render(ctx) {
  const d = ctx.draft;
  const home = includesAtHome(d.mode);
  const pro = includesPro(d.mode);
  byId('first-session-part').hidden = !home;
  byId('interval-field').hidden = !home;
  byId('pro-first-part').hidden = !pro;
  byId('pro-interval-field').hidden = !pro;
  byId('both-gap-hint').hidden = d.mode !== 'both';
  byId('first-date').min = ctx.today;
  if (home && !d.firstDate) {
    d.firstDate = defaultFirstDate(d, ctx.today);
    byId('first-date').value = d.firstDate;
  }
  if (home && !d.sessionTime) {
    d.sessionTime = '19:00';
    byId('session-time').value = d.sessionTime;
  }
  if (pro) {
    const where = d.clinic.trim() ? ` at ${d.clinic.trim()}` : '';
    byId('pro-first-text').textContent = isIsoDate(d.appointmentDate)
      ? `Your appointment on ${formatDate(d.appointmentDate)} at ${formatTime(d.appointmentTime)}${where}. To change it, go back to step 4.`
      : 'Enter your first appointment in step 4.';
  }
}

function checkInterval(kind, d) {
  const id = INTERVAL_INPUT[kind];
  const r = rules[kind];
  if (!r) return true;
  const raw = byId(id).value;
  const n = parseNumber(raw);
  const { min, max } = r.rule;
  if (n === null || Number.isNaN(n) || !Number.isInteger(n) || n < min || n > max) {
    showError(id, `Choose a whole number of days from ${min} to ${max}.`);
    return false;
  }
  // Keep the default as "no choice", so it follows later answers (e.g. sensitivity).
  if (d[DRAFT_KEY[kind]] === '' && n === r.starting) return true;
  d[DRAFT_KEY[kind]] = String(n);
  return true;
}

export const schedule = {
  init(ctx) {
    context = ctx;
    for (const id of ['first-date', 'session-time']) {
      const onEdit = () => {
        ctx.sync();
        // A confirmed shortened pause was for the date it was confirmed with.
        if (id === 'first-date') ctx.draft.shortenedPause = false;
        clearError(id);
        refreshSoon();
      };
      byId(id).addEventListener('input', onEdit);
      byId(id).addEventListener('change', onEdit);
    }
    for (const kind of ['atHome', 'professional']) {
      const id = INTERVAL_INPUT[kind];
      const onEdit = () => {
        ctx.draft[DRAFT_KEY[kind]] = byId(id).value;
        clearError(id);
        const n = parseNumber(byId(id).value);
        const r = rules[kind];
        if (!r || (Number.isInteger(n) && n >= r.rule.min && n <= r.rule.max)) {
          refreshSoon();
        } else {
          // Not a usable interval (yet): do not leave dates on show that no longer apply.
          refreshSoon.cancel();
          previewing.cancel();
          fill(byId('preview'));
          showHold(null);
          byId('preview-status').textContent = `Choose ${r.rule.min} to ${r.rule.max} days to see your schedule.`;
        }
      };
      byId(id).addEventListener('input', onEdit);
      byId(id).addEventListener('change', onEdit);
    }
  },
  async enter(ctx) {
    render(ctx);
    const d = ctx.draft;
    try {
      // The bands, independent of any chosen interval.
      const check = await api.checkProfile({ profile: buildProfile(d, { interval: '', proInterval: '' }) });
      applyRules(check.rules, d);
    } catch (err) {
      byId('preview-status').textContent = err.message;
      return;
    }
    await refresh(ctx);
  },
  leave() {
    refreshSoon.cancel();
  },
  /** The pause problem comes with its choices from `refresh`, which entering runs. */
  explains: (err) => !!pauseProblem(err),
  async validate(ctx) {
    const d = ctx.draft;
    let ok = true;
    if (includesAtHome(d.mode)) {
      if (!d.firstDate) {
        showError('first-date', 'Choose the date of your first at-home session.');
        ok = false;
      } else if (!isIsoDate(d.firstDate)) {
        showError('first-date', 'Enter the date as year-month-day, for example 2026-12-01.');
        ok = false;
      } else if (d.firstDate < ctx.today) {
        showError('first-date', 'That date is in the past; pick today or a later date.');
        ok = false;
      }
      if (!isTime(d.sessionTime)) {
        showError('session-time', 'Enter a time of day, for example 19:00.');
        ok = false;
      }
      ok = checkInterval('atHome', d) && ok;
    }
    if (includesPro(d.mode)) ok = checkInterval('professional', d) && ok;
    if (!ok) return false;
    refreshSoon.cancel();
    const err = await refresh(ctx);
    if (!err) return true;
    if (pauseProblem(err)) return false;
    const place = placeOf(err);
    if (!place || place[0] !== 7) await ctx.report(err);
    return false;
  },
};
