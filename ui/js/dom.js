// Building DOM without HTML strings: el(tag, attrs, ...children).

/**
 * Create an element. `attrs`: `class`, `dataset` (object), `on<event>` (function),
 * booleans (true sets an empty attribute, false/null/undefined skips it), anything else
 * becomes an attribute. Children are nodes or text; arrays are flattened, null skipped.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') {
      for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    } else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replace all of a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

export const byId = (id) => document.getElementById(id);
export const qsa = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** Show exactly one of the top-level screens. */
export function showScreen(id) {
  for (const screen of ['loading', 'storage-problem', 'wizard', 'done', 'dashboard']) {
    byId(screen).hidden = screen !== id;
  }
}

/** A polite announcement for screen readers. */
export function announce(message) {
  const region = byId('announcer');
  region.textContent = '';
  // A fresh text node after a tick, so the same message twice is read twice.
  setTimeout(() => { region.textContent = message; }, 30);
}

/** Add or remove one id in an aria-describedby list. */
export function describedBy(node, id, on) {
  const ids = new Set((node.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id); else ids.delete(id);
  if (ids.size) node.setAttribute('aria-describedby', [...ids].join(' '));
  else node.removeAttribute('aria-describedby');
}

/** Run `fn` at most once per `ms` of quiet. Returns the wrapped function with `.cancel()`. */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...args); }, ms);
  };
  wrapped.cancel = () => { clearTimeout(timer); timer = null; };
  wrapped.pending = () => timer !== null;
  return wrapped;
}

/**
 * Newest answer wins: call `begin()` before an await; the check it returns stays true only
 * while no later `begin()` (or `cancel()`) has happened, so a slow older answer cannot
 * overwrite a newer one.
 */
export function latest() {
  let seq = 0;
  return {
    begin() {
      const mine = ++seq;
      return () => mine === seq;
    },
    cancel() { seq += 1; },
  };
}
