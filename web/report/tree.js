// A tiny element tree with two outputs: real DOM nodes (popup, web viewer)
// and an escaped HTML string (the self-contained export, `durchblick report`
// in Node, which has no DOM). The renderer describes a report once as a tree;
// both outputs come from the same description, so they cannot drift apart.
//
//   h('p', { class: 'note' }, 'Nur noch ', h('b', {}, '2'), ' Stück')
//   toDom(tree, document)  → <p class="note">Nur noch <b>2</b> Stück</p> (a Node)
//   toHtml(tree)           → '<p class="note">Nur noch <b>2</b> Stück</p>'
//
// Safety rules (page text is hostile input):
// - strings are always text: toDom uses createTextNode, toHtml escapes & < > " '.
// - tag and attribute names come from code only; an unknown one throws, so a
//   name can never be taken from a report. Attribute values are escaped.
// - `href` is kept only for http(s) URLs and `src` only for data:image/png or
//   data:image/jpeg URLs; anything else (javascript:, data:text/html, ...) is
//   dropped, the text stays.
// - no event-handler or style attributes exist in the vocabulary.

const TAGS = new Set([
  'a', 'abbr', 'article', 'b', 'button', 'code', 'dd', 'details', 'div', 'dl', 'dt', 'em', 'figure',
  'figcaption', 'footer', 'h1', 'h2', 'h3', 'h4', 'header', 'img', 'li', 'main', 'meter', 'ol', 'p',
  'q', 'section', 'small', 'span', 'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'time',
  'tr', 'ul',
]);
const ATTRS = new Set([
  'class', 'id', 'lang', 'dir', 'href', 'src', 'alt', 'title', 'role', 'type', 'hidden', 'datetime',
  'scope', 'rel', 'min', 'max', 'value', 'low', 'high', 'optimum', 'tabindex', 'width', 'height',
]);
const VOID = new Set(['img']);

/**
 * @typedef {{tag: string, attrs: Record<string, string|number|boolean|null|undefined>, children: Child[]}} El
 * @typedef {El|string|number|null|undefined|false|Child[]} Child
 */

/** @return {El} */
export function h(tag, attrs = {}, ...children) {
  if (!TAGS.has(tag)) throw new Error(`report tree: tag <${tag}> not allowed`);
  for (const name of Object.keys(attrs)) {
    if (!ATTRS.has(name) && !/^(aria|data)-[a-z-]+$/.test(name)) throw new Error(`report tree: attribute ${name} not allowed`);
  }
  return { tag, attrs, children };
}

/** http(s) URLs only; everything else is not a link. */
export function safeHref(value) {
  try {
    const u = new URL(String(value));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Screenshots: PNG or JPEG data URLs only. */
export function safeImageSrc(value) {
  const s = String(value);
  return s.startsWith('data:image/png;base64,') || s.startsWith('data:image/jpeg;base64,') ? s : null;
}

function attrValue(name, value) {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return '';
  if (name === 'href') return safeHref(value);
  if (name === 'src') return safeImageSrc(value);
  return String(value);
}

function* flat(children) {
  for (const c of children) {
    if (Array.isArray(c)) yield* flat(c);
    else if (c !== null && c !== undefined && c !== false && c !== '') yield c;
  }
}

/** @param {Child} node @param {Document} doc @return {Node} */
export function toDom(node, doc) {
  if (typeof node === 'string' || typeof node === 'number') return doc.createTextNode(String(node));
  if (Array.isArray(node)) {
    const frag = doc.createDocumentFragment();
    for (const c of flat(node)) frag.append(toDom(c, doc));
    return frag;
  }
  const el = doc.createElement(node.tag);
  for (const [name, raw] of Object.entries(node.attrs)) {
    const value = attrValue(name, raw);
    if (value !== null) el.setAttribute(name, value);
  }
  for (const c of flat(node.children)) el.append(toDom(c, doc));
  return el;
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML text and attribute values. */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESC[c]);
}

/** @param {Child} node @return {string} */
export function toHtml(node) {
  if (typeof node === 'string' || typeof node === 'number') return escapeHtml(node);
  if (Array.isArray(node)) return [...flat(node)].map(toHtml).join('');
  let out = `<${node.tag}`;
  for (const [name, raw] of Object.entries(node.attrs)) {
    const value = attrValue(name, raw);
    if (value !== null) out += value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  }
  out += '>';
  if (VOID.has(node.tag)) return out;
  for (const c of flat(node.children)) out += toHtml(c);
  return `${out}</${node.tag}>`;
}
