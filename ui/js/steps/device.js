// Step 4: the at-home device and needle length, and/or the clinic and first appointment.
// At-home needles past 0.5 mm are refused by check_profile ("professionalOnly"); the
// message comes with a way to switch to professional sessions instead.

import * as api from '../api.js';
import { byId, el } from '../dom.js';
import { buildProfile, includesAtHome, includesPro } from '../draft.js';
import { clearError, placeOf, showError } from '../errors.js';
import { formatMm, isIsoDate, isTime, parseNumber } from '../format.js';

const TITLES = {
  atHome: 'Your device and needle length',
  professional: 'Your clinic and first appointment',
  both: 'Your device and your clinic',
};

function render(ctx) {
  const { mode } = ctx.draft;
  byId('at-home-part').hidden = !includesAtHome(mode);
  byId('pro-part').hidden = !includesPro(mode);
  byId('step4-title').textContent = TITLES[mode] ?? 'Device and needle length';
  byId('appointment-date').min = ctx.today;
}

/** Check a needle length typed into `id`; returns false (with a message) when unusable. */
function checkNeedle(id, value, required) {
  const input = byId(id);
  if (input.validity?.badInput) {
    showError(id, 'Enter the length as a number of millimetres, for example 0.25.');
    return false;
  }
  const mm = parseNumber(value);
  if (mm === null) {
    if (!required) return true;
    showError(id, 'Enter the needle length in millimetres, for example 0.25.');
    return false;
  }
  if (Number.isNaN(mm) || mm <= 0) {
    showError(id, 'Enter the length as a number of millimetres greater than 0, for example 0.25.');
    return false;
  }
  return true;
}

function checkAppointment(ctx) {
  const { appointmentDate, appointmentTime } = ctx.draft;
  let ok = true;
  if (!appointmentDate) {
    showError('appointment-date', 'Enter the date of your first professional appointment.');
    ok = false;
  } else if (!isIsoDate(appointmentDate)) {
    showError('appointment-date', 'Enter the date as year-month-day, for example 2026-12-01.');
    ok = false;
  } else if (appointmentDate < ctx.today) {
    showError('appointment-date', 'That date is in the past; pick today or a later date.');
    ok = false;
  }
  if (!appointmentTime) {
    showError('appointment-time', 'Enter the time of the appointment.');
    ok = false;
  } else if (!isTime(appointmentTime)) {
    showError('appointment-time', 'Enter the time as hours and minutes, for example 10:30.');
    ok = false;
  }
  return ok;
}

function switchButton(ctx) {
  return el('button', {
    type: 'button',
    id: 'switch-to-professional',
    class: 'secondary',
    onclick: () => switchToProfessional(ctx),
  }, 'Switch to professional sessions');
}

/**
 * GUIDANCE §1: professional sessions are performed by a practitioner with their own
 * device. The home device's length is never carried over: the clinic's depth is theirs.
 */
function switchToProfessional(ctx) {
  const d = ctx.draft;
  ctx.sync();
  const length = parseNumber(d.needle);
  d.mode = 'professional';
  d.proNeedle = '';
  d.needle = '0.25';
  d.interval = '';
  ctx.write();
  clearError('needle');
  render(ctx);
  ctx.scheduleSave();
  const device = length ? `Your ${formatMm(length)} home device is not used for any session Needlewise plans. ` : '';
  ctx.announce(`Switched to professional sessions, performed by a practitioner at a clinic. ${device}Add your clinic and first appointment.`);
  byId('clinic').focus();
}

export const device = {
  init(ctx) {
    for (const id of ['needle', 'pro-needle', 'appointment-date', 'appointment-time', 'clinic']) {
      byId(id).addEventListener('input', () => clearError(id));
    }
    // A confirmed shortened pause was for the appointment date it was confirmed with.
    byId('appointment-date').addEventListener('input', () => { ctx.draft.proShortenedPause = false; });
  },
  enter: render,
  async validate(ctx) {
    const d = ctx.draft;
    const home = includesAtHome(d.mode);
    const pro = includesPro(d.mode);
    let ok = true;
    if (home) ok = checkNeedle('needle', d.needle, true) && ok;
    if (pro) {
      ok = checkNeedle('pro-needle', d.proNeedle, false) && ok;
      ok = checkAppointment(ctx) && ok;
    }
    if (!ok) return false;
    // The core decides what a needle length means; ask it.
    if (home) {
      try {
        await api.checkProfile({ profile: buildProfile(d, { mode: 'atHome', interval: '' }) });
      } catch (err) {
        if (err.kind === 'professionalOnly') {
          showError('needle', err.message, switchButton(ctx));
          return false;
        }
        const place = placeOf(err);
        showError(place?.[0] === 4 ? place[1] : 'needle', err.message);
        return false;
      }
    }
    try {
      await api.checkProfile({ profile: buildProfile(d, { interval: '', proInterval: '' }) });
    } catch (err) {
      if (err.field === 'needleLength') {
        showError(pro ? 'pro-needle' : 'needle', err.message);
        return false;
      }
      await ctx.report(err, pro ? 'clinic' : 'needle');
      return false;
    }
    return true;
  },
};
