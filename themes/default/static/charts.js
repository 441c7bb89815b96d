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

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // ECharts' own tooltip markup carries style="..." attributes, which a strict Content-Security-Policy
  // (style-src 'self') blocks. This one is plain escaped text and <br>; site.css styles .chart-tooltip.
  function plainTooltip(params) {
    var list = [].concat(params);
    var lines = [];
    if (list.length && list[0].axisValueLabel != null) lines.push(escapeHtml(list[0].axisValueLabel));
    list.forEach(function (p) {
      var value = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
      if (value == null || value === "-") return;
      var name = p.axisValueLabel != null ? p.seriesName : (p.name || p.seriesName);
      lines.push(escapeHtml(name) + ": " + escapeHtml(value));
    });
    return lines.join("<br>");
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
      [].concat(options.tooltip || []).forEach(function (tooltip) {
        if (!tooltip.formatter) tooltip.formatter = plainTooltip;
      });
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
  // Written as text, not built as an element: setting a style attribute, even on an element never
  // shown, is refused under the site's Content-Security-Policy.
  function attr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  document.querySelectorAll("textarea[data-embed-src]").forEach(function (area) {
    var src = new URL(area.getAttribute("data-embed-src"), window.location.href).href;
    area.value = '<iframe src="' + attr(src) + '" title="' + attr(area.getAttribute("data-title")) +
      '" width="100%" height="' + attr(area.getAttribute("data-height")) +
      '" style="border:0;width:100%" loading="lazy"></iframe>';
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
