// The wizard's steps, by number. Each may have init (once), restore (after a saved draft
// is loaded), enter (on showing), leave, and validate (on Next; true to move on).

import { consultation, mode, skin, welcome } from './basic.js';
import { device } from './device.js';
import { products } from './products.js';
import { reminders } from './reminders.js';
import { safety } from './safety.js';
import { schedule } from './schedule.js';
import { summary } from './summary.js';

export const STEPS = {
  1: welcome,
  2: consultation,
  3: mode,
  4: device,
  5: skin,
  6: safety,
  7: schedule,
  8: products,
  9: reminders,
  10: summary,
};
