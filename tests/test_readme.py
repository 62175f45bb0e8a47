"""The README documents what the code does: every setting, every sub-command."""

import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from etl.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    documented = set(re.findall(r"`(NEWSEVENTS_[A-Z0-9_]+)`", README))
    expected = {f"NEWSEVENTS_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set(), "add these settings to the README's configuration table"
    assert documented - expected == set(), "the README documents settings that do not exist"


def test_readme_names_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def _cli() -> Any:
    """The CLI as typer builds it (typer carries its own copy of click, so the objects are used duck-typed)."""
    import typer.main

    from etl.cli import app

    return typer.main.get_command(app)


def _leaf_commands(group: Any, prefix: str = "newsevents") -> list[str]:
    """`newsevents run`, `newsevents db upgrade`, …: every command a user can type."""
    out = []
    for name, cmd in sorted(group.commands.items()):
        out += _leaf_commands(cmd, f"{prefix} {name}") if hasattr(cmd, "commands") else [f"{prefix} {name}"]
    return out


def _documented_command_lines(markdown: str) -> list[str]:
    """Every `newsevents …` command line in the README's shell blocks and inline code (comments left out)."""
    markdown = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    snippets = [line for block in re.findall(r"```(?:sh|bash)\n(.*?)```", markdown, flags=re.S)
                for line in block.splitlines()]
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S)
    snippets += re.findall(r"`([^`\n]+)`", prose)
    lines = []
    for snippet in snippets:
        for m in re.finditer(r"(?:^|(?<=[\s\"(/]))newsevents((?:[ \t]+[^\s`\"|)>#;&]+)+)", snippet):
            lines.append("newsevents" + m.group(1))
    return lines


def test_every_cli_command_is_in_the_readme() -> None:
    commands = _leaf_commands(_cli())
    assert "newsevents db upgrade" in commands and len(commands) > 15
    missing = [c for c in commands if not re.search(re.escape(c) + r"(?![\w-])", README)]
    assert missing == [], "document these commands in the README"


def test_every_documented_command_line_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command line the README shows is one the CLI accepts: command names, options and their values."""
    monkeypatch.chdir(tmp_path)
    lines = _documented_command_lines(README)
    assert "newsevents run --date 2026-11-25 --input samples/articles" in lines and len(lines) > 20
    for line in lines:
        words = shlex.split(line)[1:]
        for w in words:  # files the line names exist here (empty), so that parsing judges the line, not this folder
            if not w.startswith("-") and "://" not in w and ("/" in w or re.search(r"\.[a-z]{2,7}$", w)):
                (tmp_path / w).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / w).touch()
        cmd, path = _cli(), ["newsevents"]
        while hasattr(cmd, "commands") and words and words[0] in cmd.commands:
            path.append(words[0])
            cmd = cmd.commands[words.pop(0)]
        assert not hasattr(cmd, "commands"), f"{line!r}: names no command"
        try:
            cmd.make_context(" ".join(path), list(words))
        except Exception as err:  # typer's own click: its UsageError is not click's
            if type(err).__name__ != "Exit":  # --help
                raise AssertionError(f"README line {line!r} does not parse: {err}") from None
