// The safety net of a page that saves itself (the session note, the group session: the form
// marked data-autosave). htmx saves the form as the therapist types; this file makes
// sure nothing typed is lost when the page is left before that save ran:
// - a link or another form that leaves the page first saves the note, then goes on;
// - closing the tab or going back sends the note with sendBeacon;
// - only a save the server refused (a conflict, an invalid field) keeps the browser's warning,
//   because then the text really is only on this page.
(() => {
  let dirty = false;
  let refused = false;
  const note = () => document.querySelector("form[data-autosave]");

  const statusSaved = () => {
    const status = document.getElementById("autosave-status");
    return Boolean(status && status.textContent.includes("saved at"));
  };

  const saveNow = () => {
    const form = note();
    if (!form || !window.htmx) return Promise.resolve(true);
    return window.htmx
      .ajax("POST", form.getAttribute("hx-post"), {
        source: form, target: "#autosave-status", swap: "outerHTML",
      })
      .then(() => {
        dirty = false;
        refused = !statusSaved();
        return !refused;
      });
  };

  document.addEventListener("input", (event) => {
    const form = note();
    if (!form) return;
    if (form.contains(event.target)) dirty = true;
    else if (event.target.form === form) {
      // A field outside the form but part of it (the goal marks beside the note): the form's
      // own trigger does not hear it, so pass the input on.
      dirty = true;
      if (window.htmx) window.htmx.trigger(form, "input");
    }
  });
  document.addEventListener("change", (event) => {
    if (note() && note().contains(event.target)) dirty = true;
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt === note()) dirty = false;
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.elt !== note()) return;
    refused = !event.detail.successful || !statusSaved();
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form === note() || !note()) return;
    if (form.hasAttribute("hx-post") || !dirty) return;
    // Another form that leaves the page (sign out, for one): save the note first.
    event.preventDefault();
    saveNow().then((ok) => { if (ok) form.submit(); });
  }, true);
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || !note() || !dirty) return;
    if (link.target === "_blank" || link.getAttribute("href").startsWith("#")) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    saveNow().then((ok) => { if (ok) window.location.assign(link.href); });
  }, true);
  window.addEventListener("pagehide", () => {
    const form = note();
    if (form && dirty && navigator.sendBeacon) {
      navigator.sendBeacon(form.getAttribute("hx-post"), new FormData(form));
      dirty = false;
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (refused && note()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // Submitting the note itself (Save draft, Sign) carries everything typed.
  document.addEventListener("submit", (event) => {
    if (event.target === note()) { dirty = false; refused = false; }
  });
})();
