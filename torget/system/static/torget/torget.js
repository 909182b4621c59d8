// Forms with data-confirm="Question?" ask before they submit, e.g. before deleting something.

// Plain forms. htmx has already cancelled the submit of forms it sends itself (hx-post),
// and those ask in htmx:confirm below, so they are not asked twice.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !event.defaultPrevented && !window.confirm(question)) {
    event.preventDefault();
  }
});

document.addEventListener("htmx:confirm", (event) => {
  const question = event.detail.elt.dataset?.confirm;
  if (!question) return;
  event.preventDefault();
  if (window.confirm(question)) event.detail.issueRequest(true);
});

// Saved replies: a button with data-fill and data-text puts its text in the reply box.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-fill]");
  if (!button) return;
  const box = document.querySelector(button.dataset.fill);
  box.value = button.dataset.text;
  box.focus();
  box.dispatchEvent(new Event("input"));
});

// Characters left in the reply box, against the channel's limit (the field's maxlength).
document.addEventListener("input", (event) => {
  const counter = document.querySelector(`[data-counter-for="${event.target.id}"]`);
  if (!counter) return;
  const left = event.target.maxLength - event.target.value.length;
  counter.textContent = `${left} / ${event.target.maxLength}`;
});

// Keyboard shortcuts in the inbox: j/k move, r reply, e close, a assign to me.
// They never fire while the person is typing in a field.
const SHORTCUT_TARGETS = { r: "#id_text", e: "#close-form", a: "#assign-me" };

function inboxLinks() {
  return [...document.querySelectorAll("[data-keyboard-list] .inbox-link")];
}

function moveFocus(step) {
  const links = inboxLinks();
  if (!links.length) return;
  const index = links.indexOf(document.activeElement);
  const next = index === -1 ? 0 : Math.min(Math.max(index + step, 0), links.length - 1);
  links[next].focus();
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest("input, textarea, select, [contenteditable]")) return;
  if (event.key === "j") moveFocus(1);
  else if (event.key === "k") moveFocus(-1);
  else if (SHORTCUT_TARGETS[event.key]) {
    const target = document.querySelector(SHORTCUT_TARGETS[event.key]);
    if (!target) return;
    event.preventDefault();
    if (target.tagName === "FORM") target.requestSubmit();
    else target.focus();
  }
});

// The inbox list refreshes itself every few seconds. It asks for the list at the current
// address (filters are pushed there) and says which version it shows, so an unchanged list
// is not redrawn; when it is, the item that had focus keeps it.
document.addEventListener("htmx:configRequest", (event) => {
  const list = event.detail.elt;
  if (list.id !== "inbox-rows") return;
  event.detail.path = window.location.pathname + window.location.search;
  event.detail.headers["X-Inbox-Seen"] = list.dataset.fingerprint || "";
});

document.addEventListener("htmx:afterRequest", (event) => {
  const fingerprint = event.detail.xhr.getResponseHeader("X-Inbox-Fingerprint");
  const list = document.getElementById("inbox-rows");
  if (fingerprint && list) list.dataset.fingerprint = fingerprint;
});

let focusedItem = null;
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.target.id !== "inbox-rows") return;
  focusedItem = document.activeElement?.closest(".inbox-link")?.getAttribute("href") || null;
});

document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id !== "inbox-rows" || !focusedItem) return;
  document.querySelector(`#inbox-rows .inbox-link[href="${focusedItem}"]`)?.focus();
});
