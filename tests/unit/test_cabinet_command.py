"""`cabinet` as a user runs it: its help names every flag, --version, a bad setting exits 2 with a sentence."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop_app.settings import SETTING_KEYS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(tmp_path):
    """``python -m desktop_app`` with an empty user config folder and no CABINET_* variables."""
    environ = {name: value for name, value in os.environ.items() if not name.startswith("CABINET_")}
    environ["XDG_CONFIG_HOME"] = str(tmp_path / "config")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop_app", *args], check=False, env=environ,
                              cwd=tmp_path, capture_output=True, text=True, timeout=60)

    return run


def test_help_documents_every_flag(run):
    done = run("--help")
    assert done.returncode == 0, done.stderr
    flags = {"--backoffice", "--ca", "--data-dir", "--kiosk", "--lang", "--version", "--idle-lock", "--config",
             "--screenshot", "--quit-after", "-v"} | {key.flag for key in SETTING_KEYS}
    assert flags - set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", done.stdout)) == set()
    assert "--lang fr|en" in done.stdout and "--backoffice URL" in done.stdout


def test_version(run):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    done = run("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"cabinet {version}")


def test_a_bad_flag_value_exits_2_with_one_sentence(run):
    done = run("--lang", "de")
    assert done.returncode == 2
    assert done.stderr == "cabinet: command line: --lang: expected \"fr\" or \"en\", got 'de'\n"


def test_a_malformed_settings_file_exits_2_naming_it_and_its_line(run, tmp_path):
    config = tmp_path / "cabinet.toml"
    config.write_text('lang = "fr"\nkiosk = yes\n')
    done = run("--config", str(config))
    assert done.returncode == 2
    assert done.stderr.startswith(f"cabinet: {config}: not valid TOML: ") and "line 2" in done.stderr
    assert "Traceback" not in done.stderr
