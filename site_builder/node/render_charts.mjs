// Renders ECharts options to SVG strings with ECharts' own server-side rendering, and preview images
// (PNG) of charts for link previews with resvg. One process serves a whole build: it reads one JSON
// document from stdin,
//   {"packages": "<node_modules folder>",
//    "charts":   [{"key", "options", "width", "height", "locale"}],
//    "previews": [{"key", "options", "width", "height", "locale", "frame"}]}
// where a preview's "frame" is an SVG document with a <chart-slot/> element, and writes
//   {"charts": {"<key>": "<svg>"}, "previews": {"<key>": "<base64 png>"}} to stdout, then exits.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const request = JSON.parse(readFileSync(0, "utf8"));
const require = createRequire(request.packages + "/");
const echarts = require("echarts");

function svgOf(chart) {
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

const out = { charts: {}, previews: {} };
for (const chart of request.charts || []) {
  out.charts[chart.key] = svgOf(chart);
}
const previews = request.previews || [];
if (previews.length) {
  const { Resvg } = require("@resvg/resvg-js");
  for (const preview of previews) {
    // The chart goes in as a nested <svg>; its own <style> block would only carry hover rules.
    const chart = svgOf(preview).replace(/<style[\s\S]*?<\/style>/, "");
    const svg = preview.frame.replace("<chart-slot/>", chart);
    const png = new Resvg(svg, {
      fitTo: { mode: "width", value: preview.pixelWidth },
      font: { loadSystemFonts: true, defaultFontFamily: preview.fontFamily },
    }).render().asPng();
    out.previews[preview.key] = Buffer.from(png).toString("base64");
  }
}
// Exit only once the output is flushed: a pipe takes large writes asynchronously, and ECharts keeps
// timers alive that would otherwise hold the process open.
process.stdout.write(JSON.stringify(out), () => process.exit(0));
