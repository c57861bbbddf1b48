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
    const e = normalise(err);
    // The data file went away while open: the start-up screen explains and offers the copy.
    if (e.kind === 'fileGone') window.dispatchEvent(new CustomEvent('needlewise-file-gone'));
    throw e;
  }
}

export const appStatus = () => call('app_status');
export const saveWizardProgress = ({ step, draft }) => call('save_wizard_progress', { step, draft });
export const checkProfile = ({ profile }) => call('check_profile', { profile });
export const previewSchedule = ({ setup }) => call('preview_schedule', { setup });
export const proposeFirstDates = ({ profile, products }) => call('propose_first_dates', { profile, products });
export const classifyIngredients = ({ inci }) => call('classify_ingredients', { inci });
export const searchCities = ({ query }) => call('search_cities', { query });
export const finishSetup = ({ setup }) => call('finish_setup', { setup });
export const todayPlan = () => call('today_plan');
export const setAsideStorage = () => call('set_aside_storage');
export const retryStorage = () => call('retry_storage');
export const restoreStorage = () => call('restore_storage');
// Tells the app the first screen is interactive (start-up time is measured to here).
export const uiReady = ({ marks = null } = {}) => call('ui_ready', { marks });

// The dashboard.
export const dayPlan = ({ date = null } = {}) => call('day_plan', { date });
export const calendar = ({ month }) => call('calendar', { month });
export const markSession = ({ session, mark }) => call('mark_session', { session, mark });
export const moveSession = ({ session, date }) => call('move_session', { session, date });
export const clearConsultHold = ({ sessionId }) => call('clear_consult_hold', { sessionId });
export const addHold = ({ hold }) => call('add_hold', { hold });
export const clearHold = ({ condition }) => call('clear_hold', { condition });
export const acknowledgeGates = () => call('acknowledge_gates');
export const addCheckin = ({ checkin }) => call('add_checkin', { checkin });
export const checkinHistory = () => call('checkin_history');
export const listProducts = () => call('list_products');
export const addProduct = ({ product }) => call('add_product', { product });
export const updateProduct = ({ product }) => call('update_product', { product });
export const deleteProduct = ({ id }) => call('delete_product', { id });
export const getSettings = () => call('get_settings');
export const saveSettings = ({ settings }) => call('save_settings', { settings });
export const saveProfile = ({ profile }) => call('save_profile', { profile });
export const exportData = () => call('export_data');
export const exportIcs = () => call('export_ics');
export const chooseImport = () => call('choose_import');
export const forgetImport = () => call('forget_import');
export const importData = ({ token }) => call('import_data', { token });
export const reminderStatus = () => call('reminder_status');
export const pauseReminders = ({ hours }) => call('pause_reminders', { hours });
export const snoozeLastReminder = () => call('snooze_last_reminder');
export const notificationService = () => call('notification_service');
export const sendTestNotification = () => call('send_test_notification');
export const listPhotos = () => call('list_photos');
export const addPhotoFile = ({ details }) => call('add_photo_file', { details });
export const addPhoto = ({ name, data, details }) => call('add_photo', { name, data, details });
export const markPhotoTaken = () => call('mark_photo_taken');
export const forgetPhotoTaken = ({ date }) => call('forget_photo_taken', { date });
export const deletePhoto = ({ id }) => call('delete_photo', { id });
export const exportReport = () => call('export_report');

// The everyday routine (issue 14).
export const routineDay = ({ date = null } = {}) => call('routine_day', { date });
export const productPlaces = () => call('product_places');
export const placeProduct = ({ placement }) => call('place_product', { placement });
export const unplaceProduct = ({ id }) => call('unplace_product', { id });
export const proposeStep = ({ product }) => call('propose_step', { product });
export const tickStep = ({ tick }) => call('tick_step', { tick });
export const untickStep = ({ tick }) => call('untick_step', { tick });
export const routineConsistency = ({ weeks = null } = {}) => call('routine_consistency', { weeks });
