// Yardstick, chart half: renders every chart's ECharts options to an SVG string in one Node process
// (server-side rendering, no DOM). Input: a file with one JSON options object per line.
// Usage: node benchmarks/ssr_charts.js OPTIONS.jsonl OUT_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const echarts = require("echarts");

const [input, outDir] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const lines = fs.readFileSync(input, "utf8").split("\n").filter(Boolean);
lines.forEach((line, index) => {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 640, height: 320 });
  const options = JSON.parse(line);
  options.animation = false;
  chart.setOption(options);
  fs.writeFileSync(path.join(outDir, `chart-${index}.svg`), chart.renderToSVGString());
  chart.dispose();
});
console.log(`${lines.length} charts`);
