// Step 10: everything chosen, grouped, each group with an Edit button to its step.

import * as api from '../api.js';
import { byId, el, fill } from '../dom.js';
import { buildProfile, buildSetup, includesAtHome, includesPro, openGates } from '../draft.js';
import { formatCoords, formatDate, formatMm, formatTime, parseNumber, plural } from '../format.js';
import { chips } from '../ingredients.js';
import {
  CONCERNS, CONDITIONS, CONSULTATION_LABELS, DEVICE_LABELS, GATES, KIND_LABELS, MODE_LABELS, PROCEDURES,
  SENSITIVITY_LABELS, UNCLASSIFIED_TEXT, labelOf,
} from '../labels.js';

const list = (items) => el('ul', null, items.map((item) => el('li', null, item)));

function group(title, step, id, ...content) {
  const wide = step === 7 || step === 8;
  return el('div', { class: wide ? 'summary-group wide' : 'summary-group', id },
    el('dt', null,
      el('span', null, title),
      el('button', {
        type: 'button',
        class: 'secondary small',
        dataset: { editStep: step },
        'aria-label': `Edit ${title.toLowerCase()}`,
      }, 'Edit')),
    el('dd', null, ...content));
}

function consultationText(d) {
  if (d.consultation === 'notYet') {
    return `Not yet — ${d.remindConsultation ? 'remind me to book one' : 'no reminder'}`;
  }
  return CONSULTATION_LABELS[d.consultation] ?? 'Not answered';
}

function deviceItems(d) {
  const items = [];
  if (includesAtHome(d.mode)) {
    items.push(`At home: ${DEVICE_LABELS[d.device] ?? d.device}, ${formatMm(parseNumber(d.needle))} needles`);
  }
  if (includesPro(d.mode)) {
    const mm = parseNumber(d.proNeedle);
    items.push(`Clinic: ${d.clinic.trim() || 'not named'}; needle ${mm ? formatMm(mm) : 'chosen by the clinic'}`);
    items.push(`First appointment: ${formatDate(d.appointmentDate)} at ${formatTime(d.appointmentTime)}`);
  }
  return items;
}

function safetyItems(d) {
  const items = [];
  items.push(d.conditions.length
    ? `Present now (no session until it clears): ${d.conditions.map((c) => labelOf(CONDITIONS, c).toLowerCase()).join('; ')}`
    : 'Nothing present now that holds a session');
  const dates = { peelOrLaser: d.peelOrLaserDate, injections: d.injectionsDate };
  for (const p of d.procedures) {
    items.push(`${labelOf(PROCEDURES, p)} on ${formatDate(dates[p])}: sessions wait ${PROCEDURES.find(([k]) => k === p)[2]} after it`);
  }
  if (d.coldSoreHistory) items.push('History of cold sores: a note on your session checklist');
  if (!d.gates.length) items.push('No talk-to-a-professional questions answered yes');
  for (const g of d.gates) {
    const ok = d.acknowledged.includes(g);
    items.push(el('span', null, `${labelOf(GATES, g)}: `,
      ok ? 'a professional has said microneedling is fine' : el('span', { class: 'flag' }, 'not yet confirmed by a professional')));
  }
  return items;
}

function scheduleItems(d, preview) {
  const items = [];
  if (includesAtHome(d.mode)) {
    items.push(`First at-home session: ${formatDate(d.firstDate)} at ${formatTime(d.sessionTime)}${d.shortenedPause ? ' (pre-session pause shortened, as you confirmed)' : ''}`);
  }
  const rules = Object.fromEntries((preview?.rules ?? []).map((r) => [r.kind, r]));
  for (const [kind, key] of [['atHome', 'interval'], ['professional', 'proInterval']]) {
    if (!(kind === 'atHome' ? includesAtHome(d.mode) : includesPro(d.mode))) continue;
    const days = d[key] !== '' ? d[key] : rules[kind]?.starting;
    if (days !== undefined) items.push(`${kind === 'atHome' ? 'At-home' : 'Professional'} sessions every ${plural(Number(days), 'day', 'days')}`);
  }
  if (preview?.sessions?.length) {
    const kinds = new Set(preview.sessions.map((s) => s.kind));
    items.push(`Next sessions: ${preview.sessions.map((s) => (kinds.size > 1 ? `${formatDate(s.date)} (${KIND_LABELS[s.kind] ?? s.kind})` : formatDate(s.date))).join('; ')}`);
  }
  return items;
}

function productItems(d) {
  if (!d.products.length) return ['None added yet — you can add products later'];
  return d.products.map((p) => el('span', null, `${p.name} `,
    p.classes?.length ? chips(p.classes, p.matches) : el('span', { class: 'unclassified' }, UNCLASSIFIED_TEXT)));
}

function reminderItems(d) {
  const loc = parseNumber(d.latitude) !== null
    ? `${d.place?.name ?? 'Your coordinates'} (${formatCoords(parseNumber(d.latitude), parseNumber(d.longitude))})`
    : 'none — no sun-protection hours';
  return [
    d.dailySpf ? `Daily SPF reminder at ${d.spfTime}` : 'No daily SPF reminder',
    `Quiet hours: ${d.quietStart} to ${d.quietEnd}`,
    `Location: ${loc}`,
    d.startAtLogin ? 'Start Needlewise when I log in' : 'Do not start at login',
    d.discreet ? 'Discreet notifications: only "Needlewise reminder" and the time' : 'Notifications say what each reminder is about',
  ];
}

function consultationItems(d, check) {
  const items = [consultationText(d)];
  if (d.consultation === 'notYet' && check?.consultationAdvised) {
    items.push('A consultation is strongly advised for professional treatments and for concerns such as acne scars or pigmentation.');
  }
  return items;
}

function render(d) {
  fill(byId('summary'),
    group('Consultation', 2, 'summary-consultation', list(consultationItems(d, null))),
    group('Treatment', 3, null, list([MODE_LABELS[d.mode] ?? 'Not answered'])),
    group(includesPro(d.mode) && !includesAtHome(d.mode) ? 'Clinic' : includesPro(d.mode) ? 'Device and clinic' : 'Device', 4, null, list(deviceItems(d))),
    group('Skin', 5, null, list([
      d.concerns.length ? `Concerns: ${d.concerns.map((c) => labelOf(CONCERNS, c).toLowerCase()).join(', ')}` : 'No particular concerns chosen',
      `Sensitivity: ${SENSITIVITY_LABELS[d.sensitivity] ?? d.sensitivity}`,
    ])),
    group('Safety', 6, null, list(safetyItems(d))),
    group('Schedule', 7, 'summary-schedule', list(scheduleItems(d, null))),
    group('Products', 8, null, list(productItems(d))),
    group('Reminders and sun', 9, null, list(reminderItems(d))));

  const open = openGates(d);
  const hold = byId('summary-hold');
  hold.hidden = open.length === 0;
  fill(hold, open.length ? [
    el('p', null, el('strong', null, 'No sessions will be scheduled yet.')),
    el('p', null, `Your answers will be saved, but no sessions will be scheduled until a professional has told you microneedling is fine for you and you confirm it on the Safety step (${open.map((g) => labelOf(GATES, g).toLowerCase()).join('; ')}). You can still finish now.`),
  ] : []);
}

export const summary = {
  async enter(ctx) {
    const d = ctx.draft;
    render(d);
    let preview = null;
    let check = null;
    try {
      [check, preview] = await Promise.all([
        api.checkProfile({ profile: buildProfile(d) }),
        api.previewSchedule({ setup: buildSetup(d, { products: false }) }),
      ]);
    } catch {
      // Finish reports any problem next to its field; the summary shows what it can.
    }
    if (ctx.step !== 10) return;
    // Fill in only what the app worked out, so focus on an Edit button is not disturbed.
    fill(byId('summary-consultation').querySelector('dd'), list(consultationItems(d, check)));
    fill(byId('summary-schedule').querySelector('dd'), list(scheduleItems(d, preview)));
  },
  setup(ctx) {
    return buildSetup(ctx.draft);
  },
};
