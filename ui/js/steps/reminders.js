// Step 9: SPF reminder, quiet hours, a place for sun-protection hours (a city from the
// built-in list, or coordinates typed by hand, or none) and start at login.

import * as api from '../api.js';
import { byId, debounce, el, fill, qsa } from '../dom.js';
import { clearError, showError } from '../errors.js';
import { formatCoords, isTime, parseNumber } from '../format.js';
import { renderNotifyCheck } from '../notify-check.js';

let searchSeq = 0;
let lastResults = [];

function setExpanded(open) {
  byId('city-results').hidden = !open;
  byId('city-search').setAttribute('aria-expanded', open ? 'true' : 'false');
}

function closeResults() {
  lastResults = [];
  fill(byId('city-results'));
  setExpanded(false);
}

function choose(ctx, city) {
  const d = ctx.draft;
  const name = city.country ? `${city.name}, ${city.country}` : city.name;
  d.place = { name, latitude: city.latitude, longitude: city.longitude };
  d.latitude = String(city.latitude);
  d.longitude = String(city.longitude);
  byId('latitude').value = d.latitude;
  byId('longitude').value = d.longitude;
  clearError('latitude');
  clearError('longitude');
  byId('city-search').value = '';
  byId('city-status').textContent = '';
  closeResults();
  renderChosen(ctx);
  ctx.scheduleSave();
  ctx.announce(`Location set to ${name}.`);
  byId('city-search').focus();
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

function renderResults(ctx, query, cities) {
  lastResults = cities;
  const list = byId('city-results');
  fill(list, cities.map((city, i) => el('li', null,
    el('button', { type: 'button', dataset: { index: i }, onclick: () => choose(ctx, city) },
      el('span', null, city.country ? `${city.name}, ${city.country}` : city.name),
      el('span', { class: 'coords' }, formatCoords(city.latitude, city.longitude))))));
  setExpanded(cities.length > 0);
  if (cities.length) list.scrollIntoView({ block: 'nearest' });
  byId('city-status').textContent = cities.length
    ? `${cities.length === 1 ? '1 city' : `${cities.length} cities`} found. Press the down arrow to choose.`
    : `No city in the list matches “${query}”. Try another spelling or a larger city nearby, or enter coordinates below.`;
}

async function search(ctx) {
  const query = byId('city-search').value.trim();
  const mine = ++searchSeq;
  if (!query) {
    closeResults();
    byId('city-status').textContent = '';
    return;
  }
  try {
    const cities = await api.searchCities({ query });
    if (mine === searchSeq) renderResults(ctx, query, cities);
  } catch (err) {
    if (mine === searchSeq) {
      closeResults();
      byId('city-status').textContent = err.message;
    }
  }
}

function resultButtons() {
  return qsa('#city-results button');
}

function onResultsKey(event) {
  const buttons = resultButtons();
  const i = buttons.indexOf(document.activeElement);
  if (i < 0) return;
  let target = null;
  if (event.key === 'ArrowDown') target = buttons[Math.min(i + 1, buttons.length - 1)];
  else if (event.key === 'ArrowUp') target = i === 0 ? byId('city-search') : buttons[i - 1];
  else if (event.key === 'Home') target = buttons[0];
  else if (event.key === 'End') target = buttons[buttons.length - 1];
  else if (event.key === 'Escape') {
    target = byId('city-search');
    closeResults();
  }
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

function onSearchKey(ctx, event) {
  const buttons = resultButtons();
  if (event.key === 'ArrowDown' && buttons.length) {
    event.preventDefault();
    buttons[0].focus();
  } else if (event.key === 'Escape' && buttons.length) {
    event.preventDefault();
    closeResults();
  } else if (event.key === 'Enter' && lastResults.length && !byId('city-results').hidden) {
    // Enter in the search box picks the best match instead of leaving the step.
    event.preventDefault();
    choose(ctx, lastResults[0]);
  }
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
    const runSearch = debounce(() => search(ctx), 150);
    const input = byId('city-search');
    input.addEventListener('input', runSearch);
    input.addEventListener('keydown', (event) => onSearchKey(ctx, event));
    byId('city-results').addEventListener('keydown', onResultsKey);
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
    closeResults();
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
