// Renders ECharts options to SVG strings with ECharts' own server-side rendering, and preview images
// (PNG) of charts for link previews and downloads with resvg. One process serves a whole build: it
// reads one JSON document from stdin,
//   {"packages": "<node_modules folder>",
//    "charts":   [{"key", "options", "width", "height", "locale"}],
//    "previews": [{"key", "options", "width", "height", "locale", "frame", "pixelWidth", "fontFamily", "fontFiles"}]}
// where a preview's "frame" is an SVG document with a <chart-slot/> element, and writes
//   {"charts": {"<key>": "<svg>"}, "previews": {"<key>": "<base64 png>"}} to stdout, then exits.
// Images are the slow part (resvg lays out every glyph), so they are shared among worker threads.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

function load(packages) {
  return createRequire(packages + "/");
}

function svgOf(echarts, chart) {
  const instance = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: chart.width,
    height: chart.height,
    locale: chart.locale,
  });
  instance.setOption({ ...chart.options, animation: false });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}

function pngs(packages, previews) {
  const require = load(packages);
  const echarts = require("echarts");
  const { Resvg } = require("@resvg/resvg-js");
  const out = {};
  for (const preview of previews) {
    // The chart goes in as a nested <svg>; its own <style> block would only carry hover rules.
    const chart = svgOf(echarts, preview).replace(/<style[\s\S]*?<\/style>/, "");
    const svg = preview.frame.replace("<chart-slot/>", chart);
    // Given font files, resvg loads just those; otherwise it scans every system font for each image.
    const font = preview.fontFiles.length
      ? { loadSystemFonts: false, fontFiles: preview.fontFiles, defaultFontFamily: preview.fontFamily }
      : { loadSystemFonts: true, defaultFontFamily: preview.fontFamily };
    const png = new Resvg(svg, { fitTo: { mode: "width", value: preview.pixelWidth }, font }).render().asPng();
    out[preview.key] = Buffer.from(png).toString("base64");
  }
  return out;
}

if (!isMainThread) {
  parentPort.postMessage(pngs(workerData.packages, workerData.previews));
} else {
  const request = JSON.parse(readFileSync(0, "utf8"));
  const echarts = load(request.packages)("echarts");
  const out = { charts: {}, previews: {} };
  for (const chart of request.charts || []) {
    out.charts[chart.key] = svgOf(echarts, chart);
  }
  const previews = request.previews || [];
  const threads = Math.min(availableParallelism(), 4, Math.ceil(previews.length / 4));
  if (threads <= 1) {
    Object.assign(out.previews, pngs(request.packages, previews));
  } else {
    const shares = Array.from({ length: threads }, (_, i) => previews.filter((_, j) => j % threads === i));
    const results = await Promise.all(
      shares.map(
        (share) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), { workerData: { packages: request.packages, previews: share } });
            worker.once("message", resolve);
            worker.once("error", reject);
          }),
      ),
    );
    for (const result of results) Object.assign(out.previews, result);
  }
  // Exit only once the output is flushed: a pipe takes large writes asynchronously, and ECharts keeps
  // timers alive that would otherwise hold the process open.
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
}
