// The wizard: which step is showing, Back/Next/Finish, the step indicator, focus, and
// saving progress so that closing mid-way and reopening resumes at the same step.

import * as api from './api.js';
import { announce, byId, debounce, qsa, showScreen } from './dom.js';
import { readControls, writeControls, mergeDraft } from './draft.js';
import { clearErrors, clearGeneralError, focusFirstError, placeOf, showError, showGeneralError } from './errors.js';
import { STEPS } from './steps/index.js';

const state = {
  step: 1,
  /** How many steps there are: the app's count (app_status.wizardSteps). */
  total: 1,
  /** Where the Safety step's rules come from (app_status.safetySources). */
  safetySources: {},
  draft: null,
  today: '',
  busy: false,
  closed: false,
  initialised: false,
  onFinished: null,
};

const clampStep = (n) => Math.min(state.total, Math.max(1, Number.parseInt(n, 10) || 1));
const sectionOf = (n) => document.querySelector(`#wizard section[data-step="${n}"]`);

/** What step modules get to work with. */
const ctx = {
  get draft() { return state.draft; },
  get today() { return state.today; },
  get step() { return state.step; },
  get safetySources() { return state.safetySources; },
  sync: () => readControls(state.draft),
  write: () => writeControls(state.draft),
  goTo: (n, options) => goTo(n, options),
  announce,
  scheduleSave: () => scheduleSave(),
  report: (err, fallbackId) => report(err, fallbackId),
};

/** Shows whether the answers are safely stored: "Saving…" until the app confirms. */
function saveState(name, text) {
  const p = byId('save-state');
  p.dataset.state = name;
  p.textContent = text;
}

async function saveNow() {
  if (state.closed) return;
  scheduleSave.cancel();
  saveState('saving', 'Saving…');
  try {
    await api.saveWizardProgress({ step: state.step, draft: state.draft });
    if (!scheduleSave.pending()) saveState('saved', 'Answers saved on this computer');
  } catch (err) {
    saveState('error', 'Not saved');
    if (!state.closed) showGeneralError(`Your answers could not be saved: ${err.message}`);
  }
}

const scheduleSave = debounce(() => { saveNow(); }, 600);

function renderChrome() {
  const n = state.step;
  for (const section of qsa('#wizard section[data-step]')) {
    section.hidden = Number(section.dataset.step) !== n;
  }
  for (const li of qsa('#steps li')) {
    const s = Number(li.dataset.step);
    li.classList.toggle('done', s < n);
    if (s === n) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
    li.querySelector('.step-state').textContent = s < n ? ' (done)' : s === n ? ' (current step)' : '';
  }
  byId('back').hidden = n === 1;
  byId('next').hidden = n === state.total;
  byId('next').textContent = n === 1 ? 'Get started' : n === state.total - 1 ? 'Review' : 'Next';
  byId('finish').hidden = n !== state.total;
  byId('skip-products').hidden = n !== 8;
  byId('step-count').textContent = `Step ${n} of ${state.total}`;
  const label = document.querySelector(`#steps li[data-step="${n}"] .step-label`)?.textContent ?? '';
  document.title = `${label} (step ${n} of ${state.total}) — Needlewise setup`;
}

/** Show step `n`: leave the current one, render, move focus to the heading, save. */
async function goTo(n, { save = true, focus = true } = {}) {
  const target = clampStep(n);
  readControls(state.draft);
  if (state.step !== target) STEPS[state.step]?.leave?.(ctx);
  const changed = state.step !== target;
  state.step = target;
  if (changed) byId('resume-note').hidden = true;
  clearGeneralError();
  clearErrors(sectionOf(target));
  renderChrome();
  byId('stage').scrollTop = 0;
  const entering = STEPS[target]?.enter?.(ctx);
  if (focus) sectionOf(target).querySelector('h2').focus();
  if (save) await saveNow();
  await entering;
}

/** Show a command error next to its field, going to that field's step if needed. */
async function report(err, fallbackId = null) {
  const place = placeOf(err);
  if (place) {
    const [step, controlId] = place;
    if (step !== state.step) await goTo(step);
    // A step that shows this error with its own way out (buttons) has done so on entering.
    if (!STEPS[step]?.explains?.(err)) showError(controlId, err.message);
    focusFirstError(sectionOf(step));
    return;
  }
  if (fallbackId && byId(fallbackId)) showError(fallbackId, err.message);
  else showGeneralError(err.message);
}

function setBusy(busy) {
  state.busy = busy;
  const form = byId('wizard');
  if (busy) form.setAttribute('aria-busy', 'true');
  else form.removeAttribute('aria-busy');
}

async function next() {
  if (state.busy || state.closed) return;
  setBusy(true);
  try {
    readControls(state.draft);
    const section = sectionOf(state.step);
    clearErrors(section);
    clearGeneralError();
    const module = STEPS[state.step];
    const ok = module?.validate ? await module.validate(ctx) : true;
    if (!ok) {
      focusFirstError(sectionOf(state.step));
      scheduleSave();
      return;
    }
    await goTo(state.step + 1);
  } catch (err) {
    showGeneralError(err?.message ?? String(err));
  } finally {
    setBusy(false);
  }
}

async function back() {
  if (state.busy || state.closed || state.step === 1) return;
  await goTo(state.step - 1);
}

async function finish() {
  if (state.busy || state.closed) return;
  setBusy(true);
  try {
    readControls(state.draft);
    clearGeneralError();
    const validate = STEPS[state.total]?.validate;
    if (validate && !(await validate(ctx))) return;
    scheduleSave.cancel();
    const result = await api.finishSetup({ setup: STEPS[state.total].setup(ctx) });
    state.closed = true;
    await state.onFinished?.(result);
  } catch (err) {
    if (err?.kind === 'conflict') {
      // Setup was already finished (another window?): show what is there.
      state.closed = true;
      await state.onFinished?.(null);
      return;
    }
    await report(err, null);
  } finally {
    setBusy(false);
  }
}

function wire() {
  const form = byId('wizard');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.step === state.total) finish();
    else next();
  });
  byId('back').addEventListener('click', back);
  byId('skip-products').addEventListener('click', () => {
    if (!state.busy) goTo(9);
  });
  form.addEventListener('click', (event) => {
    const edit = event.target.closest('button[data-edit-step]');
    if (edit && !state.busy) goTo(Number(edit.dataset.editStep));
  });
  // Keep the draft current and saved while typing, so closing the window loses nothing.
  const onChange = () => {
    if (state.closed) return;
    readControls(state.draft);
    saveState('saving', 'Saving…');
    scheduleSave();
  };
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
  const flush = () => {
    if (!state.closed && scheduleSave.pending()) saveNow();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', flush);
  window.addEventListener('blur', flush);
}

/**
 * Start (or resume) the wizard. `status` is app_status (today, the number of steps, the
 * Safety step's sources); `saved` is its wizard ({ step, draft }) or null; `notice` is a
 * message for the first step (e.g. where a damaged file was moved).
 */
export async function startWizard({ status, saved, notice = null, onFinished }) {
  state.today = status.today;
  state.total = status.wizardSteps;
  state.safetySources = status.safetySources;
  if (!STEPS[state.total] || STEPS[state.total + 1]) {
    throw new Error(`the app has ${state.total} setup steps, this window ${Object.keys(STEPS).length}`);
  }
  state.draft = mergeDraft(saved?.draft);
  state.step = clampStep(saved?.step ?? 1);
  state.closed = false;
  state.onFinished = onFinished;
  if (!state.initialised) {
    for (const module of Object.values(STEPS)) module.init?.(ctx);
    wire();
    state.initialised = true;
  }
  writeControls(state.draft);
  for (const module of Object.values(STEPS)) module.restore?.(ctx);
  const aside = byId('aside-notice');
  aside.textContent = notice ?? '';
  aside.hidden = !notice;
  byId('resume-note').hidden = !(saved && state.step > 1);
  showScreen('wizard');
  await goTo(state.step, { save: false });
}
