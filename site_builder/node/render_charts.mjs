// Renders ECharts options to SVG strings with ECharts' own server-side rendering, and preview images
// (PNG) of charts for link previews and downloads with resvg. One process serves a whole build: it
// reads one JSON document from stdin,
//   {"packages": "<node_modules folder>",
//    "charts":   [{"key", "options", "width", "height", "locale"}],
//    "previews": [{"key", "options", "width", "height", "locale", "frame", "pixelWidth", "fontFamily"}],
//    "fontFiles": ["<font file>"]}
// where a preview's "frame" is an SVG document with a <chart-slot/> element, and writes
//   {"charts": {"<key>": "<svg>"}, "previews": {"<key>": "<base64 png>"}} to stdout, then exits.
// Images are the slow part (resvg lays out every glyph), so they are shared among worker threads.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import zlib from "node:zlib";

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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  if (zlib.crc32) return zlib.crc32(bytes) >>> 0;
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// An opaque RGBA image as a PNG. resvg's own encoder takes about twice as long for a larger file; zlib
// (level 6, no row filters) is deterministic, so the same image always gives the same bytes.
function encodePng(image) {
  const { width, height } = image;
  const pixels = Buffer.from(image.pixels);
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(raw, { level: 6 })), chunk("IEND", Buffer.alloc(0))]);
}

function pngs(packages, previews, fontFiles) {
  const require = load(packages);
  const echarts = require("echarts");
  const { Resvg } = require("@resvg/resvg-js");
  const out = {};
  for (const preview of previews) {
    // The chart goes in as a nested <svg>; its own <style> block would only carry hover rules.
    const chart = svgOf(echarts, preview).replace(/<style[\s\S]*?<\/style>/, "");
    const svg = preview.frame.replace("<chart-slot/>", chart);
    // Given font files, resvg loads just those; otherwise it scans every system font for each image.
    const font = fontFiles.length
      ? { loadSystemFonts: false, fontFiles, defaultFontFamily: preview.fontFamily }
      : { loadSystemFonts: true, defaultFontFamily: preview.fontFamily };
    // A white background makes every pixel opaque, so resvg's premultiplied pixels are plain RGBA.
    const image = new Resvg(svg, { fitTo: { mode: "width", value: preview.pixelWidth }, font, background: "#ffffff" }).render();
    out[preview.key] = encodePng(image).toString("base64");
  }
  return out;
}

if (!isMainThread) {
  parentPort.postMessage(pngs(workerData.packages, workerData.previews, workerData.fontFiles));
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
    Object.assign(out.previews, pngs(request.packages, previews, request.fontFiles || []));
  } else {
    const shares = Array.from({ length: threads }, (_, i) => previews.filter((_, j) => j % threads === i));
    const results = await Promise.all(
      shares.map(
        (share) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), { workerData: { packages: request.packages, previews: share, fontFiles: request.fontFiles || [] } });
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
