// Steps 1, 2, 3 and 5: questions answered by choosing.

import { byId, el, fill } from '../dom.js';
import { clearError, showError } from '../errors.js';
import { CONCERNS } from '../labels.js';

/** 1. Welcome: nothing to answer. */
export const welcome = {};

function toggleNotYet() {
  const notYet = document.querySelector('input[name="consultation"][value="notYet"]');
  byId('not-yet-info').hidden = !notYet.checked;
}

/** 2. Consultation. */
export const consultation = {
  init() {
    byId('consultation').addEventListener('change', () => {
      toggleNotYet();
      clearError('consultation');
    });
  },
  restore: toggleNotYet,
  enter: toggleNotYet,
  validate(ctx) {
    if (ctx.draft.consultation) return true;
    showError('consultation', 'Choose one of the answers to continue.');
    return false;
  },
};

/** 3. Treatment mode. */
export const mode = {
  init() {
    byId('mode').addEventListener('change', () => clearError('mode'));
  },
  validate(ctx) {
    if (ctx.draft.mode) return true;
    showError('mode', 'Choose at home, with a professional, or both.');
    return false;
  },
};

/** 5. Concerns and sensitivity. */
export const skin = {
  init() {
    fill(byId('concern-list'), CONCERNS.map(([value, label]) => el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'concern', value, id: `concern-${value}` }),
      el('span', { class: 'choice-title' }, label))));
    byId('sensitivity').addEventListener('change', () => clearError('sensitivity'));
  },
  validate(ctx) {
    if (ctx.draft.sensitivity) return true;
    showError('sensitivity', 'Choose how your skin usually reacts.');
    return false;
  },
};
