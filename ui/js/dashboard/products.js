// Products: the list with what each contains, add (with live classification), edit in
// place, and delete after a confirmation. A list Needlewise cannot read is "not recognised
// — check yourself", never safe.

import * as api from '../api.js';
import { append, byId, el, fill } from '../dom.js';
import { clearError, showError } from '../errors.js';
import { chips, effectLines, liveClassifier } from '../ingredients.js';
import { classNoun } from '../labels.js';
import { actionError, busy, clearActionError, status } from './common.js';
import { placeForm } from './product-place.js';

const NOT_RECOGNISED = 'Not recognised — check yourself: Needlewise does not know every ingredient in this list, so it is not marked safe';
const PLAIN = 'Every ingredient is known, and none is paused around sessions or suggested after them.';

const state = { products: [], places: [], editing: null, confirming: null };

/** What a classification means, as nodes (chips and a line or two). */
function classificationNodes(classification, inci) {
  const classes = classification?.classes ?? [];
  const unknown = classification?.unrecognised ?? [];
  if (!classes.length) {
    if (inci.trim() && !unknown.length && classification?.ingredientCount > 0) return [el('p', { class: 'product-note' }, PLAIN)];
    const text = !inci.trim() ? `${NOT_RECOGNISED} (no ingredient list)` : NOT_RECOGNISED;
    return [
      el('p', { class: 'not-checked' }, el('span', { class: 'unclassified' }, text)),
      unknown.length ? el('p', { class: 'product-note unknown-names' }, `Unknown: ${unknown.join(', ')}.`) : null,
    ];
  }
  const found = (classification.matches ?? []).map((m) => `${m.ingredient} (${classNoun(m.class)})`);
  return [
    el('p', null, chips(classes, classification.matches ?? [])),
    ...effectLines(classes, unknown).map((line) => el('p', { class: line.startsWith('Not checked') ? 'product-note not-checked' : 'product-note' }, line)),
    found.length ? el('p', { class: 'product-note' }, `Found: ${found.join(', ')}.`) : null,
  ];
}

/** The live classification of a list being typed. */
const liveInto = (textareaId, boxId) => liveClassifier(textareaId, boxId, (box, result, inci) => fill(box,
  el('p', { class: 'muted small' }, 'Recognised so far:'), classificationNodes(result, inci)));

const addLive = liveInto('new-product-inci', 'new-product-classes');
let editLive = null;

function viewItem(ctx, cp) {
  const p = cp.product;
  const li = el('li', { dataset: { productId: p.id, productName: p.name } });
  if (state.confirming === p.id) {
    const keep = el('button', { type: 'button', class: 'secondary small', id: 'cancel-delete' }, 'Keep it');
    const del = el('button', { type: 'button', class: 'danger small', id: 'confirm-delete' }, `Delete ${p.name}`);
    keep.addEventListener('click', () => {
      state.confirming = null;
      render(ctx);
      focusItemButton(p.id, 'delete');
    });
    del.addEventListener('click', () => busy(del, async () => {
      try {
        await api.deleteProduct({ id: p.id });
        state.confirming = null;
        status(byId('products-status'), `Deleted ${p.name}.`);
        await ctx.changed(`Deleted ${p.name}.`, { focus: 'new-product-name' });
      } catch (err) {
        actionError(li, err.message);
      }
    }));
    li.classList.add('confirming');
    append(li, [el('p', { class: 'confirm-text', id: `confirm-delete-text-${p.id}` },
      el('strong', null, `Delete ${p.name}?`), ' It is removed from your plans. This cannot be undone.'),
    el('div', { class: 'form-actions' }, del, keep)]);
    setTimeout(() => keep.focus(), 0);
    return li;
  }
  const edit = el('button', { type: 'button', class: 'secondary small', dataset: { action: 'edit' }, 'aria-label': `Edit ${p.name}` }, 'Edit');
  const remove = el('button', { type: 'button', class: 'secondary small', dataset: { action: 'delete' }, 'aria-label': `Delete ${p.name}` }, 'Delete');
  edit.addEventListener('click', () => {
    state.editing = p.id;
    state.confirming = null;
    render(ctx);
    byId('edit-product-name')?.focus();
  });
  remove.addEventListener('click', () => {
    state.confirming = p.id;
    state.editing = null;
    render(ctx);
  });
  append(li, [
    el('div', { class: 'product-head' }, el('span', { class: 'product-name' }, p.name), edit, remove),
    classificationNodes(cp.classification, p.inci),
    p.inci.trim() ? el('details', { class: 'inci' }, el('summary', null, 'Ingredient list'), el('p', null, p.inci)) : null,
    placeOf(ctx, p.id)]);
  return li;
}

/** The product's place in the routine, when the app sent one. */
function placeOf(ctx, id) {
  const place = state.places.find((pl) => pl.productId === id);
  return place ? placeForm(ctx, place) : null;
}

function editItem(ctx, cp) {
  const p = cp.product;
  const save = el('button', { type: 'submit', class: 'primary small', id: 'save-product' }, 'Save');
  const cancel = el('button', { type: 'button', class: 'secondary small', id: 'cancel-edit' }, 'Cancel');
  const form = el('form', { class: 'edit-product', novalidate: true, 'aria-label': `Edit ${p.name}` },
    el('div', { class: 'field' },
      el('label', { for: 'edit-product-name' }, 'Product name'),
      el('input', { type: 'text', id: 'edit-product-name', maxlength: '120', autocomplete: 'off', value: p.name })),
    el('div', { class: 'field' },
      el('label', { for: 'edit-product-inci' }, 'Ingredient list'),
      el('textarea', { id: 'edit-product-inci', rows: '4', spellcheck: 'false' }, p.inci)),
    el('div', { id: 'edit-product-classes', class: 'inci-classes', 'aria-live': 'polite' }),
    el('div', { class: 'form-actions' }, save, cancel));
  const li = el('li', { class: 'editing', dataset: { productId: p.id, productName: p.name } }, form);
  editLive = liveInto('edit-product-inci', 'edit-product-classes');
  form.querySelector('#edit-product-inci').addEventListener('input', () => {
    clearError('edit-product-inci');
    editLive.soon();
  });
  form.querySelector('#edit-product-name').addEventListener('input', () => clearError('edit-product-name'));
  cancel.addEventListener('click', () => {
    state.editing = null;
    editLive?.cancel();
    render(ctx);
    focusItemButton(p.id, 'edit');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, async () => {
      const name = byId('edit-product-name').value.trim();
      const inci = byId('edit-product-inci').value;
      clearError('edit-product-name');
      clearError('edit-product-inci');
      clearActionError(li);
      if (!name) {
        showError('edit-product-name', "Enter the product's name.");
        byId('edit-product-name').focus();
        return;
      }
      try {
        await api.updateProduct({ product: { id: p.id, name, inci } });
        state.editing = null;
        editLive?.cancel();
        status(byId('products-status'), `Saved ${name}.`);
        await ctx.changed(`Saved ${name}.`, { focus: null });
        focusItemButton(p.id, 'edit');
      } catch (err) {
        if (err.field === 'name') showError('edit-product-name', err.message);
        else if (err.field === 'inci') showError('edit-product-inci', err.message);
        else actionError(li, err.message);
      }
    });
  });
  setTimeout(() => editLive.now(), 0);
  return li;
}

function focusItemButton(id, action) {
  byId('product-list').querySelector(`li[data-product-id="${id}"] button[data-action="${action}"]`)?.focus();
}

function render(ctx) {
  const list = state.products;
  byId('product-list-empty').hidden = list.length > 0;
  byId('product-list-title').textContent = list.length ? `Your products (${list.length})` : 'Your products';
  fill(byId('product-list'), list.map((cp) => (state.editing === cp.product.id ? editItem(ctx, cp) : viewItem(ctx, cp))));
}

async function add(ctx) {
  const nameInput = byId('new-product-name');
  const inciInput = byId('new-product-inci');
  const name = nameInput.value.trim();
  const inci = inciInput.value;
  clearError('new-product-name');
  clearError('new-product-inci');
  if (!name) {
    showError('new-product-name', inci.trim() ? 'Give this product a name.' : "Enter the product's name.");
    nameInput.focus();
    return;
  }
  await busy(byId('add-new-product'), async () => {
    try {
      const added = await api.addProduct({ product: { name, inci } });
      nameInput.value = '';
      inciInput.value = '';
      addLive.cancel();
      fill(byId('new-product-classes'));
      const classes = added.classification.classes;
      const what = `Added ${name}.${classes.length ? '' : ' Not recognised — check it yourself.'}`;
      status(byId('products-status'), what);
      await ctx.changed(what, { focus: 'new-product-name' });
    } catch (err) {
      showError(err.field === 'inci' ? 'new-product-inci' : 'new-product-name', err.message);
    }
  });
}

export const productsView = {
  init(ctx) {
    byId('new-product-inci').addEventListener('input', () => {
      clearError('new-product-inci');
      addLive.soon();
    });
    byId('new-product-name').addEventListener('input', () => clearError('new-product-name'));
    byId('product-add-form').addEventListener('submit', (event) => {
      event.preventDefault();
      add(ctx);
    });
  },
  async load(ctx) {
    try {
      [state.products, state.places] = await Promise.all([api.listProducts(), api.productPlaces()]);
      if (state.editing && !state.products.some((cp) => cp.product.id === state.editing)) state.editing = null;
      // Re-rendering would throw away an edit in progress; keep it until saved or cancelled.
      if (state.editing && byId('edit-product-name')) {
        const form = byId('product-list').querySelector('li.editing');
        fill(byId('product-list'), state.products.map((cp) => (cp.product.id === state.editing ? form : viewItem(ctx, cp))));
        return;
      }
      render(ctx);
    } catch (err) {
      status(byId('products-status'), `Your products could not be loaded: ${err.message}`, { error: true });
    }
  },
};
