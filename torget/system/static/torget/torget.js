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
