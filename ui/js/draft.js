// The wizard's answers as one plain object (the "draft"), saved with save_wizard_progress
// and restored on the next start. Form controls and the draft are kept in step here; the
// few answers that are not plain controls (products, the chosen city, chosen intervals)
// are owned by their step modules.

import { byId, qsa } from './dom.js';
import { parseNumber } from './format.js';
import { GATES } from './labels.js';

export const DRAFT_VERSION = 1;

export function newDraft() {
  return {
    v: DRAFT_VERSION,
    consultation: null,
    remindConsultation: false,
    mode: null,
    device: 'roller',
    needle: '0.25',
    clinic: '',
    proNeedle: '',
    appointmentDate: '',
    appointmentTime: '',
    concerns: [],
    sensitivity: 'normal',
    conditions: [],
    procedures: [],
    peelOrLaserDate: '',
    injectionsDate: '',
    coldSoreHistory: false,
    noneOf: [],
    gates: [],
    acknowledged: [],
    shortenedPause: false,
    proShortenedPause: false,
    firstDate: '',
    sessionTime: '19:00',
    interval: '',
    proInterval: '',
    productName: '',
    productInci: '',
    products: [],
    spfTime: '08:00',
    dailySpf: true,
    routineReminders: false,
    routineMorning: '08:00',
    routineEvening: '21:00',
    quietStart: '22:00',
    quietEnd: '07:00',
    place: null,
    latitude: '',
    longitude: '',
    startAtLogin: false,
    discreet: false,
  };
}

/** A saved draft over the defaults, keeping only known keys of the expected types. */
export function mergeDraft(saved) {
  const draft = newDraft();
  if (!saved || typeof saved !== 'object') return draft;
  for (const key of Object.keys(draft)) {
    if (!(key in saved)) continue;
    const value = saved[key];
    const fallback = draft[key];
    if (Array.isArray(fallback)) {
      if (Array.isArray(value)) draft[key] = value;
    } else if (fallback === null || typeof value === typeof fallback) {
      draft[key] = value;
    }
  }
  draft.v = DRAFT_VERSION;
  return draft;
}

// Plain controls: draft key → how to read/write it.
const TEXT = {
  device: 'device', needle: 'needle', clinic: 'clinic', proNeedle: 'pro-needle',
  appointmentDate: 'appointment-date', appointmentTime: 'appointment-time',
  firstDate: 'first-date', sessionTime: 'session-time',
  productName: 'product-name', productInci: 'product-inci',
  spfTime: 'spf-time', quietStart: 'quiet-start', quietEnd: 'quiet-end',
  routineMorning: 'routine-morning', routineEvening: 'routine-evening',
  latitude: 'latitude', longitude: 'longitude',
  peelOrLaserDate: 'procedure-date-peelOrLaser', injectionsDate: 'procedure-date-injections',
};
const CHECKBOX = {
  remindConsultation: 'remind-consultation', dailySpf: 'daily-spf', startAtLogin: 'start-at-login',
  coldSoreHistory: 'cold-sore-history', discreet: 'discreet', routineReminders: 'routine-reminders',
};
const RADIO = { consultation: 'consultation', mode: 'mode', sensitivity: 'sensitivity' };
const GROUP = {
  concerns: 'concern', conditions: 'condition', procedures: 'procedure', noneOf: 'none', gates: 'gate', acknowledged: 'ack',
};

/** Copy every plain control's value into the draft. */
export function readControls(draft) {
  for (const [key, id] of Object.entries(TEXT)) {
    const node = byId(id);
    if (node) draft[key] = node.value;
  }
  for (const [key, id] of Object.entries(CHECKBOX)) {
    const node = byId(id);
    if (node) draft[key] = node.checked;
  }
  for (const [key, name] of Object.entries(RADIO)) {
    const checked = document.querySelector(`input[type="radio"][name="${name}"]:checked`);
    draft[key] = checked ? checked.value : null;
  }
  for (const [key, name] of Object.entries(GROUP)) {
    draft[key] = qsa(`input[type="checkbox"][name="${name}"]:checked`).map((n) => n.value);
  }
}

/** Put the draft's values into the plain controls. */
export function writeControls(draft) {
  for (const [key, id] of Object.entries(TEXT)) {
    const node = byId(id);
    if (node) node.value = draft[key] ?? '';
  }
  for (const [key, id] of Object.entries(CHECKBOX)) {
    const node = byId(id);
    if (node) node.checked = !!draft[key];
  }
  for (const [key, name] of Object.entries(RADIO)) {
    for (const n of qsa(`input[type="radio"][name="${name}"]`)) n.checked = n.value === draft[key];
  }
  for (const [key, name] of Object.entries(GROUP)) {
    const values = new Set(draft[key] ?? []);
    for (const n of qsa(`input[type="checkbox"][name="${name}"]`)) n.checked = values.has(n.value);
  }
}

export const includesAtHome = (mode) => mode === 'atHome' || mode === 'both';
export const includesPro = (mode) => mode === 'professional' || mode === 'both';

function wholeDays(value) {
  const n = parseNumber(value);
  return n === null || Number.isNaN(n) ? null : n;
}

/** The location the answers describe, or null for none. */
export function locationOf(draft) {
  const latitude = parseNumber(draft.latitude);
  const longitude = parseNumber(draft.longitude);
  if (latitude === null && longitude === null) return null;
  return { name: draft.place?.name ?? null, latitude, longitude };
}

/**
 * The holds the safety answers describe. The app dates conditions from the day setup
 * happens and works out each procedure's end itself; only a procedure's date is ours.
 */
function holdsOf(d) {
  const placeholder = new Date().toISOString().slice(0, 10);
  const conditions = d.conditions.map((what) => ({ cause: { kind: 'condition', what }, since: placeholder, until: null }));
  const dates = { peelOrLaser: d.peelOrLaserDate, injections: d.injectionsDate };
  const procedures = d.procedures
    .filter((what) => /^\d{4}-\d{2}-\d{2}$/.test(dates[what] ?? ''))
    .map((what) => ({ cause: { kind: 'procedure', what }, since: dates[what], until: null }));
  return [...conditions, ...procedures];
}

/** The `profile` JSON that check_profile and setup.profile take. */
export function buildProfile(draft, overrides = {}) {
  const d = { ...draft, ...overrides };
  const gateKeys = GATES.map(([k]) => k);
  const gates = d.gates.filter((g) => gateKeys.includes(g));
  let consultation = null;
  if (d.consultation === 'notYet') consultation = { status: 'notYet', remind: !!d.remindConsultation };
  else if (d.consultation) consultation = { status: d.consultation };
  return {
    mode: d.mode,
    atHome: includesAtHome(d.mode)
      ? { device: d.device, needle: parseNumber(d.needle), headSince: null, interval: wholeDays(d.interval) }
      : null,
    professional: includesPro(d.mode)
      ? { clinic: d.clinic.trim(), needle: parseNumber(d.proNeedle), interval: wholeDays(d.proInterval) }
      : null,
    concerns: d.concerns,
    sensitivity: d.sensitivity ?? 'normal',
    consultation,
    safety: {
      gates,
      acknowledged: d.acknowledged.filter((g) => gates.includes(g)),
      holds: holdsOf(d),
      coldSoreHistory: !!d.coldSoreHistory,
    },
    sessionTime: d.sessionTime || '19:00',
    location: locationOf(d),
  };
}

/** The routine places the person chose (by product index); products left unsorted have none. */
function placementsOf(products) {
  return products.flatMap((p, product) => (p.step
    ? [{ product, step: p.step, usage: { when: p.when || 'both' } }]
    : []));
}

/** The `setup` JSON that preview_schedule and finish_setup take. */
export function buildSetup(draft, { products = true } = {}) {
  return {
    profile: buildProfile(draft),
    firstSession: includesAtHome(draft.mode)
      ? { date: draft.firstDate, time: draft.sessionTime, shortenedPause: !!draft.shortenedPause }
      : null,
    appointment: includesPro(draft.mode)
      ? { date: draft.appointmentDate, time: draft.appointmentTime, shortenedPause: !!draft.proShortenedPause }
      : null,
    products: products ? draft.products.map((p) => ({ name: p.name, inci: p.inci })) : [],
    placements: products ? placementsOf(draft.products) : [],
    reminders: {
      spfTime: draft.spfTime,
      quietStart: draft.quietStart,
      quietEnd: draft.quietEnd,
      dailySpf: !!draft.dailySpf,
      startAtLogin: !!draft.startAtLogin,
      discreet: !!draft.discreet,
      routine: {
        enabled: !!draft.routineReminders,
        morning: draft.routineMorning || '08:00',
        evening: draft.routineEvening || '21:00',
      },
    },
  };
}

/** Gates answered yes and not yet acknowledged. */
export const openGates = (draft) => draft.gates.filter((g) => !draft.acknowledged.includes(g));
