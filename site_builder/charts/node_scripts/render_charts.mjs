// Renders ECharts options to SVG with ECharts' own server-side rendering ("svg" mode), and draws images
// (PNG) of those SVGs in frames with resvg ("png" mode). Its argument names a request file,
//   {"mode": "svg" | "png", "packages": "<node_modules folder>", "outDir": "<folder>",
//    "input": "<file>" | "-", "threads": <number>, "fontFiles": ["<font file>"], "textMetrics": "<file>"}
// where "input" holds one request a line ("-": standard input, read as Python writes it). In "svg" mode
// a line is {"key", "options", "width", "height", "locale", "patch"?} and the result is outDir/svg/<key>.svg; in
// "png" mode it is {"key", "chart", "frame", "pixelWidth", "fontFamily"}, "chart" being a chart's SVG
// and "frame" an SVG document with a <chart-slot x= y= width= height=/> element where the chart goes,
// and the result is outDir/<key>.png, written under a temporary name and renamed, so a reader never
// sees half a file. In "svg" mode each result's key is printed on a line of its own once its file is
// complete, and text is measured with "textMetrics" (charts/text_metrics.json; without it, ECharts
// guesses). Requests and results are streamed a line and a file at a time, so memory stays flat however
// large the plan. With "threads" above 1, the lines are dealt out to as many worker threads, each line to
// the one with the fewest waiting, a thread being started only when every one started has work waiting.
import { createRequire } from "node:module";
import { createReadStream, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import readline from "node:readline";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import zlib from "node:zlib";
import { textMeasurer } from "./text_widths.mjs";

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
  // The layout for this width, merged over the chart's own options as the page merges it (charts.js).
  // With a patch, the first merge waits (lazyUpdate) and the second lays the chart out once for both: a
  // quarter less time, and the same SVG as two updates (every layout of the bundled site compared).
  instance.setOption({ ...chart.options, animation: false }, { lazyUpdate: Boolean(chart.patch) });
  if (chart.patch) instance.setOption(chart.patch);
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

// An opaque RGBA image as a PNG. zlib at level 1 with no row filters: a quarter of level 6's time for
// files about twice as large (some 40 KB for a link preview), and deterministic, so the same image always
// gives the same bytes. resvg's own encoder takes longer still.
function encodePng(image) {
  const { width, height } = image;
  const pixels = image.pixels;
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(raw, { level: 1 })), chunk("IEND", Buffer.alloc(0))]);
}

// Tells Python that a result file is complete: Python renders a page as soon as its charts are done. A
// worker thread tells the main thread, which prints it: on the port its "finished" comes by after it, so
// no key is still on its way when the process ends.
function done(key) {
  if (isMainThread) process.stdout.write(key + "\n");
  else parentPort.postMessage({ done: key });
}

async function* records(path) {
  const input = path === "-" ? process.stdin.setEncoding("utf8") : createReadStream(path, { encoding: "utf8" });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim()) yield JSON.parse(line);
  }
}

async function svgs(request, lines) {
  const echarts = load(request.packages)("echarts");
  if (request.textMetrics) {
    echarts.setPlatformAPI({ measureText: textMeasurer(JSON.parse(readFileSync(request.textMetrics, "utf8"))) });
  }
  mkdirSync(join(request.outDir, "svg"), { recursive: true });
  for await (const chart of lines) {
    writeFileSync(join(request.outDir, "svg", chart.key + ".svg"), svgOf(echarts, chart));
    done(chart.key);
  }
}

// The chart's SVG nested in the frame, at the slot's place and size (its viewBox scales it to fit).
function framed(image) {
  return image.frame.replace(/<chart-slot ([^>]*?)\s*\/>/, (_, place) => image.chart.replace("<svg ", `<svg ${place} `));
}

// Each image holds megabytes of native pixel memory that V8 does not count, so V8 collects them too
// late (1.7 GB for 300 images; resvg-js issue 216). After this many bytes of pixels, collect (node
// runs with --expose-gc) and let the event loop run the finalizers that free the native memory.
const PIXEL_BUDGET = 16 * 1024 * 1024;

async function pngs(request, lines) {
  const { Resvg } = load(request.packages)("@resvg/resvg-js");
  const fontFiles = request.fontFiles || [];
  let pixels = 0;
  for await (const image of lines) {
    // Given font files, resvg loads just those; otherwise it scans every system font for each image.
    const font = fontFiles.length
      ? { loadSystemFonts: false, fontFiles, defaultFontFamily: image.fontFamily }
      : { loadSystemFonts: true, defaultFontFamily: image.fontFamily };
    // A white background makes every pixel opaque, so resvg's premultiplied pixels are plain RGBA.
    const drawn = new Resvg(framed(image), { fitTo: { mode: "width", value: image.pixelWidth }, font, background: "#ffffff" }).render();
    const target = join(request.outDir, image.key + ".png");
    const temporary = join(request.outDir, `.${image.key}.png.${process.pid}.tmp`);
    writeFileSync(temporary, encodePng(drawn));
    renameSync(temporary, target);
    pixels += drawn.width * drawn.height * 8; // the image, and the copy encodePng makes
    if (globalThis.gc && pixels > PIXEL_BUDGET) {
      globalThis.gc();
      await new Promise(setImmediate);
      pixels = 0;
    }
  }
}

const WORK = { svg: svgs, png: pngs };
const QUEUED = 4; // lines waiting in a worker thread at most

// The lines the main thread posts to a worker thread, as they come; null ends them.
async function* posted() {
  const waiting = [];
  let ended = false;
  let wake = null;
  parentPort.on("message", (line) => {
    if (line === null) ended = true;
    else waiting.push(line);
    if (wake) wake();
  });
  for (;;) {
    if (waiting.length) {
      parentPort.postMessage("took"); // the main thread may send another
      yield waiting.shift();
    }
    else if (ended) return;
    else await new Promise((resolve) => (wake = resolve));
  }
}

if (!isMainThread) {
  await WORK[workerData.request.mode](workerData.request, posted());
  parentPort.postMessage("finished");
} else {
  const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const lines = records(request.input);
  const threads = request.threads || 1;
  if (threads <= 1) {
    await WORK[request.mode](request, lines);
  } else {
    // Each worker thread, with the lines it has been sent and not yet taken up. Past QUEUED for every
    // one, the main thread stops reading its input: the pipe fills and Python waits, instead of every
    // request piling up here. A thread is started only when every one started has a line waiting, so
    // a few charts (a preview server's rebuild) load ECharts once, not once per core.
    const workers = [];
    let wake = null;
    const start = () => {
      const entry = { worker: new Worker(new URL(import.meta.url), { workerData: { request } }), queued: 0 };
      entry.finished = new Promise((resolve) => {
        entry.worker.on("message", (message) => {
          if (message === "finished") return resolve();
          if (message === "took") {
            entry.queued--;
            if (wake) wake();
          } else done(message.done);
        });
      });
      // One chart failing fails the run, as it would in a single thread: Python reports the error.
      entry.worker.once("error", (error) => {
        console.error(error);
        process.exit(1);
      });
      workers.push(entry);
      return entry;
    };
    const fewest = () => workers.reduce((best, entry) => (best === null || entry.queued < best.queued ? entry : best), null);
    for await (const line of lines) {
      let target = fewest();
      while (target === null || target.queued > 0) {
        if (workers.length < threads) {
          target = start();
          break;
        }
        if (target.queued < QUEUED) break;
        await new Promise((resolve) => (wake = resolve));
        wake = null;
        target = fewest();
      }
      target.queued++;
      target.worker.postMessage(line);
    }
    for (const { worker } of workers) worker.postMessage(null);
    await Promise.all(workers.map((entry) => entry.finished));
  }
  // ECharts keeps timers alive that would otherwise hold the process open.
  process.exit(0);
}
