// The Library view: every document with its details and outline, its passages by section, and
// a question restricted to it. With the admin key: upload, edit details, remove.

import { api, ApiError } from "./api.js";
import { forgetKey, promptForKey, storedKey } from "./auth.js";
import { el } from "./elements.js";

const POLL_MS = 2000; // job polls count against the per-client rate limit too
const view = document.getElementById("library");
const list = document.getElementById("library-list");
const toggle = document.getElementById("library-toggle");
const adminButton = document.getElementById("library-admin");
const uploadZone = document.getElementById("library-upload");
const chatParts = ["welcome", "conversation"].map((id) => document.getElementById(id));
let admin = false;

function announce() {
  document.dispatchEvent(new CustomEvent("library-changed"));
}

function setStatus(text, kind = "") {
  const status = document.getElementById("library-status");
  status.className = `library-status ${kind}`.trim();
  status.textContent = text;
}

/** Show the Library, or go back to the conversation. */
function show(open) {
  view.hidden = !open;
  toggle.setAttribute("aria-expanded", String(open));
  toggle.textContent = open ? "Back to questions" : "Library";
  for (const part of chatParts) part.classList.toggle("is-covered", open);
  if (open) refresh();
}

function askAbout(doc) {
  const select = document.getElementById("document");
  select.value = doc.id;
  show(false);
  document.getElementById("question").focus();
}

async function showSection(doc, section, holder) {
  const page = await api(`/documents/${encodeURIComponent(doc.id)}/passages?limit=500`);
  const passages = page.passages.filter((p) => p.section === section);
  holder.replaceChildren(
    ...passages.map((p) =>
      el("blockquote", { class: "library-passage" }, el("p", {}, p.text), el("p", { class: "hint" }, p.location)),
    ),
  );
}

async function toggleOutline(doc, button, outline) {
  const opening = outline.hidden;
  outline.hidden = !opening;
  button.setAttribute("aria-expanded", String(opening));
  if (!opening || outline.childElementCount) return;
  const detail = await api(`/documents/${encodeURIComponent(doc.id)}`);
  const sections = detail.sections.length ? detail.sections : [""];
  for (const section of sections) {
    const passages = el("div", { class: "library-passages" });
    const open = el("button", { type: "button", class: "link-button", "aria-expanded": "false" }, section || "Whole document");
    open.addEventListener("click", async () => {
      const expanded = open.getAttribute("aria-expanded") === "true";
      open.setAttribute("aria-expanded", String(!expanded));
      if (expanded) passages.replaceChildren();
      else await showSection(doc, section, passages);
    });
    outline.append(el("li", {}, open, passages));
  }
}

function detailsForm(doc, onDone) {
  const fields = ["title", "description", "date", "source"].map((name) => {
    const id = `edit-${doc.id}-${name}`;
    const input =
      name === "description"
        ? el("textarea", { id, name, rows: "3" })
        : el("input", { id, name, type: "text" });
    input.value = doc[name] || "";
    return el("div", { class: "field" }, el("label", { for: id }, name[0].toUpperCase() + name.slice(1)), input);
  });
  const form = el("form", { class: "library-edit" }, ...fields, el("button", { type: "submit", class: "button button-primary" }, "Save details"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await runJob(`/admin/documents/${encodeURIComponent(doc.id)}`, "PUT", new FormData(form), `Saving ${doc.title}`);
    onDone();
  });
  return form;
}

function documentCard(doc) {
  const meta = [doc.date, `${doc.passages} passage${doc.passages === 1 ? "" : "s"}`].filter(Boolean).join(" · ");
  const outline = el("ol", { class: "library-outline", hidden: "hidden" });
  const outlineButton = el("button", { type: "button", class: "button button-quiet", "aria-expanded": "false" }, "Sections");
  outlineButton.addEventListener("click", () => toggleOutline(doc, outlineButton, outline));
  const askButton = el("button", { type: "button", class: "button button-quiet" }, "Ask about this document");
  askButton.addEventListener("click", () => askAbout(doc));
  const actions = el("div", { class: "library-actions" }, outlineButton, askButton);
  const card = el(
    "li",
    { class: "library-doc", "data-document": doc.id },
    el("h3", { class: "library-title" }, doc.title),
    el("p", { class: "hint" }, meta),
    doc.description ? el("p", { class: "library-description" }, doc.description) : null,
    actions,
    outline,
  );
  if (admin) {
    const edit = el("button", { type: "button", class: "button button-quiet" }, "Edit details");
    edit.addEventListener("click", () => {
      const existing = card.querySelector(".library-edit");
      if (existing) existing.remove();
      else card.append(detailsForm(doc, refresh));
    });
    const remove = el("button", { type: "button", class: "button button-danger" }, "Remove");
    remove.addEventListener("click", async () => {
      if (!window.confirm(`Remove “${doc.title}” from the library? Its passages stop being searched.`)) return;
      await runJob(`/admin/documents/${encodeURIComponent(doc.id)}`, "DELETE", null, `Removing ${doc.title}`);
    });
    actions.append(edit, remove);
  }
  return card;
}

async function refresh() {
  try {
    const { documents } = await api("/documents");
    list.replaceChildren(...documents.map(documentCard));
  } catch (error) {
    list.replaceChildren(el("li", { class: "error-text" }, error instanceof ApiError ? error.message : "The library could not be loaded."));
  }
}

function progressOf(job) {
  const p = job.progress;
  const read = p.files_total ? p.files_read / p.files_total : 0;
  const embedded = p.texts_total ? p.texts_embedded / p.texts_total : job.state === "done" ? 1 : 0;
  return job.state === "done" ? 1 : 0.2 * read + 0.8 * embedded;
}

/** Send a change, then follow its job until it ends, showing its progress. */
async function runJob(path, method, body, label) {
  const bar = document.getElementById("library-progress");
  bar.hidden = false;
  bar.value = 0;
  setStatus(`${label}: sending…`);
  try {
    let job = await api(path, { method, body, headers: { Accept: "application/json" } });
    while (!["done", "failed", "rolled_back"].includes(job.state)) {
      bar.value = progressOf(job);
      const p = job.progress;
      setStatus(`${label}: ${job.state} (files ${p.files_read}/${p.files_total}, texts embedded ${p.texts_embedded}/${p.texts_total})`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await api(`/admin/jobs/${job.id}`);
    }
    bar.value = progressOf(job);
    if (job.state === "done") setStatus(`${label}: done.`, "is-done");
    else setStatus(`${label}: ${job.state}. ${job.message}`, "is-failed");
    announce();
    await refresh();
  } catch (error) {
    setStatus(error instanceof ApiError ? error.message : "The change could not be sent.", "is-failed");
  }
}

function upload(file) {
  const form = document.getElementById("library-upload-form");
  const data = new FormData(form);
  data.set("file", file, file.name);
  return runJob("/admin/documents", "POST", data, `Uploading ${file.name}`);
}

async function enterAdmin() {
  if (admin) {
    admin = false;
    forgetKey();
  } else {
    if (!storedKey() && !(await promptForKey("Enter the admin key to add, edit or remove documents."))) return;
    try {
      await api("/admin/jobs");
      admin = true;
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : "Admin mode is not available.", "is-failed");
    }
  }
  adminButton.textContent = admin ? "Leave admin mode" : "Admin";
  uploadZone.hidden = !admin;
  refresh();
}

/** Wire the Library's controls; called once by app.js. */
export function startLibrary() {
  toggle.addEventListener("click", () => show(view.hidden));
  adminButton.addEventListener("click", enterAdmin);
  const picker = document.getElementById("library-file");
  picker.addEventListener("change", () => {
    if (picker.files.length) upload(picker.files[0]);
  });
  const drop = document.getElementById("library-drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("is-dragging");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("is-dragging"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("is-dragging");
    if (event.dataTransfer.files.length) upload(event.dataTransfer.files[0]);
  });
}
