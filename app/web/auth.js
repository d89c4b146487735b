// The API key of this tab: typed into the page, kept in sessionStorage only (gone when the tab
// closes), sent in the X-API-Key header, never put in a URL or written to the console.

import { el } from "./elements.js";

const STORAGE_KEY = "docqa-api-key";

/** Return the key entered in this tab, or "" when none was. */
export function storedKey() {
  return window.sessionStorage.getItem(STORAGE_KEY) || "";
}

/** Forget the key (a wrong key, or leaving admin mode). */
export function forgetKey() {
  window.sessionStorage.removeItem(STORAGE_KEY);
}

/** Add the stored key, if any, to `headers`. */
export function withKey(headers = {}) {
  const key = storedKey();
  return key ? { ...headers, "X-API-Key": key } : headers;
}

let open = null; // the prompt on screen: callers asking meanwhile share its answer

/** Ask for a key in a modal dialog; resolve to true once one is stored, false if cancelled. */
export function promptForKey(reason) {
  if (open) return open;
  open = new Promise((resolve) => {
    const input = el("input", {
      type: "password",
      id: "api-key",
      name: "api-key",
      autocomplete: "off",
      required: "required",
    });
    const cancel = el("button", { type: "button", class: "button button-quiet" }, "Cancel");
    const form = el(
      "form",
      { class: "key-form", method: "dialog" },
      el("h2", { class: "key-title" }, "Enter API key"),
      el("p", { class: "key-reason" }, reason),
      el("label", { for: "api-key" }, "API key"),
      input,
      el("p", { class: "hint" }, "Kept in this tab only, until you close it."),
      el(
        "div",
        { class: "key-actions" },
        cancel,
        el("button", { type: "submit", class: "button button-primary" }, "Use key"),
      ),
    );
    const dialog = el("dialog", { class: "key-dialog", "aria-labelledby": "key-title" }, form);
    document.body.append(dialog);
    const finish = (stored) => {
      dialog.close();
      dialog.remove();
      open = null;
      resolve(stored);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      window.sessionStorage.setItem(STORAGE_KEY, key);
      finish(true);
    });
    cancel.addEventListener("click", () => finish(false));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.showModal();
    input.focus();
  });
  return open;
}
