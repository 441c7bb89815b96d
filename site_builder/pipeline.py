"""The pipeline, in one function (`run`): the stages in the order they run, each handing plain data to
the next. `build`, `check` and `serve` all run it; they differ only in their target: which pages it
wants, whether it draws, and how it writes.

1. load the configuration (a build stops here when nothing changed since the last one);
2. read and check every source (`checks/run.py::read_sources`), reporting every problem before stopping;
3. plan the site from the model (`pages/plan.py::plan_site`): every page and the charts each one shows;
4. draw the charts (`charts/node.py::Renderer.draw`), in Node, beside the rendering;
5. render each page once its own charts are drawn (`pages/render.py::render_outputs`);
6. write (`target.write`): a build into a fresh folder swapped in atomically (`output/folder.py`), the
   preview server file by file (`serve/incremental.py`), a check nowhere (it only checks the links).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from site_builder.caches import BuildCache
from site_builder.charts.node import Renderer
from site_builder.checks.links import anchors_in
from site_builder.checks.run import Sources, read_sources
from site_builder.errors import ContentError, Problem, SiteBuilderError, display_path
from site_builder.output.folder import FolderBuild, every_page
from site_builder.output.site import BuildResult, RenderedSite
from site_builder.pages.plan import plan_site
from site_builder.pages.render import UNDRAWN, asset_copies, render_outputs
from site_builder.pages.theme import make_environment
from site_builder.sources.config import SiteConfig, load_config
from site_builder.sources.i18n import MissingString

__all__ = ["BuildResult", "Target", "build", "run"]


class Target(Protocol):
    """What a run makes, and where it goes."""

    draws: bool  # False: the charts are not drawn (a check)
    cache: BuildCache | None  # the parsed sources of the last good run, when the target keeps them

    def unchanged(self, config: SiteConfig, problems: list[Problem]) -> BuildResult | None: ...
    def wanted_pages(self, sources: Sources) -> Callable[[str], bool]: ...  # asked once per page's output path
    def environment(self, theme_dirs: list[Path]) -> Environment: ...
    def write(self, site: RenderedSite) -> BuildResult: ...


def run(root: Path, target: Target, *, strict: bool = False) -> BuildResult:
    """Runs the pipeline on the project in `root` for `target`. Warnings are returned (errors with
    strict=True); any error raises ContentError, after every problem of the run has been found."""
    # 1. Configuration: with the same inputs as the last good build, there is nothing to do.
    config, config_problems = load_config(root)
    if (result := target.unchanged(config, config_problems)) is not None:
        return result

    # 2. Read and check every source; every problem is reported before stopping.
    sources = read_sources(root, strict=strict, cache=target.cache)
    wanted = target.wanted_pages(sources)
    env = target.environment(sources.theme_dirs)

    # 3. Plan the site from the model: the pages the target wants, the charts each shows, its preview.
    with template_problems(config):  # a UI string a chart or a title needs may be missing
        plan = plan_site(sources.years, sources.pages, sources.strings, config.base_url, wanted)

    # 4. Draw the charts: Node draws them in the order the pages show them, beside the rendering.
    renderer = Renderer(sources.echarts.parents[2], config.cache_dir) if target.draws else None
    try:
        drawings = renderer.draw(plan.chart_requests(), plan.images_text()) if renderer else UNDRAWN
        images = renderer.images() if renderer else None

        # 5. Render each page as the writer takes it, once its own charts are drawn; and 6. write.
        outputs = _located(config, render_outputs(plan, sources, env, drawings, images))
        site = RenderedSite(sources, plan, outputs, asset_copies(sources), renderer, images, strict)
        return target.write(site)
    finally:
        if renderer is not None:
            renderer.stop()


def build(root: Path, out: Path | None, *, strict: bool = False) -> BuildResult:
    """Builds the site in `root` into `out`; with out=None, only checks (reads, checks and renders the
    pages to check their links, without drawing a chart or writing a file)."""
    return run(root, FolderBuild(out) if out is not None else Check(), strict=strict)


class Check:
    """A run that writes nothing: it renders the pages, without drawings, only for their links."""

    draws = False
    cache: BuildCache | None = None

    def unchanged(self, config: SiteConfig, problems: list[Problem]) -> BuildResult | None:
        return None

    def wanted_pages(self, sources: Sources) -> Callable[[str], bool]:
        return every_page

    def environment(self, theme_dirs: list[Path]) -> Environment:
        return make_environment(theme_dirs)

    def write(self, site: RenderedSite) -> BuildResult:
        ids = {path: anchors_in(content) if path in site.anchored else frozenset()
               for path, content in site.outputs if isinstance(content, str)}
        return BuildResult(len(ids), 0, None, warnings=site.checked_links(ids))


def _located(config: SiteConfig, outputs: Iterator[tuple[str, str | bytes]]) -> Iterator[tuple[str, str | bytes]]:
    """The rendered outputs, with template and UI-string errors raised as located problems."""
    with template_problems(config):
        yield from outputs


@contextmanager
def template_problems(config: SiteConfig) -> Iterator[None]:
    """Template and UI-string errors, while contexts are built or pages rendered, as located problems."""
    try:
        yield
    except MissingString as exc:
        path, _, message = str(exc).partition(": ")
        raise ContentError([Problem(path, 1, 1, message)]) from None
    except TemplateSyntaxError as exc:
        where = display_path(Path(exc.filename), config.root) if exc.filename else exc.name or "template"
        raise ContentError([Problem(where, exc.lineno or 1, 1, f"template error: {exc.message}")]) from None
    except TemplateError as exc:
        raise SiteBuilderError(f"template error: {exc}") from None
