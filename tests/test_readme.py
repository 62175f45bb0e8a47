"""The README documents what the code does: every setting, every sub-command."""

import re
from pathlib import Path

from etl.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    documented = set(re.findall(r"`(NEWSEVENTS_[A-Z0-9_]+)`", README))
    expected = {f"NEWSEVENTS_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set(), "add these settings to the README's configuration table"
    assert documented - expected == set(), "the README documents settings that do not exist"


def test_readme_names_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
