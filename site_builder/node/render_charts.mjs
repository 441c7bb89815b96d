// Renders ECharts options to SVG with ECharts' own server-side rendering, and images (PNG) of charts
// for link previews and downloads with resvg. One process serves a whole build. Its argument names a
// request file,
//   {"packages": "<node_modules folder>", "outDir": "<folder>", "fontFiles": ["<font file>"],
//    "charts": "<file>", "previews": ["<file>", ...]}
// where "charts" is a file of one chart a line, {"key", "options", "width", "height", "locale"}, and
// each "previews" file holds one image a line, {"key", "options", "width", "height", "locale", "frame",
// "pixelWidth", "fontFamily"}, a preview's "frame" being an SVG document with a <chart-slot/> element.
// Each result is written as a file, outDir/svg/<key>.svg or outDir/png/<key>.png. Requests and results
// are streamed a line and a file at a time, so memory stays flat however large the plan.
// Images are the slow part (resvg lays out every glyph): each previews file gets a worker thread.
import { createRequire } from "node:module";
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import readline from "node:readline";
import { join } from "node:path";
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

async function* records(path) {
  const lines = readline.createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim()) yield JSON.parse(line);
  }
}

// Each image holds megabytes of native pixel memory that V8 does not count, so V8 collects them too
// late (1.7 GB for 300 images; resvg-js issue 216). After this many bytes of pixels, collect (node
// runs with --expose-gc) and let the event loop run the finalizers that free the native memory.
const PIXEL_BUDGET = 256 * 1024 * 1024;

async function pngs(packages, file, fontFiles, outDir) {
  const require = load(packages);
  const echarts = require("echarts");
  const { Resvg } = require("@resvg/resvg-js");
  let pixels = 0;
  for await (const preview of records(file)) {
    // The chart goes in as a nested <svg>; its own <style> block would only carry hover rules.
    const chart = svgOf(echarts, preview).replace(/<style[\s\S]*?<\/style>/, "");
    const svg = preview.frame.replace("<chart-slot/>", chart);
    // Given font files, resvg loads just those; otherwise it scans every system font for each image.
    const font = fontFiles.length
      ? { loadSystemFonts: false, fontFiles, defaultFontFamily: preview.fontFamily }
      : { loadSystemFonts: true, defaultFontFamily: preview.fontFamily };
    // A white background makes every pixel opaque, so resvg's premultiplied pixels are plain RGBA.
    const image = new Resvg(svg, { fitTo: { mode: "width", value: preview.pixelWidth }, font, background: "#ffffff" }).render();
    writeFileSync(join(outDir, "png", preview.key + ".png"), encodePng(image));
    pixels += image.width * image.height * 8; // the image, and the copy encodePng reads
    if (globalThis.gc && pixels > PIXEL_BUDGET) {
      globalThis.gc();
      await new Promise(setImmediate);
      pixels = 0;
    }
  }
  return true;
}

if (!isMainThread) {
  parentPort.postMessage(await pngs(workerData.packages, workerData.file, workerData.fontFiles, workerData.outDir));
} else {
  const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const { packages, outDir } = request;
  const fontFiles = request.fontFiles || [];
  mkdirSync(join(outDir, "svg"), { recursive: true });
  mkdirSync(join(outDir, "png"), { recursive: true });
  const echarts = load(packages)("echarts");
  for await (const chart of records(request.charts)) {
    writeFileSync(join(outDir, "svg", chart.key + ".svg"), svgOf(echarts, chart));
  }
  const files = request.previews || [];
  if (files.length <= 1) {
    for (const file of files) await pngs(packages, file, fontFiles, outDir);
  } else {
    await Promise.all(
      files.map(
        (file) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), { workerData: { packages, file, fontFiles, outDir } });
            worker.once("message", resolve);
            worker.once("error", reject);
          }),
      ),
    );
  }
  // ECharts keeps timers alive that would otherwise hold the process open.
  process.exit(0);
}
