// Text widths for ECharts' server-side rendering, which has no canvas to measure text with and otherwise
// guesses (one em per CJK character, a fixed table for Latin whatever the font):
// echarts.setPlatformAPI({ measureText: textMeasurer(table) }) with the table of charts/text_metrics.json
// (per character, the larger advance of DejaVu Sans and Noto Sans CJK SC, regular and bold). ECharts asks
// with a CSS font shorthand, "bold 14px sans-serif": its size scales the advances, its weight picks the
// table. Used by render_charts.mjs and by the scale benchmark's yardstick (benchmarks/ssr_charts.js).
export function textMeasurer(table) {
  const units = table.unitsPerEm;
  const advances = {};
  for (const weight of ["regular", "bold"]) {
    advances[weight] = new Map();
    for (const [first, widths] of table[weight].ranges) {
      widths.forEach((width, offset) => advances[weight].set(first + offset, width / units));
    }
  }
  const wide = table.wide / units;
  const fallback = table.fallback / units;
  const isWide = (code) => table.wideRanges.some(([first, last]) => first <= code && code <= last);
  const fonts = new Map(); // each font string ECharts passed: its size in px and its weight's advances
  function fontOf(font) {
    let found = fonts.get(font);
    if (found === undefined) {
      const text = String(font || "");
      const size = /(\d*\.?\d+)px/.exec(text);
      const bold = /(?:^|\s)(?:bold|bolder|[6-9]00)(?=\s|$)/.test(size ? text.slice(0, size.index) : text);
      found = { size: size ? Number(size[1]) : 12, advances: advances[bold ? "bold" : "regular"] };
      fonts.set(font, found);
    }
    return found;
  }
  return function measureText(text, font) {
    const { size, advances: widths } = fontOf(font);
    let ems = 0;
    for (const char of String(text ?? "")) {
      const code = char.codePointAt(0);
      const width = widths.get(code);
      ems += width !== undefined ? width : isWide(code) ? wide : fallback;
    }
    return { width: ems * size };
  };
}
