// A day's plan as cards: the session and its checklist, check-ins due, what to skip (pause
// windows and the products they pause, each with why and until when), what to use,
// products Needlewise could not recognise, and sun protection. Today and the calendar's
// day detail both use it; `ids` names the lists (Today's are the stable hooks).

import { el } from '../dom.js';
import { clockOf, formatDate, formatDay, sentence } from '../format.js';
import { chips } from '../ingredients.js';
import {
  SESSION_NOUNS, WINDOW_CLASSES, WINDOW_LABELS, classNoun, dayAfterLabel, windowGroup,
} from '../labels.js';
import { because } from './common.js';
import { sessionBlock } from './session-actions.js';

const SUN_NOTE = 'This is a clear-sky estimate: cloud lowers UV; altitude, snow, sand and water raise it.';

function card(id, title, ...content) {
  const headingId = `${id}-title`;
  return el('section', { class: 'card', id, 'aria-labelledby': headingId },
    el('h3', { id: headingId }, title),
    ...content);
}

function adviceList(id, items) {
  return el('ul', { id, class: 'advice-list' }, items.map((it) => el('li', { dataset: { key: it.key } },
    el('span', { class: 'advice-text' }, sentence(it.text)),
    el('span', { class: 'why' }, because(it)))));
}

/** Until when a window lasts: the last day for day windows, the hour for hour windows. */
function windowUntil(w) {
  if (w.kind === 'makeup' || w.kind === 'sweating') {
    return `until ${formatDay(w.ends.slice(0, 10))} ${clockOf(w.ends)}`;
  }
  if (w.kind === 'preSession') return `until your session on ${formatDay(w.sessionDate)}`;
  return `until ${formatDay(w.lastDay)}`;
}

/** "Day 1 of 3 after your session", "Session day", "Day 2 of 2 before your session on Wed 2 Dec". */
function windowDay(w) {
  if (w.kind === 'preSession') return `Day ${w.day} of ${w.of} before your session on ${formatDay(w.sessionDate)}`;
  return Number(w.day) === 0 ? 'Session day' : `Day ${w.day} of ${w.of} after your session`;
}

function windowItem(w) {
  return el('li', { dataset: { kind: w.kind, lastDay: w.lastDay } },
    el('span', { class: `window-dot w-${windowGroup(w.kind)}`, 'aria-hidden': 'true' }),
    el('span', { class: 'window-body' },
      el('span', { class: 'window-title' }, WINDOW_LABELS[w.kind] ?? w.kind),
      ' ', el('span', { class: 'window-until' }, windowUntil(w)),
      el('span', { class: 'why' }, `${windowDay(w)} · Source: ${w.source}`)));
}

/** The windows that pause none of the person's products, in one sentence. */
function unusedWindows(windows) {
  if (!windows.length) return null;
  const parts = windows.map((w) => `${(WINDOW_LABELS[w.kind] ?? w.kind).replace(/ paused$/, '').toLowerCase()} (${windowUntil(w)})`);
  return el('p', { class: 'why', id: null }, `Also paused, though none of your products contains them: ${parts.join('; ')}. Source: ${[...new Set(windows.map((w) => w.source))].join(', ')}.`);
}

function pausedItem(p, windows) {
  // The window that keeps it paused longest gives the reason; name its source too.
  const w = windows.find((x) => x.lastDay === p.until && (WINDOW_CLASSES[x.kind] ?? []).some((c) => p.classes.includes(c)));
  return el('li', { dataset: { productName: p.name, productId: p.productId, until: p.until } },
    el('span', { class: 'product-title' }, p.name),
    ' — paused until ', el('strong', null, formatDay(p.until)), `: ${p.reason}`,
    el('span', { class: 'why' }, `Contains ${p.classes.map(classNoun).join(', ')}.`,
      w ? ` Source: ${w.source}.` : ''));
}

function suggestedItem(p) {
  return el('li', { dataset: { productName: p.name, productId: p.productId } },
    el('span', { class: 'product-title' }, p.name), ' ', chips(p.classes));
}

function spfCard(ids, plan, title) {
  const spf = plan.spf;
  if (!spf) {
    return card(ids.sun, title, el('p', { id: ids.spf, class: 'muted' },
      'The daily SPF reminder is off. SPF 30+ still matters on any day you are outdoors.'));
  }
  const sun = spf.sun;
  const protection = sun?.protection;
  const heading = spf.sessionDay ? `${title} — session day: no sunscreen after needling`
    : spf.strict ? `${title} — strict after your session` : title;
  return card(ids.sun, heading,
    el('p', {
      id: ids.spf,
      class: spf.strict ? 'spf-text strict' : 'spf-text',
      dataset: protection ? { start: clockOf(protection.start), end: clockOf(protection.end) } : {},
    }, sentence(spf.text)),
    sun?.sunrise && sun?.sunset
      ? el('p', { class: 'facts' }, `Sunrise ${clockOf(sun.sunrise)} · sunset ${clockOf(sun.sunset)}`)
      : null,
    sun ? el('p', { class: 'why' }, SUN_NOTE)
      : el('p', { class: 'why' }, 'Add your location in Settings to see the sun-protection hours (when UV is 3 or more).'));
}

/**
 * The plan's cards, as { main, side }: main holds the session, check-ins and what to skip;
 * side what to use, products not recognised, and sun protection. `isToday` words the
 * titles for today ("Skip today") or for another day ("Skip").
 */
export function planCards(ctx, plan, { ids, actionsPrefix, onChanged, isToday }) {
  const main = [];
  const side = [];
  const daySessions = plan.sessions ?? [];

  if (daySessions.length) {
    const blocks = daySessions.map((s, i) => sessionBlock(ctx, s, {
      prefix: i === 0 ? actionsPrefix : `${actionsPrefix}-${i + 1}`,
      onChanged,
    }));
    main.push(card(ids.session, daySessions.length > 1 ? 'Sessions' : 'Session',
      ...blocks,
      plan.checklist?.length ? [
        el('h4', { class: 'sub-head' }, 'Before and during the session'),
        adviceList(ids.checklist, plan.checklist),
      ] : null));
  }

  const due = (plan.checkinsDue ?? []);
  if (due.length && plan.date <= ctx.today) {
    main.push(card(ids.checkinsCard, 'Skin check-in',
      el('ul', { id: ids.checkins, class: 'checkin-due' }, due.map((d) => el('li', null,
        el('span', null, `How is your skin on ${dayAfterLabel(d.day)} your session of ${formatDay(d.sessionDate)}?`),
        el('button', {
          type: 'button',
          class: 'primary small',
          dataset: { sessionDate: d.sessionDate, day: d.day, sessionId: d.sessionId ?? '' },
          onclick: () => ctx.openCheckin(d),
        }, 'Check in'))))));
  }

  const avoided = plan.avoidedProducts ?? [];
  if (avoided.length) {
    main.push(card(ids.avoidedCard, 'Not during pregnancy or breastfeeding',
      el('ul', { id: ids.avoided, class: 'product-lines paused' }, avoided.map((p) => el('li', { dataset: { productName: p.name } },
        el('span', { class: 'product-name' }, p.name), ` — ${p.reason}`))),
      el('p', { class: 'why' }, 'Topical retinoids are avoided in pregnancy and while breastfeeding (product labels). There is no resume date: ask your professional when to start again.')));
  }

  const paused = plan.pausedProducts ?? [];
  const windows = plan.windows ?? [];
  if (paused.length || windows.length) {
    const pausing = (w) => paused.some((p) => p.classes.some((c) => (WINDOW_CLASSES[w.kind] ?? []).includes(c)));
    const productWindow = (w) => (WINDOW_CLASSES[w.kind] ?? []).length > 0;
    // Care windows (makeup, sweating, sun) are listed; product windows show through the
    // products they pause, and the rest are named in one line.
    const care = windows.filter((w) => !productWindow(w));
    const unused = windows.filter((w) => productWindow(w) && !pausing(w));
    main.push(card(ids.skip, isToday ? 'Skip today' : 'Skip on this day',
      paused.length
        ? el('ul', { id: ids.paused, class: 'product-lines paused' }, paused.map((p) => pausedItem(p, windows)))
        : el('p', { class: 'muted' }, isToday ? 'None of your products is paused today.' : 'None of your products is paused on this day.'),
      care.length ? [
        el('h4', { class: 'sub-head' }, 'Care'),
        el('ul', { id: ids.windows, class: 'window-list' }, care.map(windowItem)),
      ] : null,
      unusedWindows(unused)));
  }

  const useItems = plan.useItems ?? [];
  const suggested = plan.suggestedProducts ?? [];
  if (useItems.length || suggested.length) {
    side.push(card(ids.use, isToday ? 'Use today' : 'Use on this day',
      useItems.length ? adviceList(ids.useList, useItems) : null,
      suggested.length ? [
        el('h4', { class: 'sub-head' }, 'From your products'),
        el('ul', { id: ids.suggested, class: 'product-lines suggested' }, suggested.map(suggestedItem)),
      ] : null));
  }

  const unknown = plan.notCheckedProducts ?? [];
  if (unknown.length) {
    side.push(card(ids.unknownCard, 'Not checked — check yourself',
      el('ul', { id: ids.unknown, class: 'product-lines unknown' }, unknown.map((p) => el('li', { dataset: { productName: p.name } },
        el('span', { class: 'unclassified' }, `${p.name}: not checked`),
        el('span', { class: 'unknown-names' }, p.unknown.length
          ? ` — Needlewise does not know: ${p.unknown.join(', ')}`
          : ' — no ingredient list')))),
      el('p', { class: 'why' }, 'Needlewise suggests a product only when it recognises every ingredient on its list. These are not marked safe: check the labels yourself, or correct the list under Products.')));
  }

  side.push(spfCard(ids, plan, 'Sun protection'));
  return { main, side };
}

/** Ids for Today (the stable hooks the tests use) and for the calendar's day detail. */
export const TODAY_IDS = {
  session: 'today-session-card', checklist: 'today-checklist', checkinsCard: 'today-checkin-card',
  checkins: 'today-checkins', skip: 'today-skip', paused: 'paused-products', windows: 'today-windows',
  use: 'today-use', useList: 'today-use-items', suggested: 'suggested-products',
  unknownCard: 'today-unknown', unknown: 'unclassified-products', sun: 'today-sun', spf: 'today-spf',
  avoidedCard: 'today-avoided', avoided: 'avoided-products',
};

export const DAY_IDS = Object.fromEntries(Object.entries(TODAY_IDS)
  .map(([k, v]) => [k, `day-${v.replace(/^today-/, '')}`]));

/** "Wed 2 Dec 2026 at 19:00 — at-home session". */
export function nextSessionText(next) {
  if (!next) return null;
  return `${formatDate(next.date)} at ${next.time.slice(0, 5)} — ${SESSION_NOUNS[next.kind] ?? 'session'}`;
}
