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

  // A live chart follows its box: a rotated phone, a resized window, a column that wraps.
  var pending = null;
  function relayAll() {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () { live.forEach(layOut); });
  }
  var observer = window.ResizeObserver ? new ResizeObserver(relayAll) : null;

  // The layout a chart has at this width: the widest that fits, as the stylesheet picks the drawing.
  function layoutFor(layouts, width) {
    var chosen = layouts[0];
    layouts.forEach(function (layout) { if (layout.width <= width) chosen = layout; });
    return chosen;
  }

  // Lays the live chart out for its box's width with the rules its drawings were made with (the chart's
  // options, then its layout's), at the size of that layout's drawing, and scales it to the box as the
  // stylesheet scales the drawing: the live chart is the drawing come alive, no jump in height, its text
  // never below its designed size, and a label placed in pixels stays where the layout put it (drawn at
  // the box's own width, a layout's pixel positions left blank space below a chart made taller).
  function layOut(entry) {
    var width = entry.el.clientWidth;
    if (!width || width === entry.width) return; // a change of height alone is the chart's own doing
    var layout = layoutFor(entry.layouts, width);
    var scale = width / layout.width;
    entry.el.style.height = Math.round(layout.height * scale) + "px";
    if (layout !== entry.layout) {
      entry.chart.setOption(entry.options, true);
      entry.chart.setOption(layout.patch);
      entry.layout = layout;
      entry.inner.style.width = layout.width + "px";
      entry.inner.style.height = layout.height + "px";
      entry.chart.resize({ width: layout.width, height: layout.height });
    }
    entry.inner.style.transform = "scale(" + scale + ")";
    entry.width = width;
  }

  function activate(el) {
    if (el.hasAttribute("data-interactive")) return;
    el.setAttribute("data-interactive", "loading");
    loadEcharts().then(function () {
      var options = JSON.parse(document.getElementById(el.getAttribute("data-options")).textContent);
      var layoutsSource = document.getElementById(el.getAttribute("data-layouts"));
      var layouts = layoutsSource ? JSON.parse(layoutsSource.textContent) : [];
      var shown = el.getBoundingClientRect();
      if (!layouts.length) layouts = [{ width: shown.width, height: shown.height, patch: {} }];
      el.style.height = shown.height + "px"; // keep the page still while the SVG is swapped for the live chart
      el.textContent = "";
      [].concat(options.tooltip || []).forEach(function (tooltip) {
        if (!tooltip.formatter) tooltip.formatter = plainTooltip;
      });
      var inner = document.createElement("div"); // the chart at its layout's size, scaled to the box
      inner.style.transformOrigin = "0 0";
      el.appendChild(inner);
      var entry = {
        el: el, inner: inner, options: options, layouts: layouts, layout: null, width: 0,
        chart: window.echarts.init(inner, null, { renderer: "svg", locale: lang, width: layouts[0].width,
                                                  height: layouts[0].height })
      };
      layOut(entry);
      live.push(entry);
      if (observer) observer.observe(el);
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

  if (!observer) window.addEventListener("resize", relayAll);
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

// The PNG download, drawn here in the reader's browser from the chart's SVG file rather than at build
// time: the chart at twice its size on white, its title above and its credit line below. The button is
// hidden in the HTML (useless without this script) and shown here. Everything stays on the site's own
// origin (the SVG, a canvas, a blob: download), so it works under the strict Content-Security-Policy.
(function () {
  "use strict";
  var SCALE = 2;
  var MARGIN = 20;
  var FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", ' +
    '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", Arial, sans-serif';
  if (!window.HTMLCanvasElement || !HTMLCanvasElement.prototype.toBlob || !window.URL) return;

  // Lines no wider than `width`: Chinese breaks between any two characters, other text between words.
  function wrap(ctx, text, width) {
    var pieces = String(text).match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g) || [];
    var lines = [];
    var line = "";
    pieces.forEach(function (piece) {
      if (line && ctx.measureText(line + piece).width > width && /\S/.test(piece)) {
        lines.push(line.trim());
        line = piece;
      } else if (line || /\S/.test(piece)) {
        line += piece;
      }
    });
    if (line.trim()) lines.push(line.trim());
    return lines;
  }

  function draw(img, title, credit) {
    var width = img.naturalWidth || 640;
    var height = img.naturalHeight || 320;
    var canvas = document.createElement("canvas");
    var ctx = canvas.getContext("2d");
    var titleFont = "bold 18px " + FONTS;
    var creditFont = "11px " + FONTS;
    // Measure first: the canvas's height depends on how many lines the title and credit take.
    ctx.font = titleFont;
    var titleLines = wrap(ctx, title, width - 2 * MARGIN);
    ctx.font = creditFont;
    var creditLines = wrap(ctx, credit, width - 2 * MARGIN);
    // The build-time image's layout: title baselines 24px apart from y=28, the chart below them, then the
    // credit, its last baseline 14px above the bottom edge.
    var top = 28 + 24 * titleLines.length - 8;
    var total = top + height + 22 + 15 * Math.max(creditLines.length - 1, 0) + 14;
    canvas.width = width * SCALE;
    canvas.height = total * SCALE; // setting the size resets the context, so the fonts are set again below
    ctx.scale(SCALE, SCALE);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, total);
    ctx.textBaseline = "alphabetic";
    ctx.font = titleFont;
    ctx.fillStyle = "#1d232b";
    titleLines.forEach(function (line, i) { ctx.fillText(line, MARGIN, 28 + 24 * i); });
    ctx.drawImage(img, 0, top, width, height); // an SVG image is drawn as vectors, so sharp at 2x
    ctx.font = creditFont;
    ctx.fillStyle = "#58606b";
    creditLines.forEach(function (line, i) { ctx.fillText(line, MARGIN, top + height + 22 + 15 * i); });
    return canvas;
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link); // Firefox follows only a link that is in the document
    link.click();
    link.remove();
    // Revoked a moment later, not at once: some browsers start reading the blob after click() returns.
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  document.querySelectorAll("button[data-png-src]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (button.disabled) return;
      button.disabled = true;
      var done = function () { button.disabled = false; };
      var img = new Image();
      img.onload = function () {
        var canvas = draw(img, button.getAttribute("data-title"), button.getAttribute("data-credit"));
        canvas.toBlob(function (blob) {
          if (blob) save(blob, button.getAttribute("data-png-name"));
          done();
        }, "image/png");
      };
      img.onerror = done; // the SVG link next to the button still works
      img.src = button.getAttribute("data-png-src");
    });
    button.parentNode.hidden = false; // the wrapper holds the " · " separator too
  });
})();
