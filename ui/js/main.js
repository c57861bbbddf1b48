// Start-up: ask the app where we are (setup, ready, or a storage problem) and show it.

import * as api from './api.js';
import * as startup from './startup.js';
import { byId, showScreen } from './dom.js';
import { showDashboard } from './dashboard/index.js';

// The dashboard is what nearly every start shows, so its modules are imported (and
// preloaded, index.html) up front. The wizard, its done page and the storage screen are
// imported when they are needed: a start on existing data does not fetch or parse them.
const done = () => import('./done.js');

function fatal(message) {
  const p = byId('fatal');
  p.textContent = message;
  p.hidden = false;
  byId('loading').hidden = true;
}

async function showToday() {
  let view;
  try {
    view = await api.todayPlan();
  } catch (err) {
    fatal(`Your plan could not be loaded: ${err.message}`);
    return;
  }
  (await done()).showDone({ plan: view.plan });
}

async function dashboard() {
  try {
    await showDashboard();
  } catch (err) {
    fatal(`Your dashboard could not be shown: ${err.message}`);
  }
}

// The done page's way on, once the wizard has finished.
byId('open-dashboard').addEventListener('click', () => dashboard());

async function wizard(status, saved, notice = null) {
  const { startWizard } = await import('./wizard.js');
  return startWizard({
    status,
    saved,
    notice,
    onFinished: async (result) => {
      try {
        if (result) (await done()).showDone(result);
        else await showToday();
      } catch (err) {
        fatal(`Your setup is saved, but the next page could not be shown: ${err.message}`);
      }
    },
  });
}

async function boot() {
  let status;
  try {
    status = await api.appStatus();
    startup.mark('app_status answered');
  } catch (err) {
    fatal(`Needlewise could not start: ${err.message}`);
    return;
  }
  if (status.phase === 'storageProblem') {
    const { showStorageProblem } = await import('./storage.js');
    showStorageProblem(status.problem, (path) => wizard(status, null,
      `Your old data file was kept and moved to ${path}. Nothing in it was deleted. You are starting a fresh setup.`),
    () => window.location.reload());
  } else if (status.phase === 'ready') {
    await dashboard();
  } else {
    await wizard(status, status.wizard);
  }
}

window.addEventListener('needlewise-file-gone', () => { boot(); }, { once: true });

window.addEventListener('error', (event) => fatal(`Something went wrong: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason;
  fatal(`Something went wrong: ${reason?.message ?? String(reason)}`);
});

// Marks the first screen as interactive: for the end-to-end tests (body[data-ready]) and
// the start-up measurement (ui_ready).
function ready() {
  document.body.dataset.ready = '1';
  startup.mark('first screen rendered');
  api.uiReady({ marks: startup.marks() }).catch(() => {});
}

startup.mark('main.js running');
showScreen('loading');
boot().finally(ready);
