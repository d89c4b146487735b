// Build DOM elements. Corpus and user text only ever enter the page through here, as text
// nodes, never as HTML: markup inside a passage or a question shows as typed.

/** Create an element with attributes and children; strings become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}
