// Search the built-in city list while typing and choose a result with the mouse or the
// keyboard: the down arrow moves into the results, Up/Down/Home/End move through them,
// Enter in the search box takes the best match, Escape closes them. The wizard's location
// and Settings' both use it; the newest search wins.

import * as api from './api.js';
import { byId, debounce, el, fill, latest, qsa } from './dom.js';
import { formatCoords } from './format.js';

const cityName = (city) => (city.country ? `${city.name}, ${city.country}` : city.name);

/**
 * Wire the picker whose elements are `${prefix}city-search`, `-results` and `-status`.
 * `noMatch(query)` says that nothing matched; `onChoose(place)` gets { name, latitude,
 * longitude } after the search box is cleared, and focus returns to the box after it.
 * Returns `close` (hide the results).
 */
export function cityPicker({ prefix = '', noMatch, onChoose }) {
  const input = byId(`${prefix}city-search`);
  const list = byId(`${prefix}city-results`);
  const line = byId(`${prefix}city-status`);
  const searches = latest();
  let results = [];

  const setExpanded = (open) => {
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
  };

  const close = () => {
    results = [];
    fill(list);
    setExpanded(false);
  };

  const choose = (city) => {
    input.value = '';
    line.textContent = '';
    close();
    onChoose({ name: cityName(city), latitude: city.latitude, longitude: city.longitude });
    input.focus();
  };

  const show = (query, cities) => {
    results = cities;
    fill(list, cities.map((city, i) => el('li', null,
      el('button', { type: 'button', dataset: { index: i }, onclick: () => choose(city) },
        el('span', null, cityName(city)),
        el('span', { class: 'coords' }, formatCoords(city.latitude, city.longitude))))));
    setExpanded(cities.length > 0);
    if (cities.length) list.scrollIntoView({ block: 'nearest' });
    line.textContent = cities.length
      ? `${cities.length === 1 ? '1 city' : `${cities.length} cities`} found. Press the down arrow to choose.`
      : noMatch(query);
  };

  const search = async () => {
    const query = input.value.trim();
    const current = searches.begin();
    if (!query) {
      close();
      line.textContent = '';
      return;
    }
    try {
      const cities = await api.searchCities({ query });
      if (current()) show(query, cities);
    } catch (err) {
      if (current()) {
        close();
        line.textContent = err.message;
      }
    }
  };

  const buttons = () => qsa('button', list);

  input.addEventListener('input', debounce(search, 150));
  input.addEventListener('keydown', (event) => {
    const all = buttons();
    if (event.key === 'ArrowDown' && all.length) {
      event.preventDefault();
      all[0].focus();
    } else if (event.key === 'Escape' && all.length) {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && results.length && !list.hidden) {
      // Enter in the search box takes the best match instead of submitting the form.
      event.preventDefault();
      choose(results[0]);
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    let target = null;
    if (event.key === 'ArrowDown') target = all[Math.min(i + 1, all.length - 1)];
    else if (event.key === 'ArrowUp') target = i === 0 ? input : all[i - 1];
    else if (event.key === 'Home') target = all[0];
    else if (event.key === 'End') target = all[all.length - 1];
    else if (event.key === 'Escape') {
      target = input;
      close();
    }
    if (target) {
      event.preventDefault();
      target.focus();
    }
  });
  return { close };
}
