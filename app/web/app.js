// The chat page: sends questions to /ask and shows answers, newest last, with their sources.

import { ApiError, api } from "./api.js";
import { sourceCard } from "./cards.js";
import { showCorpus } from "./corpus.js";
import { el } from "./elements.js";
import { startLibrary } from "./library.js";

const ABSTAIN_PREFIX = "The sources don't cover this.";
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

const form = document.getElementById("ask-form");
const input = document.getElementById("question");
const askButton = document.getElementById("ask");
const documentSelect = document.getElementById("document");
const conversation = document.getElementById("conversation");
const welcome = document.getElementById("welcome");
const newConversationButton = document.getElementById("new-conversation");
const notice = document.getElementById("notice");

let exchangeCount = 0;
let pending = null; // the AbortController of the question in flight

/** Mark `card` as the one a marker points at, scroll it into view and move focus to it. */
function highlightCard(card) {
  for (const other of conversation.querySelectorAll(".card.is-highlighted")) {
    other.classList.remove("is-highlighted");
    other.removeAttribute("aria-current");
  }
  card.classList.add("is-highlighted");
  card.setAttribute("aria-current", "true");
  card.scrollIntoView({ block: "center", behavior: reducedMotion.matches ? "auto" : "smooth" });
  card.focus({ preventScroll: true });
}

/** Render the answer text with each [n] that names a citation as a link to its card. */
function answerText(exchangeId, answer, markers) {
  const paragraph = el("p", { class: "answer-text" });
  let last = 0;
  for (const match of answer.matchAll(/\[(\d+)\]/g)) {
    const marker = Number(match[1]);
    if (!markers.has(marker)) continue;
    paragraph.append(answer.slice(last, match.index));
    paragraph.append(
      el(
        "a",
        {
          class: "marker",
          href: `#${exchangeId}-source-${marker}`,
          "aria-label": `[${marker}] source: ${markers.get(marker)}`,
        },
        `[${marker}]`,
      ),
    );
    last = match.index + match[0].length;
  }
  paragraph.append(answer.slice(last));
  return paragraph;
}

function addExchange(question, scope) {
  exchangeCount += 1;
  const id = `exchange-${exchangeCount}`;
  const exchange = el("article", { class: "exchange", id, "aria-labelledby": `${id}-question` });
  const asked = el("div", { class: "asked" }, el("p", { class: "label" }, "You asked"));
  asked.append(el("h2", { class: "question-text", id: `${id}-question` }, question));
  if (scope) asked.append(el("p", { class: "scope" }, `In: ${scope}`));
  const reply = el(
    "div",
    { class: "reply", "aria-live": "polite", "aria-busy": "true" },
    el("p", { class: "loading" }, "Searching the sources"),
  );
  exchange.append(asked, reply);
  conversation.append(exchange);
  return { id, exchange, reply };
}

function showAnswer({ id, exchange, reply }, result) {
  if (result.abstained) {
    // The verdict is the heading; the server's reason says what the sources lack.
    const reason = result.reason || result.answer;
    reply.className = "reply reply-abstained";
    reply.replaceChildren(
      el("p", { class: "label" }, "No answer"),
      el("p", { class: "abstain-title" }, ABSTAIN_PREFIX),
      el("p", { class: "answer-text decline-reason" }, reason),
    );
  } else {
    const markers = new Map(result.citations.map((c) => [c.marker, c.title]));
    reply.className = "reply reply-answer";
    reply.replaceChildren(el("p", { class: "label" }, "Answer"), answerText(id, result.answer, markers));
  }
  reply.setAttribute("aria-busy", "false");
  if (!result.citations.length) return;
  const heading = result.abstained ? "Further reading" : "Sources";
  const sources = el(
    "section",
    { class: "sources", "aria-labelledby": `${id}-sources` },
    el("h3", { class: "sources-title", id: `${id}-sources` }, heading),
  );
  const list = el("ol", { class: "cards" });
  list.append(...result.citations.map((c) => sourceCard(id, c, !result.abstained)));
  sources.append(list);
  exchange.append(sources);
}

function showError({ reply }, message) {
  reply.className = "reply reply-error";
  reply.replaceChildren(
    el("p", { class: "label" }, "Something went wrong"),
    el("p", { class: "error-text", role: "alert" }, message),
  );
  reply.setAttribute("aria-busy", "false");
}

function setBusy(busy) {
  askButton.disabled = busy;
  askButton.textContent = busy ? "Asking…" : "Ask";
}

function scrollToExchange(exchange) {
  exchange.scrollIntoView({ block: "start", behavior: reducedMotion.matches ? "auto" : "smooth" });
}

async function ask(raw) {
  const question = raw.trim();
  if (!question || pending) return;
  const documentId = documentSelect.value;
  const scope = documentId ? documentSelect.selectedOptions[0].textContent : "";
  welcome.hidden = true;
  newConversationButton.hidden = false;
  const view = addExchange(question, scope);
  input.value = "";
  scrollToExchange(view.exchange);
  const controller = new AbortController();
  pending = controller;
  setBusy(true);
  try {
    const body = documentId ? { question, document: documentId } : { question };
    const result = await api("/ask", {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    showAnswer(view, result);
  } catch (error) {
    if (error.name === "AbortError") return;
    showError(view, error instanceof ApiError ? error.message : "The answer could not be shown.");
    if (!input.value) input.value = question; // easy to retry or fix
  } finally {
    if (pending === controller) {
      pending = null;
      setBusy(false);
    }
  }
}

function newConversation() {
  if (pending) pending.abort();
  pending = null;
  setBusy(false);
  conversation.replaceChildren();
  welcome.hidden = false;
  newConversationButton.hidden = true;
  input.value = "";
  input.focus();
  window.scrollTo({ top: 0 });
}

async function loadDocuments() {
  try {
    const { documents } = await api("/documents");
    const chosen = documentSelect.value;
    documentSelect.replaceChildren(
      el("option", { value: "" }, "All documents"),
      ...documents.map((d) => el("option", { value: d.id }, d.title)),
    );
    documentSelect.value = documents.some((d) => d.id === chosen) ? chosen : "";
  } catch (error) {
    notice.textContent = error.message;
    notice.hidden = false;
  }
}

// ---- wiring ---------------------------------------------------------------------------

form.addEventListener("submit", (event) => {
  event.preventDefault();
  ask(input.value);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});


conversation.addEventListener("click", (event) => {
  const marker = event.target.closest("a.marker");
  if (!marker) return;
  const card = document.getElementById(marker.getAttribute("href").slice(1));
  if (!card) return;
  event.preventDefault();
  highlightCard(card);
});

newConversationButton.addEventListener("click", newConversation);
document.addEventListener("library-changed", loadDocuments);
startLibrary();

loadDocuments();
showCorpus(ask);
