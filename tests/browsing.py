"""What the browser tests share: a build served under a sub-path (with a policy if asked), and one visit
per page that records everything the tests then check (the fixtures are in conftest.py).

One visit per page, instead of one sweep of every page per test: the bundled site has about 200 pages, a
hundred of them chart embeds, and opening each page once per check was most of the suite's time.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SUB_PATH = "/some/sub/path/"

CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; style-src 'self'"

# Installed before any page script: records every violation of the policy, enforced or reported.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile + ":"
    + e.lineNumber + " " + (e.sample || ""));
});
"""

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 720}  # Playwright's default, where the checks ran before they shared a visit
# The widths each page is measured at within its one visit (the viewport resized, the page not loaded
# again): a small phone, a common phone (where the page loads), a tablet, a desktop (where axe runs).
WIDTHS = (320, 360, 768, 1280)


def browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no browser at {CHROMIUM} (apt install chromium fonts-noto-cjk)"
    return None


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--disable-quic"],
    )


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build only under SUB_PATH, as a host that puts the site in a sub-folder would."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, format: str, *args: object) -> None:
        pass


class PolicyHandler(SubPathHandler):
    """The sub-path server, sending a Content-Security-Policy (or its report-only form) with every response."""

    policy: str | None = CSP
    header = "Content-Security-Policy"

    def end_headers(self) -> None:
        if self.policy:
            self.send_header(self.header, self.policy)
        super().end_headers()


def serve(
    folder: Path, policy: str | None, *, report_only: bool = False
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serves `folder` under SUB_PATH; returns the server (to shut down) and the site's address."""
    header = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
    handler = type("Handler", (PolicyHandler,), {"policy": policy, "header": header})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"


@contextmanager
def serving(folder: Path, policy: str | None = None, *, report_only: bool = False) -> Iterator[str]:
    server, base = serve(folder, policy, report_only=report_only)
    try:
        yield base
    finally:
        server.shutdown()


def all_pages(build: Path) -> list[str]:
    return sorted(p.relative_to(build).as_posix() for p in build.rglob("index.html"))


def site_pages(build: Path) -> list[str]:
    """Every page a reader can reach: index pages (the search page among them) and both 404 pages."""
    return [*all_pages(build), "zh/404.html", "en/404.html"]


def address(rel: str) -> str:
    return rel.removesuffix("index.html")


def template_of(rel: str) -> tuple[str, str]:
    """(language, page template) of a page path: ('en', 'area') for en/areas/industry/index.html."""
    parts = rel.split("/")
    if len(parts) == 1:
        return "", "entry"
    lang, rest = parts[0], parts[1:]
    if rest == ["index.html"]:
        return lang, "home"
    if rest == ["404.html"]:
        return lang, "404"
    section = {"areas": "area", "embed": "embed", "search": "search"}.get(rest[0])
    return lang, section or ("indicators" if rest == ["indicators", "index.html"] else "indicator")


CLASSES = re.compile(r'<([a-zA-Z][\w-]*)\b[^>]*?\sclass="([^"]*)"')


def representatives(build: Path, pages: list[str]) -> dict[tuple[str, str], list[str]]:
    """For each language and template, the fewest pages that together show every kind of element the
    template has on any page (each `tag.class`: a status badge, a table, a chart of each kind): one page
    when one shows them all, more when the template shows some elements on some pages only."""
    groups: dict[tuple[str, str], list[tuple[str, set[str]]]] = {}
    for rel in pages:
        html = (build / rel).read_text(encoding="utf-8")
        kinds = {f"{tag}.{name}" for tag, names in CLASSES.findall(html) for name in names.split()}
        groups.setdefault(template_of(rel), []).append((rel, kinds))
    chosen: dict[tuple[str, str], list[str]] = {}
    for key, members in groups.items():
        left = set().union(*(kinds for _, kinds in members))
        picked: list[str] = []
        while left or not picked:  # greedy: the page showing the most kinds not seen yet, the first on a tie
            best = members[0]
            for member in members[1:]:
                if len(member[1] & left) > len(best[1] & left):
                    best = member
            picked.append(best[0])
            left -= best[1]
        chosen[key] = picked
    return chosen


@dataclass
class Visit:
    """What one visit of a page found. Events are (phase, kind, text): phase "load" until the load event
    and the first measurements, "later" for everything after (axe, dark mode, interaction)."""

    rel: str
    events: list[tuple[str, str, str]] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (phase, url)
    widths: dict[int, dict] = field(default_factory=dict)  # layout and charts (MEASURE) at each of WIDTHS
    axe: list[dict] | None = None  # axe-core's violations in the light colour scheme (None: not run)
    axe_dark: list[dict] | None = None  # and in the dark one (None: not run on this page)
    interacted: bool = False  # a chart was hovered into a live ECharts chart and menus were opened
    csp: list[str] = field(default_factory=list)  # policy violations over the whole visit
    pwned: bool = False  # window.__pwned was set: an injected script ran
    probed: dict = field(default_factory=dict)  # what the caller's probe read from the page
    error: str | None = None  # the visit itself failed (a timeout, a crash): nothing above can be trusted

    @property
    def phone(self) -> dict:
        """Layout and charts at 360 px."""
        return self.widths.get(PHONE["width"], {})

    @property
    def desktop(self) -> dict:
        """The same at 1280 px."""
        return self.widths.get(DESKTOP["width"], {})

    def problems(self, phases: set[str], kinds: set[str]) -> list[str]:
        found = [f"{self.rel}: {kind}: {text}" for phase, kind, text in self.events
                 if phase in phases and kind in kinds]
        if self.error:
            found.append(f"{self.rel}: the visit failed: {self.error}")
        return found

    def axe_problems(self, scheme: str) -> list[str]:
        """axe-core's violations in the "light" or "dark" scheme, or why axe did not run on this page."""
        violations = self.axe if scheme == "light" else self.axe_dark
        if self.error or violations is None:
            return [f"{self.rel}: not checked: {self.error or 'axe did not run'}"]
        return [f"{self.rel}: {describe(violations)}"] if violations else []


# Layout and charts as the reader sees them: the page's width, and for each chart canvas, how many of its
# layouts' drawings show (exactly one should), the size of the one shown, and what a reader can read of
# it: the smallest text as displayed (its computed font size times the scale of its drawing on screen:
# getScreenCTM), the pairs of texts whose boxes overlap, and the texts whose box leaves the drawing's.
# A text's box here is its advance width by its displayed font size (an em box), around the middle of the
# browser's box, which is as tall as the font's ascent and descent and so taller than a line of labels.
# ECharts may draw a label twice, a halo under it (the same words in the same place): counted once.
MEASURE = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  charts: Array.from(document.querySelectorAll(".chart-canvas"), (canvas) => {
    const svgs = Array.from(canvas.querySelectorAll("svg"));
    const base = {id: canvas.id, svg: svgs.length > 0, width: 0, height: 0, paths: 0, shown: 0, layout: "",
                  texts: 0, smallest: null, smallestText: "", overlaps: [], outside: []};
    const visible = svgs.filter((svg) => {
      const box = svg.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(svg).visibility !== "hidden";
    });
    const svg = visible[0];
    if (!svg) return base;
    const frame = svg.getBoundingClientRect();
    const layout = svg.closest(".chart-layout");
    const texts = [];
    for (const t of svg.querySelectorAll("text")) {
      const words = t.textContent.trim();
      const box = t.getBoundingClientRect();
      const m = t.getScreenCTM();
      if (!words || !box.width || !box.height || !m) continue;
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      const middle = box.top + box.height / 2;
      const em = {left: box.left, right: box.right, top: middle - size / 2, bottom: middle + size / 2};
      const same = (o) => o.words === words && Math.abs(o.box.left - em.left) < 1 && Math.abs(o.box.top - em.top) < 1;
      if (texts.some(same)) continue;
      texts.push({words, size, box: em});
    }
    const overlaps = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box, b = texts[j].box;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1)
          overlaps.push(`"${texts[i].words}" and "${texts[j].words}" by ${x.toFixed(1)} x ${y.toFixed(1)} px`);
      }
    }
    const outside = texts.filter(({box}) => box.left < frame.left - 1 || box.right > frame.right + 1
      || box.top < frame.top - 1 || box.bottom > frame.bottom + 1).map(({words, box}) => {
      const by = Math.max(frame.left - box.left, box.right - frame.right, frame.top - box.top,
                          box.bottom - frame.bottom);
      return `"${words}" by ${by.toFixed(1)} px`;
    });
    const smallest = texts.reduce((low, t) => (low === null || t.size < low.size ? t : low), null);
    return {...base, width: frame.width, height: frame.height, paths: svg.querySelectorAll("path").length,
            shown: visible.length, layout: layout ? layout.dataset.layoutWidth : "", texts: texts.length,
            smallest: smallest && smallest.size, smallestText: smallest ? smallest.words : "", overlaps, outside};
  }),
})"""


def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations on the page as it is now: every rule axe runs by default (WCAG 2.0/2.1 A and
    AA and its best practices). Evaluated through the DevTools protocol, so the page's policy neither
    blocks axe nor reports it; only violations are gathered (axe's own advice for speed)."""
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(axe_source)
    run = "async () => JSON.stringify((await axe.run(document, {resultTypes: ['violations']})).violations)"
    result = page.evaluate(run)
    return json.loads(result)


def describe(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in violations)


def interact(page) -> bool:
    """Runs code a bare load does not: hovering a chart loads ECharts, draws the live chart and shows its
    tooltip (where ECharts would write style attributes); menus and details are opened. True if a chart
    was made live."""
    live = False
    for canvas in page.locator(".chart-canvas[data-options]").all()[:1]:
        canvas.scroll_into_view_if_needed()
        canvas.hover()
        canvas.element_handle().wait_for_element_state("stable")
        page.wait_for_function(
            "el => el.getAttribute('data-interactive') === 'true'", arg=canvas.element_handle(), timeout=10_000
        )
        box = canvas.bounding_box()
        assert box
        for step in range(1, 10):
            page.mouse.move(box["x"] + box["width"] * step / 10, box["y"] + box["height"] * 0.6)
            page.wait_for_timeout(30)
        live = True
    for details in page.locator("details > summary").all()[:3]:
        if details.is_visible():
            details.click()
    page.wait_for_timeout(100)
    return live


def viewport(width: int) -> dict:
    return DESKTOP if width == DESKTOP["width"] else {"width": width, "height": PHONE["height"]}


def measure_widths(page, found: dict[int, dict]) -> None:
    """MEASURE at each of WIDTHS not measured yet, resizing the page's viewport; it is left at the widest."""
    for width in WIDTHS:
        if width not in found:
            page.set_viewport_size(viewport(width))
            found[width] = page.evaluate(MEASURE)


def measure_pages(browser, base: str, pages: list[str], **context: object) -> dict[str, dict[int, dict]]:
    """Each page loaded once, in a context of its own (`context`: java_script_enabled=False,
    color_scheme="dark"), and measured at every width of WIDTHS."""
    ctx = browser.new_context(viewport=PHONE, **context)
    found: dict[str, dict[int, dict]] = {}
    try:
        page = ctx.new_page()
        for rel in pages:
            widths: dict[int, dict] = {}
            page.set_viewport_size(PHONE)
            page.goto(base + address(rel), wait_until="load")
            widths[PHONE["width"]] = page.evaluate(MEASURE)
            measure_widths(page, widths)
            found[rel] = widths
    finally:
        ctx.close()
    return found


class Recorder:
    """The listeners of the one page every visit uses, writing into the current visit."""

    def __init__(self, page, origin: str) -> None:
        self.visit = Visit("")
        self.phase = "load"
        page.on("console", lambda m: m.type in {"error", "warning"} and self.add(f"console {m.type}", m.text))
        page.on("pageerror", lambda e: self.add("page error", str(e)))
        page.on("requestfailed", lambda r: self.add("request failed", r.url))
        page.on("response", lambda r: r.status >= 400 and self.add("HTTP error", f"{r.status} {r.url}"))
        page.on("request", self.request)
        self.origin = origin

    def add(self, kind: str, text: str) -> None:
        self.visit.events.append((self.phase, kind, text))

    def request(self, request) -> None:
        self.visit.requests.append((self.phase, request.url))
        if urlsplit(request.url).netloc != self.origin:
            self.add("other host", request.url)


def visit_pages(
    browser,
    base: str,
    pages: list[str],
    *,
    axe_source: str | None = None,
    dark: set[str] = frozenset(),
    interact_on: set[str] = frozenset(),
    probe: Callable[[object], dict] | None = None,
) -> dict[str, Visit]:
    """Opens each page once, at 360 px as a phone would, then resizes it to 320, 768 and 1280 px: records
    console and page errors, failed requests and requests to other hosts, policy violations, the page's
    width and each chart's drawing and texts at every width (`MEASURE`), and at 1280 px axe-core's findings
    (light scheme on every page, dark on the pages in `dark`); hovers a chart and opens menus on the pages
    in `interact_on`; `probe(page)` reads anything else. One page object serves every visit (opening one
    per page cost as much as the visits)."""
    origin = urlsplit(base).netloc
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    context.add_init_script(LISTEN)
    visits: dict[str, Visit] = {}
    page = recorder = None
    try:
        for rel in pages:
            if page is None:
                page = context.new_page()
                recorder = Recorder(page, origin)
            visit = recorder.visit = visits[rel] = Visit(rel)
            recorder.phase = "load"
            try:
                page.set_viewport_size(PHONE)
                page.goto(base + address(rel), wait_until="load")
                visit.widths[PHONE["width"]] = page.evaluate(MEASURE)
                recorder.phase = "later"
                measure_widths(page, visit.widths)
                if axe_source is not None:
                    visit.axe = run_axe(page, axe_source)
                    if rel in dark:
                        page.emulate_media(color_scheme="dark")
                        visit.axe_dark = run_axe(page, axe_source)
                        page.emulate_media(color_scheme="light")
                if rel in interact_on:
                    visit.interacted = interact(page)
                visit.csp, visit.pwned = page.evaluate("[window.__csp, typeof window.__pwned !== 'undefined']")
                if probe is not None:
                    visit.probed = probe(page)
            except Exception as exc:  # recorded, so that every test reading this page fails, naming it
                visit.error = f"{type(exc).__name__}: {exc}"
                page.close()
                page = None
    finally:
        context.close()
    return visits
