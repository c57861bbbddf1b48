// Step 8: products with their pasted ingredient lists. Classes are shown live while typing;
// an empty result is "unclassified", never "safe".

import * as api from '../api.js';
import { byId, debounce, el, fill } from '../dom.js';
import { clearError, focusFirstError, showError } from '../errors.js';
import { CLASS_LABELS, HELPFUL_CLASSES, PAUSED_CLASSES, UNCLASSIFIED_TEXT, classKind, classNoun } from '../labels.js';

let classifySeq = 0;
let adding = false;

const names = (classes) => classes.map(classNoun).join(', ');

export function chips(classes, matches = []) {
  return el('span', { class: 'chips' }, classes.map((c) => {
    const found = matches.filter((m) => m.class === c).map((m) => m.ingredient);
    return el('span', {
      class: `class-chip ${classKind(c)}`,
      title: found.length ? `Found: ${found.join(', ')}` : null,
    }, CLASS_LABELS[c] ?? c);
  }));
}

/**
 * "Paused around sessions: …" / "Suggested after sessions" lines for a classification
 * (GUIDANCE §3: suggested only when every ingredient is recognised and none is paused).
 */
export function effectLines(classes, unrecognised = []) {
  const paused = classes.filter((c) => PAUSED_CLASSES.includes(c));
  const helpful = classes.filter((c) => HELPFUL_CLASSES.includes(c));
  const lines = [];
  if (paused.length) lines.push(`Will be paused around sessions because of: ${names(paused)}.`);
  if (helpful.length && !paused.length && !unrecognised.length) lines.push(`Suggested after sessions (${names(helpful)}).`);
  if (!paused.length && !helpful.length && classes.length) lines.push('Not paused around sessions.');
  if (unrecognised.length) lines.push(notCheckedLine(unrecognised));
  return lines;
}

/** A list with no class: every name known (plain), or the names Needlewise does not know. */
function plainOrUnknown(unknown, count) {
  if (!unknown.length && count > 0) return el('span', { class: 'plain' }, PLAIN_TEXT);
  return el('span', { class: 'unclassified' }, unknown.length ? notCheckedLine(unknown) : UNCLASSIFIED_TEXT);
}

const PLAIN_TEXT = 'Every ingredient is known; nothing here is paused around sessions.';

/** Why a product is "not checked": the names Needlewise does not know. */
export const notCheckedLine = (unrecognised) => `Not checked: Needlewise does not know ${unrecognised.join(', ')}, so it never suggests this product.`;

function renderLive(result, inci) {
  const box = byId('inci-classes');
  if (!inci.trim()) {
    fill(box);
    return;
  }
  if (!result.classes.length) {
    const unknown = result.unrecognised ?? [];
    fill(box, el('p', null, plainOrUnknown(unknown, result.ingredientCount)));
    return;
  }
  fill(box,
    el('p', null, 'Found in this list: ', chips(result.classes, result.matches)),
    effectLines(result.classes, result.unrecognised ?? []).map((line) => el('p', { class: 'muted' }, line)));
}

async function classifyPending() {
  const inci = byId('product-inci').value;
  const mine = ++classifySeq;
  if (!inci.trim()) {
    renderLive(null, '');
    return;
  }
  try {
    const result = await api.classifyIngredients({ inci });
    if (mine === classifySeq) renderLive(result, inci);
  } catch (err) {
    if (mine === classifySeq) {
      fill(byId('inci-classes'));
      showError('product-inci', err.message);
    }
  }
}

const classifySoon = debounce(classifyPending, 200);

function productItem(p, index) {
  const classes = p.classes ?? [];
  return el('li', null,
    el('div', { class: 'product-head' },
      el('span', { class: 'product-name' }, p.name),
      el('button', {
        type: 'button',
        class: 'secondary small',
        dataset: { remove: index },
        'aria-label': `Remove ${p.name}`,
      }, 'Remove')),
    classes.length
      ? [chips(classes, p.matches ?? []), effectLines(classes, p.unrecognised ?? []).map((line) => el('p', { class: 'product-note' }, line))]
      : !p.inci.trim() ? el('span', { class: 'unclassified' }, `${UNCLASSIFIED_TEXT} (no ingredient list)`)
        : plainOrUnknown(p.unrecognised ?? [], p.ingredientCount ?? 0));
}

function renderProducts(ctx) {
  const list = ctx.draft.products;
  fill(byId('products'), list.map(productItem));
  byId('products-empty').hidden = list.length > 0;
  byId('products-title').textContent = list.length ? `Added products (${list.length})` : 'Added products';
}

/** Add what is in the entry fields. Resolves to true when added. */
async function addProduct(ctx) {
  if (adding) return false;
  ctx.sync();
  const d = ctx.draft;
  const name = d.productName.trim();
  const inci = d.productInci.trim();
  clearError('product-name');
  clearError('product-inci');
  if (!name) {
    showError('product-name', inci
      ? 'Give this product a name, or clear its ingredient list to continue.'
      : "Enter the product's name.");
    return false;
  }
  adding = true;
  try {
    const result = await api.classifyIngredients({ inci });
    d.products.push({ name, inci, classes: result.classes, matches: result.matches, unrecognised: result.unrecognised ?? [], ingredientCount: result.ingredientCount ?? 0 });
  } catch (err) {
    showError(err.field === 'name' ? 'product-name' : 'product-inci', err.message);
    return false;
  } finally {
    adding = false;
  }
  d.productName = '';
  d.productInci = '';
  byId('product-name').value = '';
  byId('product-inci').value = '';
  classifySeq++;
  fill(byId('inci-classes'));
  renderProducts(ctx);
  ctx.scheduleSave();
  const added = d.products[d.products.length - 1];
  const paused = added.classes.filter((c) => PAUSED_CLASSES.includes(c));
  ctx.announce(`Added ${name}. ${added.classes.length
    ? (paused.length ? `Paused around sessions: ${names(paused)}.` : 'Not paused around sessions.')
    : 'Unclassified: it is not marked safe.'}`);
  return true;
}

function removeProduct(ctx, index) {
  const d = ctx.draft;
  const [removed] = d.products.splice(index, 1);
  renderProducts(ctx);
  ctx.scheduleSave();
  if (removed) ctx.announce(`Removed ${removed.name}.`);
  const buttons = byId('products').querySelectorAll('button[data-remove]');
  (buttons[Math.min(index, buttons.length - 1)] ?? byId('product-name')).focus();
}

export const products = {
  init(ctx) {
    byId('product-inci').addEventListener('input', () => {
      clearError('product-inci');
      classifySoon();
    });
    byId('product-name').addEventListener('input', () => clearError('product-name'));
    byId('add-product').addEventListener('click', async () => {
      if (await addProduct(ctx)) byId('product-name').focus();
      else focusFirstError(byId('product-entry'));
    });
    byId('products').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-remove]');
      if (button) removeProduct(ctx, Number(button.dataset.remove));
    });
  },
  restore: renderProducts,
  enter(ctx) {
    renderProducts(ctx);
    classifyPending();
  },
  leave() {
    classifySoon.cancel();
  },
  /** Next with a product typed but not added: add it rather than lose it. */
  async validate(ctx) {
    const d = ctx.draft;
    if (!d.productName.trim() && !d.productInci.trim()) return true;
    return addProduct(ctx);
  },
};
