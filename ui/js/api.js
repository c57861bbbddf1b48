// The only module that talks to the Rust side. One async function per command.
// Every rejection is normalised to { kind, message, field } so callers can show `message`
// next to the field (or action) that failed.

function normalise(err) {
  if (err && typeof err === 'object' && typeof err.message === 'string') {
    return { kind: err.kind ?? 'unknown', message: err.message, field: err.field ?? null };
  }
  return { kind: 'unknown', message: String(err ?? 'Something went wrong'), field: null };
}

async function call(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri?.core?.invoke) {
    throw { kind: 'unavailable', message: 'Needlewise must be opened as the desktop app.', field: null };
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (err) {
    throw normalise(err);
  }
}

export const appStatus = () => call('app_status');
export const saveWizardProgress = ({ step, draft }) => call('save_wizard_progress', { step, draft });
export const checkProfile = ({ profile }) => call('check_profile', { profile });
export const previewSchedule = ({ setup }) => call('preview_schedule', { setup });
export const classifyIngredients = ({ inci }) => call('classify_ingredients', { inci });
export const searchCities = ({ query }) => call('search_cities', { query });
export const finishSetup = ({ setup }) => call('finish_setup', { setup });
export const todayPlan = () => call('today_plan');
export const setAsideStorage = () => call('set_aside_storage');
// Tells the app the first screen is interactive (start-up time is measured to here).
export const uiReady = () => call('ui_ready');
