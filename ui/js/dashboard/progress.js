// Progress: add photos (the camera, the open dialog, or a file dropped here), see them by area along a
// timeline with the sessions marked, and compare any two side by side or with a slider.
// Pictures load through photo:// (thumbnails lazily, full size only when compared).

import * as api from '../api.js';
import { byId, el, fill, qsa } from '../dom.js';
import { formatDate, plural } from '../format.js';
import { AREA_LABELS, RESPONSE_LABELS } from '../labels.js';
import { initCamera } from './camera.js';
import { busy, status } from './common.js';

const state = { list: null, selected: [], confirming: null, camera: null };

/** Where the webview loads a stored photo: Windows serves custom schemes over http. */
export function photoUrl(id, { thumb = false } = {}) {
  const base = navigator.userAgent.includes('Windows') ? 'http://photo.localhost' : 'photo://localhost';
  return `${base}/${id}${thumb ? '/thumb' : ''}`;
}

const describe = (p) => `${AREA_LABELS[p.area] ?? p.area}, ${formatDate(p.takenOn)}`;

function details() {
  return {
    takenOn: byId('photo-date').value,
    area: byId('photo-area').value,
    note: byId('photo-note').value.trim(),
  };
}

function showAddError(message) {
  const p = byId('photo-add-error');
  p.textContent = message ?? '';
  p.hidden = !message;
}

async function added(ctx, photo) {
  showAddError('');
  byId('photo-note').value = '';
  status(byId('photo-status'), `Added a photo: ${describe(photo)}.`);
  await load(ctx);
  ctx.announce(`Added a photo: ${describe(photo)}.`);
}

async function addFromFile(ctx) {
  await busy(byId('photo-from-file'), async () => {
    showAddError('');
    status(byId('photo-status'), 'Choose a photo in the window that opened…');
    try {
      const photo = await api.addPhotoFile({ details: details() });
      if (photo) await added(ctx, photo);
      else status(byId('photo-status'), '');
    } catch (err) {
      status(byId('photo-status'), '');
      showAddError(err.message);
    }
  });
}

/** A dropped file's or the camera's bytes as base64 (the command's transport for bytes). */
function base64Of(blob, name) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`“${name}” could not be read`));
    reader.readAsDataURL(blob);
  });
}

/**
 * Store `blob` (a dropped file, or the camera's picture) as a photo called `name`, with
 * the form's details and any `overrides` (the camera's photo is taken today).
 */
async function addBytes(ctx, blob, name, overrides = {}) {
  showAddError('');
  status(byId('photo-status'), `Adding “${name}”…`);
  try {
    const data = await base64Of(blob, name);
    await added(ctx, await api.addPhoto({ name, data, details: { ...details(), ...overrides } }));
  } catch (err) {
    status(byId('photo-status'), '');
    showAddError(err.message);
  }
}

/** The latest photo of `area`, for the camera's ghost. */
function guideFor(area) {
  const photos = (state.list?.photos ?? [])
    .filter((p) => p.area === area && !state.list.missing.includes(p.id));
  const last = photos.sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.id - b.id).at(-1);
  return last ? { id: last.id, url: photoUrl(last.id), label: describe(last) } : null;
}

function initDrop(ctx) {
  const zone = byId('photo-drop');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const [file] = event.dataTransfer?.files ?? [];
    if (file) addBytes(ctx, file, file.name);
  });
}

/**
 * Done sessions as timeline markers, photos, and photos said to be taken (Done on the
 * reminder) but not added yet, by date (a session after a photo of the same day).
 */
function timelineItems(list, area) {
  const photos = list.photos.filter((p) => area === 'all' || p.area === area)
    .map((p) => ({ date: p.takenOn, order: 0, photo: p }));
  const taken = list.takenNotAdded.map((date) => ({ date, order: 0, taken: true }));
  const sessions = list.sessions.filter((s) => s.status === 'done')
    .map((s) => ({ date: s.date, order: 1, session: s }));
  return [...photos, ...taken, ...sessions].sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
}

function timelineNote(ctx, it) {
  if (it.taken) {
    const forget = el('button', { type: 'button', class: 'secondary small', dataset: { forgetTaken: it.date } }, 'Forget this');
    forget.addEventListener('click', () => busy(forget, async () => {
      try {
        await api.forgetPhotoTaken({ date: it.date });
        await load(ctx);
        status(byId('photo-status'), `Forgot the photo said to be taken on ${formatDate(it.date)}.`);
        byId('photo-timeline-title').focus();
      } catch (err) {
        status(byId('photo-status'), err.message, { error: true });
      }
    }));
    return el('li', { class: 'photo-taken-note', dataset: { takenOn: it.date } },
      `Photo taken on ${formatDate(it.date)}, not added yet: add it here when it is on this computer, with that date. `, forget);
  }
  return el('li', { class: 'session-marker', dataset: { sessionDate: it.date } }, `Session ${formatDate(it.date)}`);
}

function photoCard(ctx, p) {
  const selected = state.selected.includes(p.id);
  const missing = state.list.missing.includes(p.id);
  const pick = el('button', {
    type: 'button',
    class: 'photo-pick',
    'aria-pressed': String(selected),
    dataset: { photoId: p.id },
  }, missing ? null : el('img', { src: photoUrl(p.id, { thumb: true }), alt: describe(p), loading: 'lazy', width: 320, height: 240 }));
  pick.addEventListener('click', () => toggle(ctx, p.id));
  const confirming = state.confirming === p.id;
  const del = el('button', { type: 'button', class: confirming ? 'danger small' : 'secondary small', dataset: { deletePhoto: p.id } },
    confirming ? 'Delete this photo' : 'Delete…');
  del.addEventListener('click', () => busy(del, async () => {
    if (!confirming) {
      state.confirming = p.id;
      render(ctx);
      document.querySelector(`[data-delete-photo="${p.id}"]`)?.focus();
      return;
    }
    try {
      await api.deletePhoto({ id: p.id });
      state.confirming = null;
      state.selected = state.selected.filter((id) => id !== p.id);
      await load(ctx);
      status(byId('photo-status'), `Deleted the photo of ${describe(p)}.`);
      byId('photo-timeline-title').focus();
    } catch (err) {
      status(byId('photo-status'), err.message, { error: true });
    }
  }));
  return el('li', { class: 'photo-card', dataset: { photoId: p.id, date: p.takenOn } },
    pick,
    el('p', { class: 'photo-caption' }, describe(p)),
    p.note ? el('p', { class: 'photo-caption muted' }, p.note) : null,
    missing ? el('p', { class: 'missing' }, 'The picture file is missing: another program moved or deleted it.') : null,
    del);
}

function render(ctx) {
  const list = state.list;
  const area = byId('photo-filter').value || 'all';
  const items = timelineItems(list, area);
  byId('photo-empty').hidden = list.photos.length > 0;
  byId('photo-pick-hint').hidden = list.photos.length < 2;
  fill(byId('photo-timeline'), items.map((it) => (it.photo
    ? photoCard(ctx, it.photo)
    : timelineNote(ctx, it))));
  const unsettled = byId('photo-unsettled');
  unsettled.hidden = !list.unsettledBy;
  unsettled.textContent = list.unsettledBy
    ? `You had a session on ${formatDate(list.unsettledBy)}: its redness may still show and make a photo today look worse than your skin is. You can still add one.`
    : '';
  renderCompare(ctx);
}

function toggle(ctx, id) {
  if (state.selected.includes(id)) state.selected = state.selected.filter((s) => s !== id);
  else state.selected = [...state.selected, id].slice(-2);
  render(ctx);
  document.querySelector(`.photo-pick[data-photo-id="${id}"]`)?.focus();
  if (state.selected.length === 2) ctx.announce('Two photos chosen: the comparison is below the timeline.');
}

/** "3 sessions between them: 12 Nov (as expected), …" from the check-in history. */
function between(ctx, a, b) {
  const weeks = Math.round((Date.parse(b.takenOn) - Date.parse(a.takenOn)) / (7 * 86_400_000));
  const sessions = (ctx.history?.sessions ?? []).filter((s) => s.date > a.takenOn && s.date <= b.takenOn);
  const gap = weeks >= 1 ? `${plural(weeks, 'week', 'weeks')} apart` : 'Taken the same week';
  if (!sessions.length) return `${gap}; no session between them.`;
  const each = sessions.map((s) => `${formatDate(s.date)} (${(RESPONSE_LABELS[s.response] ?? [s.response])[0].toLowerCase()})`);
  return `${gap}; ${plural(sessions.length, 'session', 'sessions')} between them: ${each.join('; ')}.`;
}

function figure(p, cls) {
  return el('figure', { class: cls, dataset: { photoId: p.id } },
    el('img', { src: photoUrl(p.id), alt: describe(p) }),
    el('figcaption', null, describe(p)));
}

function renderCompare(ctx) {
  const chosen = state.selected.map((id) => state.list.photos.find((p) => p.id === id)).filter(Boolean);
  const box = byId('photo-compare');
  box.hidden = chosen.length !== 2;
  if (chosen.length !== 2) return;
  const [a, b] = chosen.sort((x, y) => x.takenOn.localeCompare(y.takenOn) || x.id - y.id);
  byId('compare-between').textContent = between(ctx, a, b);
  fill(byId('compare-side'), figure(a, 'earlier'), figure(b, 'later'));
  fill(byId('compare-stack'), figure(b, 'under'), figure(a, 'over'));
  showMode();
}

function showMode() {
  const mode = document.querySelector('input[name="compare-mode"]:checked')?.value ?? 'side';
  byId('compare-side').hidden = mode !== 'side';
  byId('compare-slider').hidden = mode !== 'slider';
  byId('compare-stack').style.setProperty('--divide', `${byId('compare-position').value}%`);
}

async function load(ctx) {
  try {
    state.list = await api.listPhotos();
  } catch (err) {
    status(byId('photo-status'), `Your photos could not be loaded: ${err.message}`, { error: true });
    return;
  }
  const ids = new Set(state.list.photos.map((p) => p.id));
  state.selected = state.selected.filter((id) => ids.has(id));
  if (!byId('photo-date').value) byId('photo-date').value = ctx.today;
  render(ctx);
}

async function saveReport() {
  const box = byId('report-status');
  await busy(byId('export-report'), async () => {
    status(box, 'Preparing the record…');
    try {
      const path = await api.exportReport();
      if (path) status(box, 'Saved to ', { path });
      else status(box, 'Nothing was saved.');
    } catch (err) {
      status(box, `The record could not be saved: ${err.message}`, { error: true });
    }
  });
}

function init(ctx) {
  const areas = Object.entries(AREA_LABELS);
  fill(byId('photo-area'), areas.map(([key, label]) => el('option', { value: key }, label)));
  fill(byId('photo-filter'), el('option', { value: 'all' }, 'All areas'),
    areas.map(([key, label]) => el('option', { value: key }, label)));
  byId('photo-from-file').addEventListener('click', () => addFromFile(ctx));
  const elsewhere = byId('photo-taken-elsewhere');
  elsewhere.addEventListener('click', () => busy(elsewhere, async () => {
    try {
      await api.markPhotoTaken();
      await load(ctx);
      status(byId('photo-status'), 'Noted: a photo taken today. The next photo reminder counts from today.');
    } catch (err) {
      status(byId('photo-status'), err.message, { error: true });
    }
  }));
  byId('export-report').addEventListener('click', saveReport);
  byId('photo-filter').addEventListener('change', () => render(ctx));
  byId('photo-add-form').addEventListener('submit', (event) => event.preventDefault());
  for (const radio of qsa('input[name="compare-mode"]')) radio.addEventListener('change', showMode);
  byId('compare-position').addEventListener('input', showMode);
  initDrop(ctx);
  state.camera = initCamera({
    guideFor,
    area: () => byId('photo-area').value,
    onPicture: (blob) => addBytes(ctx, blob, 'Camera photo', { takenOn: ctx.today }),
    onProblem: showAddError,
  });
}

export const progressView = { init, load };
