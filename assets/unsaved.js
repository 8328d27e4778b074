/* Ask before leaving the page while something typed in the recording panel is not saved.
 * The server says so in data-unsaved of #edit-unsaved (ui/callbacks_unsaved.py): a reload, a closed
 * tab or another address gets the browser's own question; a link to another page of the app (which
 * Dash follows without leaving the page) asks in words first. */
(function () {
  const LEAVE = "Something you typed in the recording panel is not saved yet. Leave this page and lose it?";
  const unsaved = () => document.getElementById("edit-unsaved")?.dataset.unsaved === "true";

  window.addEventListener("beforeunload", (event) => {
    if (unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  window.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || !unsaved() || new URL(link.href, location.href).pathname === location.pathname) {
      return;
    }
    if (!window.confirm(LEAVE)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
