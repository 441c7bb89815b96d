"""The command line: `site-builder build | check | serve | schema | init | import-plan | new`. No logic lives here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TypeVar

import click

from site_builder import __version__
from site_builder.errors import Problem, count_problems
from site_builder.pipeline import build
from site_builder.sources.schema import json_schema

SOURCE = click.option(
    "--source",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project folder (holds data/, content/ and themes/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="site-builder")
def main() -> None:
    """Build a bilingual static site for a plan's targets and reported outcomes."""


STRICT = click.option("--strict", is_flag=True, default=False, help="Treat warnings as errors.")


def show_warnings(warnings: tuple[Problem, ...]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


@main.command("build")
@SOURCE
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Output folder.  [default: SOURCE/build]")
@STRICT
def build_command(source: Path, out: Path | None, strict: bool) -> None:
    """Build the site into the output folder (the previous site stays until the new one is complete)."""
    target = out if out is not None else source / "build"
    result = build(source, target, strict=strict)
    if result.unchanged:
        click.echo(f"Up to date: {result.pages} pages ({result.files} files) in {target}; no input changed")
        return
    show_warnings(result.warnings)
    found = f"; {count_problems(result.warnings)}" if result.warnings else ""
    reused = result.pages_rendered is not None and result.pages_rendered < result.pages
    rendered = f" ({result.pages_rendered} rendered, the others unchanged)" if reused else ""
    click.echo(
        f"Built {result.pages} pages{rendered} ({result.files} files) into {target}; "
        f"charts: {result.charts_rendered} rendered, {result.charts_reused} reused{found}"
    )


@main.command("check")
@SOURCE
@STRICT
def check_command(source: Path, strict: bool) -> None:
    """Validate data, commentary, templates, strings, translations, figures and links; write nothing.

    Each problem is one line: path:line:col: level: message [kind].
    """
    result = build(source, None, strict=strict)
    show_warnings(result.warnings)
    found = count_problems(result.warnings) if result.warnings else "no problems"
    click.echo(f"OK: {result.pages} pages would be built; {found} found.")


@main.command("schema")
@SOURCE
def schema_command(source: Path) -> None:
    """Write data/targets.schema.json from the data model (for editors' autocompletion and checks)."""
    path = source / "data" / "targets.schema.json"
    path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(f"Wrote {path}")


@main.command("serve")
@SOURCE
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Output folder.  [default: SOURCE/build]")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless told).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--open", "open_browser", is_flag=True, default=False, help="Open the site in a web browser.")
@STRICT
def serve_command(source: Path, out: Path | None, host: str, port: int, open_browser: bool, strict: bool) -> None:
    """Build, serve the site, rebuild the pages an edit affects and reload every open browser.

    A failed rebuild keeps serving the last good site, with the problems shown on every page.
    """
    from site_builder.serve.server import serve

    serve(source, out if out is not None else source / "build", host, port, open_browser=open_browser, strict=strict)


@main.group("new")
def new_group() -> None:
    """Scaffold a new entry: `new area ID`, `new outcome INDICATOR-ID`, `new year YEAR`."""


PLAN_YEAR = click.option("--plan-year", "plan_year", type=int, default=None,
                         help="The plan to add to, in a site of several plan years.  [default: the latest]")


@new_group.command("area")
@SOURCE
@click.argument("area_id", metavar="ID")
@PLAN_YEAR
def new_area_command(source: Path, area_id: str, plan_year: int | None) -> None:
    """Add task area ID to the plan's data, with its commentary in both languages."""
    from site_builder.scaffold import new_area

    for line in new_area(source, area_id, plan_year):
        click.echo(line)


@new_group.command("year")
@SOURCE
@click.argument("year", type=click.IntRange(1949, 2200))
def new_year_command(source: Path, year: int) -> None:
    """Start the plan of YEAR as a copy of the latest (same ids, no outcomes), with its commentary to fill in;
    a one-year site first moves to data/plans/ and content/{zh,en}/YEAR/, its old addresses kept."""
    from site_builder.starter.next_year import new_year

    for line in new_year(source, year):
        click.echo(line)


@new_group.command("outcome")
@SOURCE
@click.argument("indicator_id", metavar="INDICATOR-ID")
# Required, not prompted: a prompt without a terminal ends in a bare "Aborted!".
@click.option("--value", required=True, help="The reported figure, as the source prints it (in the indicator's unit).")
@click.option("--source-id", "source_id", required=True, help='Where the figure is published (an id in "sources").')
@click.option("--period", type=click.Choice(["year", "h1", "q1_q3", "jan_nov"]), default="year", show_default=True)
@click.option("--year", type=int, default=None, help="The year reported.  [default: the plan's year]")
@click.option("--target", "target_id", default=None, help="The target, when the indicator has several.")
@click.option("--force", is_flag=True, default=False, help="Record an outcome for another year than the plan's.")
@PLAN_YEAR
def new_outcome_command(
    source: Path, indicator_id: str, value: str, source_id: str, period: str, year: int | None, target_id: str | None,
    force: bool, plan_year: int | None,
) -> None:
    """Add a reported outcome to indicator INDICATOR-ID's target; you give the value and its source. An outcome
    reported a year later (in the next year's plan-execution report) goes in its own year's plan: --plan-year."""
    from site_builder.scaffold import new_outcome

    for line in new_outcome(source, indicator_id, value, source_id, period, year, target_id, force=force,
                            plan_year=plan_year):
        click.echo(line)


T = TypeVar("T")
YEAR = click.IntRange(1949, 2200)


def _asked(value: T | None, option: str, question: str, kind: click.ParamType) -> T:
    """An option's value, asked for on a terminal when it was left out (and asked again until it is of
    the option's type); refused without a terminal."""
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise click.UsageError(f"missing option '{option}' (no terminal to ask on)")
    answer: T = click.prompt(question, type=kind)
    return answer


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title-zh", help="The plan's full title in Chinese, e.g. 清水市2025年国民经济和社会发展计划.")
@click.option("--title-en", help='The plan\'s title in English, e.g. "Qingshui 2025 Plan".')
@click.option("--year", type=YEAR, help="The year the plan is for.")
def init_command(directory: Path, title_zh: str | None, title_en: str | None, year: int | None) -> None:
    """Start a new site in DIRECTORY: a valid bilingual plan with one example area, ready to check and build."""
    from site_builder.starter.init import init_site

    zh = _asked(title_zh, "--title-zh", "The plan's title in Chinese", click.STRING)
    en = _asked(title_en, "--title-en", "The plan's title in English", click.STRING)
    plan_year = _asked(year, "--year", "The plan's year", YEAR)
    for line in init_site(directory, zh, en, plan_year):
        click.echo(line)


@main.command("import-plan")
@click.argument("plan_text", metavar="PLAN.txt", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The draft data file to write (the data file's own format).")
@click.option("--merge", is_flag=True, default=False,
              help="Add what is new to an existing data file at --out, never changing what an editor wrote.")
def import_plan_command(plan_text: Path, out: Path, merge: bool) -> None:
    """Draft data from a plan's text: its task areas, numbered commitments and the figures they commit to.

    Every drafted item records the line and column it came from; `check` lists each as a todo to confirm.
    """
    from site_builder.drafting.importer import import_plan

    for line in import_plan(plan_text, out, merge=merge):
        click.echo(line)
