// Draws every chart on the page from the JSON options the build put beside it.
// No inline script anywhere: options arrive as <script type="application/json">, read as data.
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") return;
  var lang = document.documentElement.getAttribute("data-lang") === "zh" ? "ZH" : "EN";
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  var charts = [];
  document.querySelectorAll(".chart-canvas[data-options]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-options"));
    if (!source) return;
    var options = JSON.parse(source.textContent);
    if (dark) options.backgroundColor = "transparent";
    // The tooltip drawn inside the SVG, not as HTML with style attributes: a strict
    // Content-Security-Policy (style-src 'self') blocks those, and the tooltip would lose its layout.
    [].concat(options.tooltip || []).forEach(function (tooltip) { tooltip.renderMode = "richText"; });
    var chart = window.echarts.init(el, dark ? "dark" : null, { renderer: "svg", locale: lang });
    chart.setOption(options);
    el.setAttribute("data-chart-drawn", "true");
    charts.push(chart);
  });
  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  });
})();
