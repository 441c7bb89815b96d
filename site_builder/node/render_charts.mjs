// Renders ECharts options to SVG strings with ECharts' own server-side rendering.
// One process renders a whole build's charts: it reads one JSON document from stdin,
//   {"echarts": "<path of the echarts package>", "charts": [{"key", "options", "width", "height", "locale"}]}
// and writes {"<key>": "<svg>", ...} to stdout, then exits.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const request = JSON.parse(readFileSync(0, "utf8"));
const require = createRequire(request.echarts + "/");
const echarts = require(request.echarts);

const out = {};
for (const chart of request.charts) {
  const instance = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: chart.width,
    height: chart.height,
    locale: chart.locale,
  });
  instance.setOption({ ...chart.options, animation: false });
  out[chart.key] = instance.renderToSVGString();
  instance.dispose();
}
// Exit only once the output is flushed: a pipe takes large writes asynchronously, and ECharts keeps
// timers alive that would otherwise hold the process open.
process.stdout.write(JSON.stringify(out), () => process.exit(0));
