// An embedded chart's page: the theme the publisher asks for (?theme=light|dark|auto, as Datawrapper's
// render flags do), and its height told to the parent page so its iframe can fit it exactly.
(function () {
  "use strict";
  var theme = new URLSearchParams(window.location.search).get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);

  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({ type: "site-builder:embed-height", height: height, href: window.location.href }, "*");
  }
  window.addEventListener("load", report);
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
  else window.addEventListener("resize", report);
})();
