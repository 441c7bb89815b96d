"""The command line: `site-builder build | check | serve | schema`. No logic lives here."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import __version__
from .build import build
from .schema import json_schema

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


@main.command("build")
@SOURCE
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Output folder.  [default: SOURCE/build]")
def build_command(source: Path, out: Path | None) -> None:
    """Build the site into the output folder (the previous site stays until the new one is complete)."""
    target = out if out is not None else source / "build"
    result = build(source, target)
    if result.unchanged:
        click.echo(f"Up to date: {result.pages} pages ({result.files} files) in {target}; no input changed")
        return
    click.echo(
        f"Built {result.pages} pages ({result.files} files) into {target}; "
        f"charts: {result.charts_rendered} rendered, {result.charts_reused} reused"
    )


@main.command("check")
@SOURCE
def check_command(source: Path) -> None:
    """Validate data, commentary, templates and strings; write nothing."""
    result = build(source, None)
    click.echo(f"OK: {result.pages} pages would be built; no problems found.")


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
def serve_command(source: Path, out: Path | None, host: str, port: int) -> None:
    """Build, serve the site, and rebuild when a source changes."""
    from .serve import serve

    serve(source, out if out is not None else source / "build", host, port)
