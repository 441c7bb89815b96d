"""The package's folders are the pipeline's stages: a newcomer can trust the layout.

A module may import from its own stage, an earlier one, or the shared modules; never from a later
stage (which would make control run backwards). No module grows past 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "site_builder"
# In the order a build runs them: the shared modules first (caches, after the sources whose parsed forms it
# keeps), the commands that drive the stages last.
ORDER = ["errors", "atomic", "sources", "caches", "model", "checks", "charts", "pages", "output", "pipeline", "serve",
         "scaffold", "drafting", "starter", "cli", "__main__"]
MAX_LINES = 400


def _stage(module: str) -> str:
    """site_builder.pages.plan -> pages; site_builder.pipeline -> pipeline."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_belongs_to_a_known_stage() -> None:
    stages = [*ORDER, "__init__"]
    unknown = [p for p in _modules() if _stage(".".join(p.relative_to(REPO).with_suffix("").parts)) not in stages]
    assert not unknown, f"modules outside the stages (add the stage to ORDER, in pipeline order): {unknown}"


def test_no_module_imports_from_a_later_stage() -> None:
    backwards = []
    for path in _modules():
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        mine = _stage(module)
        if mine == "__init__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("site_builder."):
                theirs = _stage(node.module)
                if ORDER.index(theirs) > ORDER.index(mine):
                    backwards.append(f"{module} imports {node.module}")
    assert not backwards, "imports from a later stage:\n" + "\n".join(backwards)


def test_each_stage_says_what_it_owns_and_no_module_is_over_400_lines() -> None:
    for folder in sorted(p for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"{folder.name}/__init__.py has no sentence saying what the stage owns"
    sizes = {p.relative_to(REPO).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    long = {path: lines for path, lines in sizes.items() if lines > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"
