// Every chart is already on the page as SVG. ECharts (about 370 KB gzipped) loads only when a reader
// interacts with a chart (pointer, focus or touch); that chart then becomes interactive in place.
// No inline script anywhere: each chart's options arrive as <script type="application/json">, read as data.
(function () {
  "use strict";
  var script = document.currentScript;
  var echartsUrl = script && script.getAttribute("data-echarts");
  var lang = document.documentElement.getAttribute("data-lang") === "zh" ? "ZH" : "EN";
  var loading = null;
  var live = [];

  function loadEcharts() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = echartsUrl;
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function activate(el) {
    if (el.hasAttribute("data-interactive")) return;
    el.setAttribute("data-interactive", "loading");
    loadEcharts().then(function () {
      var source = document.getElementById(el.getAttribute("data-options"));
      var options = JSON.parse(source.textContent);
      var height = el.getBoundingClientRect().height;
      el.style.height = height + "px"; // keep the page still while the SVG is swapped for the live chart
      el.textContent = "";
      var chart = window.echarts.init(el, null, { renderer: "svg", locale: lang });
      chart.setOption(options);
      live.push(chart);
      el.setAttribute("data-interactive", "true");
    }, function () {
      el.setAttribute("data-interactive", "failed"); // the static SVG stays, which is fine
    });
  }

  document.querySelectorAll(".chart-canvas[data-options]").forEach(function (el) {
    ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
      el.addEventListener(type, function () { activate(el); }, { once: true, passive: true });
    });
  });

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () {
      live.forEach(function (chart) { chart.resize(); });
    });
  });
})();

// Share / embed: the snippets get absolute addresses (an embed lives on someone else's page), and the
// copy buttons put them on the clipboard.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-embed-src]").forEach(function (area) {
    var src = new URL(area.getAttribute("data-embed-src"), window.location.href).href;
    var frame = document.createElement("iframe");
    frame.setAttribute("src", src);
    frame.setAttribute("title", area.getAttribute("data-title"));
    frame.setAttribute("width", "100%");
    frame.setAttribute("height", area.getAttribute("data-height"));
    frame.setAttribute("style", "border:0;width:100%");
    frame.setAttribute("loading", "lazy");
    area.value = frame.outerHTML;
  });
  document.querySelectorAll("textarea[data-resize-src]").forEach(function (area) {
    var script = document.createElement("script");
    script.setAttribute("async", "");
    script.setAttribute("src", new URL(area.getAttribute("data-resize-src"), window.location.href).href);
    area.value = script.outerHTML;
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var area = document.getElementById(button.getAttribute("data-copy"));
      var done = function () {
        button.textContent = button.getAttribute("data-copied");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, function () { area.select(); });
      } else {
        area.select();
        if (document.execCommand && document.execCommand("copy")) done();
      }
    });
  });
})();
