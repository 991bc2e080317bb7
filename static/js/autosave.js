// Session note autosave guard: htmx does the saving; this only warns before leaving the page
// while typed text has not reached the server yet (the last second of typing, or a failed save).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("session-note");
  if (!form) return;
  let unsaved = false;
  form.addEventListener("input", () => { unsaved = true; });
  form.addEventListener("submit", () => { unsaved = false; });
  form.addEventListener("htmx:beforeRequest", () => { unsaved = false; });
  form.addEventListener("htmx:afterRequest", (event) => {
    const status = document.getElementById("autosave-status");
    const refused = !event.detail.successful || (status && !status.textContent.includes("saved at"));
    if (refused) unsaved = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
