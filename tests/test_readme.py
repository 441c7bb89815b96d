"""The README's test command is what CI runs; the README's examples stay true."""

from conftest import REPO


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command.endswith(".venv/bin/python -m pytest")
    assert command in readme
