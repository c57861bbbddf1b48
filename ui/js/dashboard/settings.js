// Settings: every editable default with its source, reminder times, quiet hours, daily SPF,
// start at login; the wizard's answers that can change without a new setup; export (JSON,
// .ics), import of a JSON export; and the version.

import * as api from '../api.js';
import { cityPicker } from '../city-picker.js';
import { byId, el, fill, qsa } from '../dom.js';
import { clearError, showError } from '../errors.js';
import { formatCoords, formatDate, formatMm, formatTime, isTime, parseNumber, sentence } from '../format.js';
import {
  CONCERNS, CONDITIONS, DEVICE_LABELS, GATES, MODE_LABELS, labelOf,
} from '../labels.js';
import { busy, status } from './common.js';
import { renderNotifyCheck } from '../notify-check.js';

const state = { view: null, location: undefined };

/** Reminder times (GUIDANCE §6) in the order a person meets them: [key, label, kind, unit]. */
const TIMES = [
  ['spf', 'Daily SPF reminder', 'time'],
  ['prePauseStart', 'Start of the pause before a session', 'time'],
  ['sessionPrep', 'Session tomorrow: the evening before', 'time'],
  ['professionalMorning', 'Appointment day: morning reminder', 'time'],
  ['professionalLead', 'Before an appointment', 'number', 'hours', 1, 12],
  ['postCare', 'Aftercare: each day of a pause', 'time'],
  ['checkin', 'Skin check-in: evenings', 'time'],
  ['bookNextAfter', 'Book the next professional session', 'number', 'days after a session', 1, 28],
  ['replaceHead', 'Replace the device head', 'time'],
  ['bookConsultation', 'Book a consultation', 'time'],
  ['photo', 'Progress photo', 'time'],
];

const includes = (mode, kind) => mode === kind || mode === 'both';

// ---------- Aftercare windows and reminders ----------

/** GUIDANCE §3 "Settings floors": each window's limits come with the row from the app. */
function careInput(row, kind, value) {
  const min = row.floor;
  const max = row.max;
  const id = `care-${kind}-${row.key}`;
  const input = el('input', {
    type: 'number', id, min, max, step: '1', inputmode: 'numeric', value,
    'aria-labelledby': `care-label-${row.key} care-col-${kind}`,
    'aria-describedby': `care-default-${kind}-${row.key}`,
    dataset: { key: row.key, kind, unit: row.unit, floor: row.floor, max: row.max, floorNote: row.floorNote },
  });
  const note = el('span', { class: 'default-note', id: `care-default-${kind}-${row.key}` },
    `default ${kind === 'atHome' ? row.atHome : row.professional}; at least ${row.floor} (${row.floorNote})`);
  return el('td', null, el('div', { class: 'care-cell' }, input, el('span', { class: 'unit' }, row.unit), note));
}

function renderCare(view) {
  const s = view.settings;
  fill(byId('care-rows'), view.defaults.map((row) => el('tr', { dataset: { key: row.key } },
    el('th', { scope: 'row', id: `care-label-${row.key}` }, row.label),
    careInput(row, 'atHome', s.atHome[row.key]),
    careInput(row, 'professional', s.professional[row.key]),
    el('td', { class: 'source' }, row.source))));
}

function renderReminders(view) {
  const t = view.settings.times;
  fill(byId('reminder-times'), TIMES.map(([key, label, type, unit, min, max]) => {
    const id = `set-time-${key}`;
    return el('div', { class: 'field' },
      el('label', { for: id }, label),
      type === 'time'
        ? el('input', { type: 'time', id, value: formatTime(t[key]), dataset: { key } })
        : el('div', { class: 'inline-control' },
          el('input', { type: 'number', id, min, max, step: '1', value: t[key], dataset: { key } }),
          el('span', { class: 'unit' }, unit)));
  }));
  byId('set-reminders-enabled').checked = !!view.settings.remindersEnabled;
  byId('set-daily-spf').checked = !!view.settings.dailySpf;
  byId('set-start-at-login').checked = !!view.settings.startAtLogin;
  renderNotifyCheck(byId('set-notify-check'), 'set-');
  byId('set-discreet').checked = !!view.settings.discreet;
  byId('set-photo-every').value = String(view.settings.photoEvery ?? 'off');
  const routine = view.settings.routineReminders;
  byId('set-routine-enabled').checked = !!routine.enabled;
  byId('set-routine-morning').value = formatTime(routine.morning);
  byId('set-routine-evening').value = formatTime(routine.evening);
  byId('set-quiet-start').value = view.settings.quietHours.start;
  byId('set-quiet-end').value = view.settings.quietHours.end;
}

/** The settings object with the form's edits, or null (with messages shown) when invalid. */
function readSettings() {
  const s = structuredClone(state.view.settings);
  let ok = true;
  for (const input of qsa('#care-rows input')) {
    clearError(input.id);
    const n = parseNumber(input.value);
    const min = Number(input.dataset.floor);
    const max = Number(input.dataset.max);
    if (Number.isInteger(n) && n < min) {
      showError(input.id, `At least ${min} ${input.dataset.unit}: ${input.dataset.floorNote}.`);
      ok = false;
    } else if (!Number.isInteger(n) || n > max) {
      showError(input.id, `Enter a whole number from ${min} to ${max}.`);
      ok = false;
    } else {
      s[input.dataset.kind][input.dataset.key] = n;
    }
  }
  for (const [key, , type, , min, max] of TIMES) {
    const id = `set-time-${key}`;
    const input = byId(id);
    clearError(id);
    if (type === 'time') {
      if (!isTime(input.value.slice(0, 5))) {
        showError(id, 'Enter a time, for example 09:00.');
        ok = false;
      } else s.times[key] = input.value.slice(0, 5);
    } else {
      const n = parseNumber(input.value);
      if (!Number.isInteger(n) || n < min || n > max) {
        showError(id, `Enter a whole number from ${min} to ${max}.`);
        ok = false;
      } else s.times[key] = n;
    }
  }
  for (const id of ['set-quiet-start', 'set-quiet-end', 'set-routine-morning', 'set-routine-evening']) {
    clearError(id);
    if (!isTime(byId(id).value.slice(0, 5))) {
      showError(id, 'Enter a time, for example 22:00.');
      ok = false;
    }
  }
  s.routineReminders = {
    enabled: byId('set-routine-enabled').checked,
    morning: byId('set-routine-morning').value.slice(0, 5),
    evening: byId('set-routine-evening').value.slice(0, 5),
  };
  s.quietHours = { start: byId('set-quiet-start').value.slice(0, 5), end: byId('set-quiet-end').value.slice(0, 5) };
  s.remindersEnabled = byId('set-reminders-enabled').checked;
  s.dailySpf = byId('set-daily-spf').checked;
  s.startAtLogin = byId('set-start-at-login').checked;
  s.discreet = byId('set-discreet').checked;
  const every = byId('set-photo-every').value;
  s.photoEvery = every === 'off' ? null : Number(every);
  return ok ? s : null;
}

/** Where a save_settings error belongs: the first control it can name. */
function settingsErrorPlace(err) {
  if (!err.field) return null;
  if (byId(`set-time-${err.field}`)) return `set-time-${err.field}`;
  if (err.field.startsWith('quietHours')) return err.field.endsWith('end') ? 'set-quiet-end' : 'set-quiet-start';
  if (err.field === 'routineEvening') return 'set-routine-evening';
  const inputs = qsa(`#care-rows input[data-key="${err.field}"]`);
  if (!inputs.length) return null;
  const bad = inputs.find((i) => {
    const n = Number(i.value);
    return !(n >= Number(i.dataset.floor) && n <= Number(i.dataset.max));
  });
  // Both in range: the professional one is shorter than the at-home one.
  return (bad ?? inputs[inputs.length - 1]).id;
}

/** Both Save buttons save every setting; the message goes next to the one used. */
async function saveSettings(ctx, button) {
  const line = byId(button?.id === 'save-care' ? 'care-status' : 'settings-status');
  const other = byId(button?.id === 'save-care' ? 'settings-status' : 'care-status');
  status(other, '');
  const settings = readSettings();
  if (!settings) {
    status(line, 'Not saved: check the fields marked above.', { error: true });
    byId('settings-form').querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  await busy(button ?? byId('save-settings'), async () => {
    try {
      const saved = await api.saveSettings({ settings });
      state.view.settings = saved;
      status(line, 'Settings saved.');
      await ctx.changed('Settings saved.', { focus: null });
    } catch (err) {
      const place = settingsErrorPlace(err);
      if (place) {
        showError(place, err.message);
        byId(place).focus();
        status(line, 'Not saved: check the field marked above.', { error: true });
      } else {
        // The app's message says what did and did not happen (e.g. saved, but start at
        // login could not be changed).
        status(line, sentence(err.message), { error: true });
        if (err.kind === 'conflict') await ctx.refresh({ settings: true });
      }
    }
  });
}

// ---------- Your answers ----------

function treatmentText(profile) {
  const parts = [`Treatment: ${MODE_LABELS[profile.mode] ?? profile.mode}`];
  if (profile.atHome) parts.push(`${DEVICE_LABELS[profile.atHome.device] ?? profile.atHome.device}, ${formatMm(profile.atHome.needle)} needles`);
  if (profile.professional) parts.push(`clinic: ${profile.professional.clinic || 'not named'}`);
  return `${parts.join(' · ')}. These come from your setup; the schedule is built on them.`;
}

function intervalField(kind, fieldId, inputId, value, ctx) {
  const iv = (ctx.history?.intervals ?? []).find((i) => i.kind === kind);
  byId(fieldId).hidden = !includes(state.view.profile.mode, kind);
  const input = byId(inputId);
  input.value = value ?? '';
  if (iv) {
    input.min = String(iv.rule.min);
    input.max = String(iv.rule.max);
    input.placeholder = String(iv.base);
    byId(`${inputId}-hint`).textContent = `Allowed ${iv.rule.min}–${iv.rule.max} days; usually ${iv.rule.default} (${iv.rule.source}). Leave empty for the recommended ${iv.base}.`;
  }
}

function renderChosen() {
  const loc = state.location;
  const box = byId('profile-city-chosen');
  if (!loc) {
    fill(box, el('span', null, 'No location: you get the daily SPF reminder, but no sun-protection hours.'));
    return;
  }
  fill(box,
    el('span', null, 'Location: ', el('strong', null, loc.name ?? 'Your coordinates'), ` (${formatCoords(loc.latitude, loc.longitude)})`),
    el('button', {
      type: 'button', class: 'secondary small', id: 'profile-clear-location',
      onclick: () => {
        state.location = null;
        renderChosen();
        byId('profile-city-search').focus();
      },
    }, 'Clear location'));
}

function gateRow([value, label, why], safety) {
  const applies = safety.gates.includes(value);
  const detail = el('div', { class: 'reveal gate', id: `profile-gate-detail-${value}`, hidden: !applies },
    el('p', { id: `profile-gate-why-${value}` }, `Talk to a dermatologist or skincare professional first. ${why}`),
    el('div', { class: 'field check' },
      el('input', { type: 'checkbox', id: `profile-ack-${value}`, name: 'profile-ack', value, checked: safety.acknowledged.includes(value), 'aria-describedby': `profile-gate-why-${value}` }),
      el('label', { for: `profile-ack-${value}` }, 'A professional has told me microneedling is fine for me',
        el('span', { class: 'visually-hidden' }, ` (${label})`))));
  const box = el('input', { type: 'checkbox', name: 'profile-gate', value, id: `profile-gate-${value}`, checked: applies, 'aria-controls': detail.id });
  box.addEventListener('change', () => {
    detail.hidden = !box.checked;
    if (!box.checked) byId(`profile-ack-${value}`).checked = false;
  });
  return el('div', { class: 'check-item' },
    el('label', { class: 'choice' }, box, el('span', { class: 'choice-title' }, label)),
    detail);
}

function renderProfile(ctx) {
  const p = state.view.profile;
  byId('profile-summary').textContent = treatmentText(p);
  intervalField('atHome', 'profile-interval-field', 'profile-interval', p.atHome?.interval, ctx);
  intervalField('professional', 'profile-pro-interval-field', 'profile-pro-interval', p.professional?.interval, ctx);
  byId('profile-session-time-field').hidden = !includes(p.mode, 'atHome');
  byId('profile-session-time').value = formatTime(p.sessionTime);
  for (const r of qsa('input[name="profile-sensitivity"]')) r.checked = r.value === p.sensitivity;
  const concerns = new Set(p.concerns ?? []);
  fill(byId('profile-concern-list'), CONCERNS.map(([value, label]) => el('label', { class: 'choice' },
    el('input', { type: 'checkbox', name: 'profile-concern', value, id: `profile-concern-${value}`, checked: concerns.has(value) }),
    el('span', { class: 'choice-title' }, label))));
  const present = (p.safety?.holds ?? []).filter((h) => h.cause.kind === 'condition' && !h.until);
  fill(byId('profile-condition-list'), present.length
    ? el('ul', null, present.map((h) => el('li', null, `${labelOf(CONDITIONS, h.cause.what)} (since ${formatDate(h.since)})`)))
    : el('p', { class: 'muted' }, 'None. When one appears, or has cleared, say so on Today.'));
  const safety = { gates: p.safety?.gates ?? [], acknowledged: p.safety?.acknowledged ?? [] };
  fill(byId('profile-gate-list'), GATES.map((g) => gateRow(g, safety)));
  state.location = p.location ?? null;
  renderChosen();
}

function readProfile() {
  const p = structuredClone(state.view.profile);
  let ok = true;
  const interval = (inputId) => {
    clearError(inputId);
    const input = byId(inputId);
    const n = parseNumber(input.value);
    if (n === null) return null;
    const min = Number(input.min);
    const max = Number(input.max);
    if (!Number.isInteger(n) || (input.min && n < min) || (input.max && n > max)) {
      showError(inputId, `Choose a whole number of days from ${input.min} to ${input.max}, or leave it empty.`);
      ok = false;
      return null;
    }
    return n;
  };
  if (p.atHome) p.atHome.interval = interval('profile-interval');
  if (p.professional) p.professional.interval = interval('profile-pro-interval');
  if (p.atHome) {
    clearError('profile-session-time');
    const t = byId('profile-session-time').value.slice(0, 5);
    if (!isTime(t)) {
      showError('profile-session-time', 'Enter a time, for example 19:00.');
      ok = false;
    } else p.sessionTime = t;
  }
  p.sensitivity = document.querySelector('input[name="profile-sensitivity"]:checked')?.value ?? p.sensitivity;
  p.concerns = qsa('input[name="profile-concern"]:checked').map((i) => i.value);
  const gates = qsa('input[name="profile-gate"]:checked').map((i) => i.value);
  // Holds are changed on Today (their own commands); the app keeps its record of them.
  p.safety = {
    ...p.safety,
    gates,
    acknowledged: qsa('input[name="profile-ack"]:checked').map((i) => i.value).filter((g) => gates.includes(g)),
  };
  p.location = state.location;
  return ok ? p : null;
}

const PROFILE_PLACES = {
  'atHome.interval': 'profile-interval',
  'professional.interval': 'profile-pro-interval',
  sessionTime: 'profile-session-time',
  sensitivity: 'profile-sensitivity',
  concerns: 'profile-concerns',
  safety: 'profile-gates',
  location: 'profile-city-search',
  latitude: 'profile-city-search',
  longitude: 'profile-city-search',
};

async function saveProfile(ctx) {
  const line = byId('profile-status');
  const profile = readProfile();
  if (!profile) {
    status(line, 'Not saved: check the fields marked above.', { error: true });
    byId('profile-form').querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  await busy(byId('save-profile'), async () => {
    try {
      state.view.profile = await api.saveProfile({ profile });
      status(line, 'Answers saved. Your plan follows them from now on.');
      await ctx.changed('Answers saved.', { focus: null });
    } catch (err) {
      const place = PROFILE_PLACES[err.field];
      if (place) showError(place, err.message);
      status(line, place ? 'Not saved: check the field marked above.' : `Not saved: ${err.message}`, { error: true });
    }
  });
}

// The location: a city from the built-in list, as in the wizard.

function chooseCity(place) {
  state.location = place;
  byId('profile-city-status').textContent = `Location set to ${place.name}. Save your answers to keep it.`;
  renderChosen();
}

// ---------- Your data ----------

async function exportTo(button, line, call, what) {
  await busy(button, async () => {
    status(line, `Choose where to save ${what}…`);
    try {
      const path = await call();
      if (path) status(line, 'Saved to ', { path });
      else status(line, 'Nothing was saved: you closed the save dialog.');
    } catch (err) {
      status(line, `${what[0].toUpperCase()}${what.slice(1)} could not be saved: ${err.message}`, { error: true });
    }
  });
}

/** A short description of what the chosen export holds, for the confirmation. */
function describe(preview) {
  const count = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const photos = preview.replacesPhotos
    ? count(preview.photos, 'photo')
    : 'no photos (it is from before photos: yours stay as they are)';
  return `exported on ${formatDate(String(preview.exportedAt).slice(0, 10))}: ${count(preview.sessions, 'session')}, ${count(preview.products, 'product')}, ${count(preview.checkins, 'check-in')}, ${photos}`;
}

function closeImport(box) {
  box.hidden = true;
  fill(box);
}

/** The open dialog (shown by the app, which reads and checks the file), then a confirmation. */
async function chooseImport(ctx) {
  const button = byId('import-file');
  const box = byId('import-confirm');
  clearError('import-file');
  closeImport(box);
  await busy(button, async () => {
    status(byId('import-status'), 'Choose the export to import…');
    let preview;
    try {
      preview = await api.chooseImport();
    } catch (err) {
      status(byId('import-status'), '');
      showError('import-file', `Nothing was changed. ${sentence(err.message)}`);
      return;
    }
    status(byId('import-status'), preview ? '' : 'Nothing was imported: you closed the dialog.');
    if (preview) offerImport(ctx, preview);
  });
}

function offerImport(ctx, preview) {
  const button = byId('import-file');
  const box = byId('import-confirm');
  const go = el('button', { type: 'button', class: 'danger', id: 'confirm-import' }, 'Replace my data');
  const cancel = el('button', { type: 'button', class: 'secondary', id: 'cancel-import' }, 'Cancel');
  cancel.addEventListener('click', () => {
    closeImport(box);
    api.forgetImport().catch(() => {});
    button.focus();
  });
  go.addEventListener('click', () => busy(go, () => runImport(ctx, preview)));
  fill(box,
    el('p', null, el('strong', null, `Replace everything in Needlewise with “${preview.name}”?`),
      ` It was ${describe(preview)}. Your current data is backed up first.`),
    el('div', { class: 'form-actions' }, go, cancel));
  box.hidden = false;
  go.focus();
}

async function runImport(ctx, preview) {
  const box = byId('import-confirm');
  const line = byId('import-status');
  try {
    const backup = await api.importData({ token: preview.token });
    closeImport(box);
    await ctx.changed(`Imported ${preview.name}.`, { focus: null, all: true });
    status(line, `Imported “${preview.name}”. Your previous data was backed up to `, { path: backup });
    line.dataset.backup = backup;
    line.focus?.();
  } catch (err) {
    // The offer stays, so it can be confirmed again once the cause is gone (disk space,
    // another program holding the database); Cancel lets go of the file.
    showError('import-file', `Nothing was changed. ${sentence(err.message)}`);
    byId('confirm-import')?.focus();
  }
}

export const settingsView = {
  init(ctx) {
    byId('settings-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveSettings(ctx, event.submitter);
    });
    byId('settings-form').addEventListener('input', (event) => {
      if (event.target.id) clearError(event.target.id);
    });
    byId('reset-care').addEventListener('click', () => {
      for (const row of state.view?.defaults ?? []) {
        for (const kind of ['atHome', 'professional']) {
          const input = byId(`care-${kind}-${row.key}`);
          input.value = row[kind];
          clearError(input.id);
        }
      }
      status(byId('care-status'), 'Defaults filled in. Save settings to use them.');
    });
    byId('profile-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveProfile(ctx);
    });
    byId('profile-form').addEventListener('input', (event) => {
      if (event.target.id) clearError(event.target.id);
    });
    cityPicker({
      prefix: 'profile-',
      noMatch: (query) => `No city in the list matches “${query}”.`,
      onChoose: chooseCity,
    });
    byId('export-data').addEventListener('click', () => exportTo(byId('export-data'), byId('export-status'), api.exportData, 'the export'));
    byId('export-ics').addEventListener('click', () => exportTo(byId('export-ics'), byId('ics-status'), api.exportIcs, 'the calendar file'));
    byId('import-file').addEventListener('click', () => chooseImport(ctx));
  },
  async load(ctx) {
    try {
      state.view = await api.getSettings();
    } catch (err) {
      status(byId('settings-status'), `Settings could not be loaded: ${err.message}`, { error: true });
      return;
    }
    renderCare(state.view);
    renderReminders(state.view);
    renderProfile(ctx);
    byId('app-version').textContent = `version ${state.view.version}`;
  },
};
