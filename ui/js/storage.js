// The storage screen: the data file could not be opened. Nothing is changed until the
// person chooses to set the file aside and start fresh.

import * as api from './api.js';
import { byId, showScreen } from './dom.js';
import { sentence } from './format.js';

/** Show the problem; `onFresh(path)` runs once the file has been moved aside. */
export function showStorageProblem(problem, onFresh) {
  byId('storage-message').textContent = sentence(problem?.message ?? 'The data file could not be read.');
  byId('storage-path').textContent = problem?.path ?? '';
  const button = byId('set-aside');
  const status = document.createElement('p');
  status.className = 'general-error';
  status.setAttribute('role', 'alert');
  status.hidden = true;
  button.parentElement.after(status);
  let working = false;
  button.addEventListener('click', async () => {
    if (working) return;
    working = true;
    button.setAttribute('aria-disabled', 'true');
    try {
      const path = await api.setAsideStorage();
      onFresh(path);
    } catch (err) {
      status.textContent = `The file could not be moved aside: ${err.message}`;
      status.hidden = false;
    } finally {
      working = false;
      button.removeAttribute('aria-disabled');
    }
  });
  showScreen('storage-problem');
  byId('storage-title').focus();
}
