// Step 9: SPF reminder, quiet hours, a place for sun-protection hours (a city from the
// built-in list, or coordinates typed by hand, or none) and start at login.

import { cityPicker } from '../city-picker.js';
import { byId, el, fill } from '../dom.js';
import { clearError, showError } from '../errors.js';
import { formatCoords, isTime, parseNumber } from '../format.js';
import { renderNotifyCheck } from '../notify-check.js';

let picker = null;

function choose(ctx, place) {
  const d = ctx.draft;
  d.place = place;
  d.latitude = String(place.latitude);
  d.longitude = String(place.longitude);
  byId('latitude').value = d.latitude;
  byId('longitude').value = d.longitude;
  clearError('latitude');
  clearError('longitude');
  renderChosen(ctx);
  ctx.scheduleSave();
  ctx.announce(`Location set to ${place.name}.`);
}

function clearLocation(ctx) {
  const d = ctx.draft;
  d.place = null;
  d.latitude = '';
  d.longitude = '';
  byId('latitude').value = '';
  byId('longitude').value = '';
  clearError('latitude');
  clearError('longitude');
  renderChosen(ctx);
  ctx.scheduleSave();
  ctx.announce('Location cleared. Sun-protection hours are off.');
  byId('city-search').focus();
}

function renderChosen(ctx) {
  const d = ctx.draft;
  const box = byId('city-chosen');
  const lat = parseNumber(d.latitude);
  const lon = parseNumber(d.longitude);
  const valid = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  if (lat === null && lon === null) {
    fill(box, el('span', null, 'No location chosen: you still get the daily SPF reminder, but no sun-protection hours.'));
    return;
  }
  if (!valid) {
    fill(box, el('span', null, 'Enter both a latitude and a longitude, or leave both empty.'));
    return;
  }
  fill(box,
    el('span', null, 'Location: ', el('strong', null, d.place?.name ?? 'Your coordinates'), ` (${formatCoords(lat, lon)})`),
    el('button', { type: 'button', id: 'clear-location', class: 'secondary small', onclick: () => clearLocation(ctx) }, 'Clear location'));
}

function checkCoordinate(id, value, limit, word) {
  const n = parseNumber(value);
  if (n === null) return true;
  if (Number.isNaN(n)) {
    showError(id, `“${value.trim()}” is not a number. Enter decimal degrees, for example ${word === 'latitude' ? '52.52' : '13.40'}.`);
    return false;
  }
  if (n < -limit || n > limit) {
    showError(id, `A ${word} is between −${limit} and ${limit}.`);
    return false;
  }
  return true;
}

export const reminders = {
  init(ctx) {
    picker = cityPicker({
      noMatch: (query) => `No city in the list matches “${query}”. Try another spelling or a larger city nearby, or enter coordinates below.`,
      onChoose: (place) => choose(ctx, place),
    });
    for (const id of ['latitude', 'longitude']) {
      byId(id).addEventListener('input', () => {
        ctx.sync();
        // Typed by hand: no longer the city that was picked.
        ctx.draft.place = null;
        clearError(id);
        renderChosen(ctx);
      });
    }
    for (const id of ['spf-time', 'quiet-start', 'quiet-end']) {
      byId(id).addEventListener('input', () => clearError(id));
    }
  },
  restore: renderChosen,
  enter(ctx) {
    renderChosen(ctx);
    // Said now, not the morning a reminder fails to appear.
    renderNotifyCheck(byId('notify-check'), '');
  },
  leave() {
    picker?.close();
  },
  validate(ctx) {
    const d = ctx.draft;
    let ok = true;
    const times = [['spf-time', d.spfTime, 'Enter the time for the SPF reminder, for example 08:00.'],
      ['quiet-start', d.quietStart, 'Enter when quiet hours start, for example 22:00.'],
      ['quiet-end', d.quietEnd, 'Enter when quiet hours end, for example 07:00.']];
    for (const [id, value, message] of times) {
      if (!isTime(value)) {
        showError(id, message);
        ok = false;
      }
    }
    if (ok && d.quietStart === d.quietEnd) {
      showError('quiet-end', 'Quiet hours must start and end at different times.');
      ok = false;
    }
    const latOk = checkCoordinate('latitude', d.latitude, 90, 'latitude');
    const lonOk = checkCoordinate('longitude', d.longitude, 180, 'longitude');
    ok = ok && latOk && lonOk;
    if (latOk && lonOk) {
      const lat = parseNumber(d.latitude);
      const lon = parseNumber(d.longitude);
      if (lat === null && lon !== null) {
        showError('latitude', 'Enter the latitude too, or clear the longitude for no location.');
        ok = false;
      } else if (lon === null && lat !== null) {
        showError('longitude', 'Enter the longitude too, or clear the latitude for no location.');
        ok = false;
      }
    }
    return ok;
  },
};
