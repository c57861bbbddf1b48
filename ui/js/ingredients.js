// What an ingredient list contains, shown the same way in the wizard and the dashboard:
// class chips, what the classes mean around sessions, and the live classification of a
// list while it is typed.

import * as api from './api.js';
import { byId, debounce, el, fill, latest } from './dom.js';
import { showError } from './errors.js';
import { CLASS_LABELS, HELPFUL_CLASSES, PAUSED_CLASSES, classKind, classNoun } from './labels.js';

/** Class nouns for a sentence: "retinoid, vitamin C". */
export const classNames = (classes) => classes.map(classNoun).join(', ');

export function chips(classes, matches = []) {
  return el('span', { class: 'chips' }, classes.map((c) => {
    const found = matches.filter((m) => m.class === c).map((m) => m.ingredient);
    return el('span', {
      class: `class-chip ${classKind(c)}`,
      title: found.length ? `Found: ${found.join(', ')}` : null,
    }, CLASS_LABELS[c] ?? c);
  }));
}

/** Why a product is "not checked": the names Needlewise does not know. */
export const notCheckedLine = (unrecognised) => `Not checked: Needlewise does not know ${unrecognised.join(', ')}, so it never suggests this product.`;

/**
 * "Paused around sessions: …" / "Suggested after sessions" lines for a classification
 * (GUIDANCE §3: suggested only when every ingredient is recognised and none is paused).
 */
export function effectLines(classes, unrecognised = []) {
  const paused = classes.filter((c) => PAUSED_CLASSES.includes(c));
  const helpful = classes.filter((c) => HELPFUL_CLASSES.includes(c));
  const lines = [];
  if (paused.length) lines.push(`Will be paused around sessions because of: ${classNames(paused)}.`);
  if (helpful.length && !paused.length && !unrecognised.length) lines.push(`Suggested after sessions (${classNames(helpful)}).`);
  if (!paused.length && !helpful.length && classes.length) lines.push('Not paused around sessions.');
  if (unrecognised.length) lines.push(notCheckedLine(unrecognised));
  return lines;
}

/**
 * Classify the list in textarea `textareaId` as it is typed and show the result in
 * `boxId` with `render(box, result, inci)`; the newest answer wins. Returns `soon` (after a
 * pause in typing), `now`, and `cancel` (drops any answer still on its way).
 */
export function liveClassifier(textareaId, boxId, render) {
  const answers = latest();
  const run = async () => {
    const inci = byId(textareaId)?.value ?? '';
    const current = answers.begin();
    const box = byId(boxId);
    if (!box) return;
    if (!inci.trim()) {
      fill(box);
      return;
    }
    try {
      const result = await api.classifyIngredients({ inci });
      if (current() && byId(boxId)) render(byId(boxId), result, inci);
    } catch (err) {
      if (current()) {
        fill(box);
        showError(textareaId, err.message);
      }
    }
  };
  const soon = debounce(run, 200);
  return {
    soon,
    now: run,
    cancel: () => {
      answers.cancel();
      soon.cancel();
    },
  };
}
