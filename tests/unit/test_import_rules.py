"""The import rules (``[tool.importlinter]`` in pyproject.toml, run by ``make test``) hold on this tree
and catch each kind of breach: a copy of the packages with one offending module per rule breaks every
rule, so none of them is vacuous."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cardreader", "sync", "desktop_app")

BREACHES = {  # at least one offending module per rule
    "sync/zz_qt.py": "import PySide6.QtCore\n",
    "desktop_app/password_rules.py": "import PySide6.QtCore\n",
    "cardreader/zz_sync.py": "import sync.protocol\n",
    "sync/backoffice/zz_client.py": "import sync.vault\n",
    "desktop_app/zz_emulator.py": "import cardreader.emulator.vpcd\n",
    "desktop_app/views/zz_network.py": "from sync import client\n",
    "desktop_app/zz_card.py": "from cardreader.transport import PcscTransport\n",
    "cardreader/zz_ping.py": "from . import zz_pong\n",
    "cardreader/zz_pong.py": "from . import zz_ping\n",
}


def _verdicts(tree: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    verdicts = dict(re.findall(r"^(.+) (KEPT|BROKEN)(?: \(.*\))?$", done.stdout, re.MULTILINE))
    assert verdicts, done.stdout + done.stderr
    return verdicts


def _contracts() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [contract["name"] for contract in config["tool"]["importlinter"]["contracts"]]


def _copy(tree: Path) -> None:
    shutil.copy2(ROOT / "pyproject.toml", tree / "pyproject.toml")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))


def test_the_tree_keeps_every_rule(tmp_path: Path) -> None:
    _copy(tmp_path)
    assert _verdicts(tmp_path) == {name: "KEPT" for name in _contracts()}


def test_each_rule_catches_its_breach(tmp_path: Path) -> None:
    _copy(tmp_path)
    for path, source in BREACHES.items():
        (tmp_path / path).write_text(source, encoding="utf-8")
    assert _verdicts(tmp_path) == {name: "BROKEN" for name in _contracts()}
