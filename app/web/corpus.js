// The page describes the corpus it serves: title, tagline and example questions from GET /corpus.

import { api } from "./api.js";
import { el } from "./elements.js";

/** An example button; clicking it asks its question through `ask`. */
function exampleButton(example, ask) {
  const button = el(
    "button",
    { type: "button", class: "example" },
    example.kind ? el("span", { class: "example-kind" }, example.kind) : null,
    el("span", { class: "example-text" }, example.question),
  );
  button.addEventListener("click", () => ask(example.question));
  return el("li", {}, button);
}

/** Fetch the corpus's description and show it; the page's neutral text stays on failure. */
export async function showCorpus(ask) {
  let corpus;
  try {
    corpus = await api("/corpus");
  } catch {
    return; // the page works without it; a failed /ask will say what is wrong
  }
  document.title = `DocQA · ${corpus.title}`;
  document.querySelector('meta[name="description"]')?.setAttribute("content", corpus.description);
  document.getElementById("tagline").textContent = corpus.description;
  const list = document.getElementById("examples");
  list.replaceChildren(...corpus.examples.map((example) => exampleButton(example, ask)));
  document.getElementById("examples-title").hidden = corpus.examples.length === 0;
}
