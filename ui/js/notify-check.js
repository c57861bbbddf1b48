// Whether reminders can appear on this computer, said before they are needed: the
// notification service is checked when the wizard's reminders step or Settings opens, and
// a test notification shows what reminders look like (issue 10, item 14).

import * as api from './api.js';
import { el, fill } from './dom.js';

/** Fill `box` with the service's state and the test button; ids start with `prefix`. */
export async function renderNotifyCheck(box, prefix) {
  const status = el('p', { id: `${prefix}notify-status`, class: 'status-line', role: 'status' }, 'Checking notifications…');
  const test = el('button', { type: 'button', id: `${prefix}send-test-notification`, class: 'secondary small' }, 'Send a test notification');
  const again = el('button', { type: 'button', id: `${prefix}check-notifications`, class: 'secondary small' }, 'Check again');
  fill(box, status, el('div', { class: 'button-row' }, test, again));
  const show = (text, ok) => {
    status.textContent = text;
    status.classList.toggle('is-error', !ok);
    box.dataset.available = ok ? 'yes' : 'no';
  };
  const check = async () => {
    show('Checking notifications…', true);
    try {
      const r = await api.notificationService();
      if (r.available) show(`Notifications can appear on this computer${r.server ? ` (${r.server})` : ''}. Send a test to see one.`, true);
      else show(r.problem, false);
    } catch (err) {
      show(err.message, false);
    }
  };
  test.addEventListener('click', async () => {
    test.setAttribute('aria-disabled', 'true');
    try {
      await api.sendTestNotification();
      show('Sent: look for "Needlewise test notification". If none appeared, reminders will not appear either; check your desktop\'s notification settings.', true);
    } catch (err) {
      show(err.message, false);
    } finally {
      test.removeAttribute('aria-disabled');
    }
  });
  again.addEventListener('click', check);
  await check();
}
