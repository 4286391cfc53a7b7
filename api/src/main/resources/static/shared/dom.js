/**
 * Building the page safely and saying what is going on. h() makes elements from data without ever
 * parsing it as HTML (names of units and teams come from the database), and loading(), failed()
 * and empty() put the standard states in a container, announced to screen readers.
 *
 *   import { h, loading, failed, empty } from '/shared/dom.js';
 *   container.replaceChildren(h('p', { class: 'note' }, 'Xã ', h('strong', {}, name)));
 */
import { t } from './i18n.js';

/**
 * An element: h(tag, props, ...children). props: class, text, on<Event> handlers (onclick…),
 * boolean attributes (true / false), dataset via data-*, anything else as an attribute. Children:
 * nodes, strings, numbers, arrays of them; null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'text') {
      el.textContent = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.append(child);
    } else {
      el.append(document.createTextNode(String(child)));
    }
  }
}

/** Shows that something is loading (a polite live region, with a spinner). */
export function loading(container, label = t('common.loading')) {
  container.setAttribute('aria-busy', 'true');
  container.replaceChildren(h('p', { class: 'state state-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    label));
}

/** Shows a failure: the error's readable message (an ApiError's, else a generic one), and a retry button when given. */
export function failed(container, error, retry) {
  container.removeAttribute('aria-busy');
  const message = error && error.name === 'ApiError' ? error.message : t('error.OTHER');
  container.replaceChildren(h('div', { class: 'state state-error', role: 'alert' },
    h('p', {}, message),
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, t('common.retry')) : null));
}

/** Shows that there is nothing, and what to do about it. */
export function empty(container, message, hint) {
  container.removeAttribute('aria-busy');
  container.replaceChildren(h('div', { class: 'state state-empty', role: 'status' }, h('p', {}, message), hint ? h('p', { class: 'hint' }, hint) : null));
}

/** Marks a container as loaded and fills it. */
export function show(container, ...children) {
  container.removeAttribute('aria-busy');
  container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** Says a short message to screen-reader users (a shared polite live region). */
export function announce(text) {
  let region = document.getElementById('caunoi-announcer');
  if (!region) {
    region = h('div', { id: 'caunoi-announcer', class: 'sr-only', 'aria-live': 'polite' });
    document.body.append(region);
  }
  region.textContent = '';
  // A change after a tick is announced even when the text repeats.
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}
