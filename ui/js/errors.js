// Validation messages next to the control that failed: p.field-error#<control-id>-error,
// role="alert", linked from the control with aria-describedby.

import { byId, describedBy, el, qsa } from './dom.js';
import { formatDate } from './format.js';

/** "2026-12-11" in a message from the app reads better as "Fri 11 Dec 2026". */
export const friendly = (message) => String(message ?? '').replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => formatDate(iso));

/** The control (or fieldset) and the box its message goes into. */
function target(controlId) {
  const control = byId(controlId);
  if (!control) return null;
  const box = control.tagName === 'FIELDSET' ? control : (control.closest('.field') ?? control.parentElement);
  return { control, box };
}

/**
 * Show `message` next to the control with id `controlId`. `extra` (a node, e.g. a button
 * offering a way out) goes right after the message and is removed with it.
 */
export function showError(controlId, message, extra = null) {
  clearError(controlId);
  const t = target(controlId);
  if (!t) {
    showGeneralError(message);
    return;
  }
  const id = `${controlId}-error`;
  const p = el('p', { class: 'field-error', id, role: 'alert' }, friendly(message));
  t.box.append(p);
  if (extra) {
    const wrap = el('div', { class: 'error-action', dataset: { errorFor: controlId } }, extra);
    t.box.append(wrap);
  }
  describedBy(t.control, id, true);
  if (t.control.tagName !== 'FIELDSET') t.control.setAttribute('aria-invalid', 'true');
}

export function clearError(controlId) {
  const id = `${controlId}-error`;
  byId(id)?.remove();
  for (const extra of qsa(`[data-error-for="${controlId}"]`)) extra.remove();
  const control = byId(controlId);
  if (control) {
    describedBy(control, id, false);
    control.removeAttribute('aria-invalid');
  }
}

/** Clear every field message inside `root`. */
export function clearErrors(root) {
  for (const p of qsa('.field-error', root)) clearError(p.id.replace(/-error$/, ''));
}

/** Move focus to the first control in `root` that has a message. */
export function focusFirstError(root) {
  const p = root.querySelector('.field-error');
  if (!p) return false;
  const control = byId(p.id.replace(/-error$/, ''));
  const focusable = control?.tagName === 'FIELDSET'
    ? (control.querySelector('input:checked') ?? control.querySelector('input, select, textarea, button'))
    : control;
  focusable?.focus();
  return true;
}

/** A message about an action rather than a field (saving, finishing). */
export function showGeneralError(message) {
  const p = byId('wizard-error');
  p.textContent = friendly(message);
  p.hidden = false;
}

export function clearGeneralError() {
  const p = byId('wizard-error');
  p.textContent = '';
  p.hidden = true;
}

/** Where a command error about `field` belongs: [step, control id]. */
const FIELD_PLACES = {
  needleLength: [4, 'needle'],
  atHome: [4, 'needle'],
  professional: [4, 'clinic'],
  appointment: [4, 'appointment-date'],
  mode: [3, 'mode'],
  consultation: [2, 'consultation'],
  sensitivity: [5, 'sensitivity'],
  concerns: [5, 'concerns'],
  safety: [6, 'safety-health'],
  'safety.holds': [6, 'safety-recent'],
  firstSession: [7, 'first-date'],
  date: [7, 'first-date'],
  'atHome.interval': [7, 'interval'],
  'professional.interval': [7, 'pro-interval'],
  sessionTime: [7, 'session-time'],
  name: [8, 'product-name'],
  inci: [8, 'product-inci'],
  products: [8, 'product-name'],
  spfTime: [9, 'spf-time'],
  quietHours: [9, 'quiet-start'],
  'quietHours.start': [9, 'quiet-start'],
  'quietHours.end': [9, 'quiet-end'],
  latitude: [9, 'latitude'],
  longitude: [9, 'longitude'],
  location: [9, 'latitude'],
};

/** The [step, control id] an error from a command belongs to, or null. */
export function placeOf(err) {
  if (err.kind === 'professionalOnly') return [4, 'needle'];
  if (err.kind === 'tooSoon') return [7, 'first-date'];
  // The appointment leaves no room for the pre-session pause: chosen on the Schedule step.
  if (err.field === 'appointment' && /leaves room for it/.test(err.message ?? '')) return [7, 'pro-first-text'];
  if (err.field && FIELD_PLACES[err.field]) return FIELD_PLACES[err.field];
  return null;
}
