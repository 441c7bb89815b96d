// Small page helpers that every page shares; the page works the same without them.
(function () {
  "use strict";
  // On paper: open every <details> (full texts, data tables) and print each link's full address,
  // resolved against the page (the href in the file is relative). Restored after printing.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (el) { el.open = true; opened.push(el); });
    document.querySelectorAll("main a[href], footer a[href]").forEach(function (a) {
      if (a.getAttribute("href").charAt(0) !== "#") a.setAttribute("data-print-href", a.href);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.open = false; });
    opened = [];
  });
})();
