// Citation cards: the passage with its quote highlighted, more context, copy with source.

import { api } from "./api.js";
import { el } from "./elements.js";

const CONTEXT_AROUND = 1;

/**
 * The passage as a paragraph in which exactly the quoted spans are marked: `quotes` is the
 * citation's list of {start, end}, counted in code points as Python counts them, so the
 * text between two quoted sentences stays unmarked.
 */
function passageText(text, quotes = []) {
  const chars = Array.from(text);
  const paragraph = el("p", { class: "passage-text" });
  let at = 0;
  for (const { start, end } of quotes) {
    if (start < at || end <= start || end > chars.length) continue;
    paragraph.append(chars.slice(at, start).join(""), el("mark", {}, chars.slice(start, end).join("")));
    at = end;
  }
  paragraph.append(chars.slice(at).join(""));
  return paragraph;
}

function sourceLine(passage) {
  const parts = [passage.section, passage.location].filter(Boolean);
  return el("p", { class: "card-meta" }, parts.join(" · "));
}

function contextPassage(passage, citedSection) {
  const block = el("div", { class: "context-passage" });
  const section = passage.section && passage.section !== citedSection ? passage.section : "";
  const meta = [section, passage.location].filter(Boolean).join(" · ");
  if (meta) block.append(el("p", { class: "context-meta" }, meta));
  block.append(el("p", { class: "passage-text" }, passage.text));
  return block;
}

function copyText(citation, quoted) {
  const chars = Array.from(citation.text);
  const words = quoted
    ? citation.quotes.map(({ start, end }) => chars.slice(start, end).join("")).join(" … ")
    : citation.text;
  const source = [citation.title, citation.section].filter(Boolean).join(", ");
  return `“${words.trim()}” — ${source}`;
}

async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http on another host has no Clipboard API; the old selection route still works.
  const area = el("textarea", { class: "offscreen", readonly: "" });
  area.value = text;
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}

/** One card per citation; `highlighted` marks each quoted span. */
export function sourceCard(exchangeId, citation, highlighted) {
  const cardId = `${exchangeId}-source-${citation.marker}`;
  const quoted = highlighted && Boolean(citation.quotes && citation.quotes.length);
  const card = el("li", {
    class: "card",
    id: cardId,
    tabindex: "-1",
    "aria-labelledby": `${cardId}-title`,
    "data-passage-id": citation.passage_id,
  });
  const title = el("h3", { class: "card-title", id: `${cardId}-title` });
  title.append(el("span", { class: "card-number" }, `[${citation.marker}]`), " ", citation.title);
  const before = el("div", { class: "context context-before", id: `${cardId}-before`, hidden: "" });
  const after = el("div", { class: "context context-after", id: `${cardId}-after`, hidden: "" });
  const passage = passageText(citation.text, quoted ? citation.quotes : []);
  const more = el(
    "button",
    {
      type: "button",
      class: "button button-small",
      "aria-expanded": "false",
      "aria-controls": `${cardId}-before ${cardId}-after`,
      "data-action": "context",
    },
    "More context",
  );
  const copy = el(
    "button",
    { type: "button", class: "button button-small", "data-action": "copy" },
    quoted ? "Copy quote" : "Copy passage",
  );
  const status = el("span", { class: "card-status", role: "status" });
  card.append(
    title,
    sourceLine(citation),
    el("div", { class: "card-body" }, before, el("blockquote", { class: "passage" }, passage), after),
    el("div", { class: "card-actions" }, more, copy, status),
  );
  more.addEventListener("click", () => toggleContext(citation, more, before, after, status));
  copy.addEventListener("click", () => copyCitation(citation, quoted, status));
  return card;
}

async function toggleContext(citation, button, before, after, status) {
  if (button.getAttribute("aria-expanded") === "true") {
    before.hidden = true;
    after.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.textContent = "More context";
    return;
  }
  if (!button.dataset.loaded) {
    button.disabled = true;
    button.textContent = "Loading…";
    status.textContent = "";
    try {
      const path = `/passages/${encodeURIComponent(citation.passage_id)}?around=${CONTEXT_AROUND}`;
      const context = await api(path);
      before.replaceChildren(...context.previous.map((p) => contextPassage(p, citation.section)));
      after.replaceChildren(...context.next.map((p) => contextPassage(p, citation.section)));
      if (!context.previous.length) before.append(el("p", { class: "context-edge" }, "Start of the document."));
      if (!context.next.length) after.append(el("p", { class: "context-edge" }, "End of the document."));
      button.dataset.loaded = "true";
    } catch (error) {
      status.textContent = error.message;
      button.textContent = "More context";
      return;
    } finally {
      button.disabled = false;
    }
  }
  before.hidden = false;
  after.hidden = false;
  button.setAttribute("aria-expanded", "true");
  button.textContent = "Less context";
}

async function copyCitation(citation, quoted, status) {
  try {
    await writeClipboard(copyText(citation, quoted));
    status.textContent = "Copied";
  } catch {
    status.textContent = "Could not copy; select the text instead.";
  }
  window.setTimeout(() => {
    status.textContent = "";
  }, 2500);
}
