// Yardstick, chart half: every drawing the build makes, rendered to an SVG string in one Node process and
// one thread (server-side rendering, no DOM). Input: a file with one drawing a line, {"options", "width",
// "height", "patch", "locale"}: each chart's options in each of its layouts (benchmarks/scale.py takes
// them from the built pages). The same drawings as the build's: the layout's patch merged over the options
// in one update, and, given TEXT_METRICS (site_builder/charts/text_metrics.json), text measured as the
// build measures it.
// Usage: node benchmarks/ssr_charts.js DRAWINGS.jsonl OUT_DIR [TEXT_METRICS]
"use strict";
const fs = require("fs");
const path = require("path");
const echarts = require("echarts");

async function main() {
  const [input, outDir, metrics] = process.argv.slice(2);
  if (metrics) {
    const { textMeasurer } = await import("../site_builder/charts/node_scripts/text_widths.mjs");
    echarts.setPlatformAPI({ measureText: textMeasurer(JSON.parse(fs.readFileSync(metrics, "utf8"))) });
  }
  fs.mkdirSync(outDir, { recursive: true });
  const lines = fs.readFileSync(input, "utf8").split("\n").filter(Boolean);
  lines.forEach((line, index) => {
    const drawing = JSON.parse(line);
    const { width, height, locale } = drawing;
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height, locale });
    const patched = drawing.patch && Object.keys(drawing.patch).length > 0;
    chart.setOption({ ...drawing.options, animation: false }, { lazyUpdate: patched });
    if (patched) chart.setOption(drawing.patch);
    fs.writeFileSync(path.join(outDir, `chart-${index}.svg`), chart.renderToSVGString());
    chart.dispose();
  });
  console.log(`${lines.length} drawings`);
  process.exit(0); // ECharts keeps timers alive that would otherwise hold the process open
}

main();
