// The storage screen: the data file could not be opened, or went away while open. It offers
// what fits the problem (the app says which): "Try again" always, "Keep it aside and start
// fresh" only for a file that is itself damaged, and "Put my data back" when the app saved
// a copy of a file deleted or moved while open. Nothing is changed until the person chooses.

import * as api from './api.js';
import { byId, showScreen } from './dom.js';
import { sentence } from './format.js';

function describe(problem) {
  byId('storage-message').textContent = sentence(problem?.message ?? 'The data file could not be read.');
  byId('storage-advice').textContent = problem?.advice ?? '';
  byId('storage-path').textContent = problem?.path ?? '';
  byId('set-aside').hidden = !problem?.canSetAside;
  const copy = problem?.recovered ?? null;
  byId('storage-recovered').textContent = copy ?? '';
  byId('storage-recovered-line').hidden = !copy;
  byId('restore-storage').hidden = !copy;
  byId('retry-storage').className = copy ? 'secondary' : 'primary';
  byId('storage-problem').dataset.kind = problem?.kind ?? '';
  const gone = problem?.kind === 'fileGone';
  byId('storage-path-label').textContent = gone ? 'Your data file was here:' : 'The file is here:';
  byId('storage-untouched').hidden = gone;
}

/** Run `work` from `button` once at a time, showing a failure under the buttons. */
function action(button, work) {
  const status = byId('storage-status');
  let working = false;
  button.addEventListener('click', async () => {
    if (working) return;
    working = true;
    button.setAttribute('aria-disabled', 'true');
    status.hidden = true;
    try {
      await work(status);
    } catch (err) {
      status.textContent = err.message;
      status.hidden = false;
    } finally {
      working = false;
      button.removeAttribute('aria-disabled');
    }
  });
}

/**
 * Show the problem. `onFresh(path)` runs once the file has been moved aside; `onOpened()`
 * once "Try again" opened the data.
 */
let bound = false;

export function showStorageProblem(problem, onFresh, onOpened) {
  describe(problem);
  showScreen('storage-problem');
  byId('storage-title').focus();
  // The screen can come back (the file went away again): its buttons are wired once.
  if (bound) return;
  bound = true;
  action(byId('set-aside'), async () => {
    try {
      onFresh(await api.setAsideStorage());
    } catch (err) {
      throw new Error(`The file could not be moved aside: ${err.message}`);
    }
  });
  action(byId('restore-storage'), async () => {
    await api.restoreStorage();
    onOpened();
  });
  action(byId('retry-storage'), async (status) => {
    const still = await api.retryStorage();
    if (!still) {
      onOpened();
      return;
    }
    describe(still);
    status.textContent = 'Still not possible. The message above says what is wrong now.';
    status.hidden = false;
  });
}
