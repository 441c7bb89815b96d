// Include once on a page that embeds site_builder charts: each embedded chart tells its height through
// postMessage, and this script sizes the iframe it came from. Without it, iframes keep their fixed height.
(function () {
  "use strict";
  if (window.__siteBuilderEmbedResize) return;
  window.__siteBuilderEmbedResize = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "site-builder:embed-height") return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 50 || height > 10000) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
        frames[i].setAttribute("data-embed-resized", "true");
      }
    }
  });
})();
