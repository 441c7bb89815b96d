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
