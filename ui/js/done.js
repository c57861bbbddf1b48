// The "You're set" page: the next session (or why there is none yet) and today's plan.

import { byId, el, fill, showScreen } from './dom.js';
import { formatDate, formatTime, sentence } from './format.js';
import { classNoun } from './labels.js';

const KIND_TEXT = { atHome: 'at-home session', professional: 'professional appointment' };

function item(label, text, why = null, className = null) {
  return el('li', { class: className },
    el('span', { class: 'item-label' }, label),
    el('span', { class: 'item-text' }, sentence(text)),
    why ? el('span', { class: 'why' }, why) : null);
}

const because = (it) => [it.reason ? sentence(it.reason) : null, it.source ? `Source: ${it.source}.` : null]
  .filter(Boolean).join(' ');

function todayItems(plan) {
  const items = [];
  for (const s of plan.sessions ?? []) {
    if (s.date !== plan.date) continue;
    const status = s.status && s.status !== 'planned' ? ` (${s.status})` : '';
    items.push(item('Session', `Your ${KIND_TEXT[s.kind] ?? 'session'} is today at ${formatTime(s.time)}${status}`));
  }
  for (const c of plan.checklist ?? []) items.push(item('To do', c.text, because(c)));
  for (const p of plan.pausedProducts ?? []) {
    items.push(item('Pause', `${p.name}: pause it until ${formatDate(p.until)} (contains ${p.classes.map(classNoun).join(', ')})`,
      p.reason ? `Pause window: ${p.reason}.` : null, 'pause'));
  }
  for (const p of plan.avoidedProducts ?? []) items.push(item('Avoid', `${p.name}: ${p.reason}`, null, 'pause'));
  for (const p of plan.notCheckedProducts ?? []) {
    const what = p.unknown.length ? `Needlewise does not know ${p.unknown.join(', ')}` : 'it has no ingredient list';
    items.push(item('Check', `${p.name}: not checked — ${what}; it is never suggested and not marked safe`));
  }
  for (const u of plan.useItems ?? []) items.push(item('Use', u.text, because(u)));
  for (const s of plan.suggestedProducts ?? []) {
    items.push(item('Suggested', `${s.name} (${s.classes.map(classNoun).join(', ')})`));
  }
  if (plan.spf) {
    items.push(item('Sun', plan.spf.text, plan.spf.sun ? 'Sun hours are a clear-sky estimate: cloud lowers UV; altitude, snow, sand and water raise it.' : null));
  }
  if (!items.length) items.push(item('Today', 'Nothing special today: keep to your usual gentle routine'));
  return items;
}

/** The first planned session on or after the plan's date. */
function nextFrom(plan) {
  if (plan.nextSession) return plan.nextSession;
  return (plan.sessions ?? []).find((s) => (s.status ?? 'planned') === 'planned' && s.date >= plan.date) ?? null;
}

/** Show the done page. `nextSession` may be omitted; the plan's is used then. */
export function showDone({ nextSession = null, hold = null, plan }) {
  const next = nextSession ?? nextFrom(plan);
  const heldBy = hold ?? plan.hold ?? null;

  const line = byId('next-session');
  if (next) {
    line.dataset.date = next.date;
    fill(line, 'Your next session: ',
      el('strong', null, `${formatDate(next.date)} at ${formatTime(next.time)}`),
      ` — ${next.kind === 'atHome' ? 'at home' : 'professional appointment'}.`);
  } else {
    delete line.dataset.date;
    fill(line, heldBy ? 'No session is scheduled yet.' : 'No session is planned yet.');
  }

  byId('hold')?.remove();
  if (heldBy) {
    line.after(el('div', { id: 'hold', class: 'callout warn' },
      el('p', null, el('strong', null, 'Why no session is scheduled')),
      el('p', null, sentence(heldBy))));
  }

  byId('today-title').textContent = `Today, ${formatDate(plan.date)}`;
  fill(byId('today-items'), todayItems(plan));
  document.title = "You're set — Needlewise";
  showScreen('done');
  byId('done-title').focus();
}
