// Talk to the API and put its failures into words a reader can act on.

import { forgetKey, promptForKey, withKey } from "./auth.js";

export class ApiError extends Error {}

/** Turn an error body into words: FastAPI's `detail` is a string, or a list of {loc, msg}. */
function detailText(body) {
  const detail = body && (body.detail ?? body.error);
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((item) => {
        if (!item || typeof item.msg !== "string") return "";
        const field = Array.isArray(item.loc) ? item.loc[item.loc.length - 1] : "";
        return typeof field === "string" && field !== "body" ? `${field}: ${item.msg}` : item.msg;
      })
      .filter(Boolean)
      .join("; ");
  }
  return "";
}

function describeFailure(status, body) {
  const detail = detailText(body);
  if (status === 503) {
    return `The search index is not available. ${detail || "Build it with `docqa ingest`."}`;
  }
  if (status === 422 && typeof body?.detail === "string") return body.detail; // a refused upload
  if (status === 422) return `The question was not accepted. ${detail}`.trim();
  if (status === 429) return `Too many questions in a short time; wait a moment and try again. ${detail}`.trim();
  if (status >= 400 && status < 500) return detail || `The request was rejected (HTTP ${status}).`;
  return `The server ran into a problem (HTTP ${status}). Try again in a moment.`;
}

async function send(path, options) {
  const headers = withKey(options.headers || { Accept: "application/json" });
  try {
    return await fetch(path, { ...options, headers });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError("The server could not be reached. Check that it is running, then try again.");
  }
}

/** Fetch JSON from the API; a failure becomes an ApiError whose message is for the reader.
 *
 * A 401 asks for an API key and sends the request again with it, until one is accepted
 * or the reader cancels.
 */
export async function api(path, options = {}) {
  let response = await send(path, options);
  while (response.status === 401) {
    forgetKey();
    const body = await response.json().catch(() => null);
    if (!(await promptForKey(detailText(body) || "This server needs an API key."))) break;
    response = await send(path, options);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw new ApiError(describeFailure(response.status, body));
  return body;
}
