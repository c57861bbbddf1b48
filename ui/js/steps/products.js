// Step 8: products with their pasted ingredient lists. Classes are shown live while typing;
// an empty result is "unclassified", never "safe".

import * as api from '../api.js';
import { byId, el, fill } from '../dom.js';
import { clearError, focusFirstError, showError } from '../errors.js';
import { chips, classNames, effectLines, liveClassifier, notCheckedLine } from '../ingredients.js';
import { PAUSED_CLASSES, STEPS, UNCLASSIFIED_TEXT, WHEN_LABELS } from '../labels.js';

let adding = false;

/** A list with no class: every name known (plain), or the names Needlewise does not know. */
function plainOrUnknown(unknown, count) {
  if (!unknown.length && count > 0) return el('span', { class: 'plain' }, PLAIN_TEXT);
  return el('span', { class: 'unclassified' }, unknown.length ? notCheckedLine(unknown) : UNCLASSIFIED_TEXT);
}

const PLAIN_TEXT = 'Every ingredient is known; nothing here is paused around sessions.';

/** The live classification of the list being typed (never empty: the classifier clears the box). */
function renderLive(box, result) {
  if (!result.classes.length) {
    const unknown = result.unrecognised ?? [];
    fill(box, el('p', null, plainOrUnknown(unknown, result.ingredientCount)));
    return;
  }
  fill(box,
    el('p', null, 'Found in this list: ', chips(result.classes, result.matches)),
    effectLines(result.classes, result.unrecognised ?? []).map((line) => el('p', { class: 'muted' }, line)));
}

const live = liveClassifier('product-inci', 'inci-classes', renderLive);

const choices = (list, selected) => list.map(([key, label]) => el('option', { value: key, selected: key === selected }, label));

/** Where the product goes in the routine: the proposed step, for the person to confirm or change. */
function placeFields(p, index) {
  return el('div', { class: 'place-row wizard-place' },
    el('div', { class: 'field inline' },
      el('label', { for: `wizard-step-${index}` }, 'Step in your routine'),
      el('select', { id: `wizard-step-${index}`, dataset: { index, field: 'step' } },
        el('option', { value: '', selected: !p.step }, 'Unsorted'), choices(STEPS, p.step))),
    el('div', { class: 'field inline' },
      el('label', { for: `wizard-when-${index}` }, 'When'),
      el('select', { id: `wizard-when-${index}`, dataset: { index, field: 'when' } }, choices(WHEN_LABELS, p.when || 'both'))));
}

function productItem(p, index) {
  const classes = p.classes ?? [];
  return el('li', { dataset: { productName: p.name } },
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
        : plainOrUnknown(p.unrecognised ?? [], p.ingredientCount ?? 0),
    placeFields(p, index));
}

function renderProducts(ctx) {
  const list = ctx.draft.products;
  fill(byId('products'), list.map(productItem));
  byId('products-place-hint').hidden = list.length === 0;
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
    const [result, step] = await Promise.all([
      api.classifyIngredients({ inci }),
      api.proposeStep({ product: { name, inci } }),
    ]);
    d.products.push({ name, inci, classes: result.classes, matches: result.matches, unrecognised: result.unrecognised ?? [], ingredientCount: result.ingredientCount ?? 0, step, when: step === 'sunscreen' ? 'am' : 'both' });
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
  live.cancel();
  fill(byId('inci-classes'));
  renderProducts(ctx);
  ctx.scheduleSave();
  const added = d.products[d.products.length - 1];
  const paused = added.classes.filter((c) => PAUSED_CLASSES.includes(c));
  ctx.announce(`Added ${name}. ${added.classes.length
    ? (paused.length ? `Paused around sessions: ${classNames(paused)}.` : 'Not paused around sessions.')
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
      live.soon();
    });
    byId('product-name').addEventListener('input', () => clearError('product-name'));
    byId('add-product').addEventListener('click', async () => {
      if (await addProduct(ctx)) byId('product-name').focus();
      else focusFirstError(byId('product-entry'));
    });
    byId('products').addEventListener('change', (event) => {
      const select = event.target.closest('select[data-field]');
      const product = select && ctx.draft.products[Number(select.dataset.index)];
      if (!product) return;
      product[select.dataset.field] = select.value || null;
      ctx.scheduleSave();
    });
    byId('products').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-remove]');
      if (button) removeProduct(ctx, Number(button.dataset.remove));
    });
  },
  restore: renderProducts,
  enter(ctx) {
    renderProducts(ctx);
    live.now();
  },
  leave() {
    live.cancel();
  },
  /** Next with a product typed but not added: add it rather than lose it. */
  async validate(ctx) {
    const d = ctx.draft;
    if (!d.productName.trim() && !d.productInci.trim()) return true;
    return addProduct(ctx);
  },
};
