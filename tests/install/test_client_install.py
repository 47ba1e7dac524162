"""The doctor's client installs alone: the wheel built from this checkout, installed without extras into
a fresh venv, gives the window, ``cabinet-card`` and the sync client, in French, and none of the server's
packages.

Everything is real: ``pip wheel`` on a copy of the sources (with the catalogues compiled into it, as
``make`` does), a new venv, ``pip install`` of the wheel from the package index (pip's cache when it
has the files). It takes one to two minutes here, most of it fetching Qt's essential modules (84 MB);
``-m "not install"`` leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parents[2]
SERVER_PACKAGES = ("fastapi", "starlette", "uvicorn", "pypdf")


def _run(command: list[str | Path], env: dict[str, str], cwd: Path,
         timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _checked(command: list[str | Path], env: dict[str, str], cwd: Path, timeout: float) -> None:
    done = _run(command, env, cwd, timeout)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"


def _wheel(work: Path, env: dict[str, str]) -> Path:
    """The wheel of a copy of the checkout whose catalogues and style sheet are put in as ``make`` does."""
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for package in ("cardreader", "sync", "desktop_app"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    catalogues = source / "desktop_app" / "translations"
    catalogues.mkdir(exist_ok=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        _checked([lrelease, "-silent", ts, "-qm", catalogues / f"{ts.stem}.qm"], env, work, timeout=60)
    (source / "desktop_app" / "cabinet.qss").write_text(  # as make joins them
        "".join((ROOT / "resources" / "style" / f"{sheet}.qss").read_text(encoding="utf-8")
                for sheet in ("cabinet", "shell")), encoding="utf-8")
    _checked([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", work / "dist", source], env, work,
             timeout=600)
    (wheel,) = (work / "dist").glob("cabinet-*.whl")
    return wheel


@dataclass(frozen=True)
class Workstation:
    """A fresh venv holding ``pip install cabinet-*.whl`` and nothing else, run as on a doctor's machine:
    from a folder with no checkout in it, no ``PYTHONPATH``, no PC/SC service, no display."""

    bin: Path
    env: dict[str, str]
    home: Path

    def run(self, *command: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return _run([self.bin / command[0], *command[1:]], self.env, self.home, timeout)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Workstation:
    work = tmp_path_factory.mktemp("client-install")
    home = work / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PCSCLITE_CSOCK_NAME=str(work / "no-pcscd" / "pcscd.comm"), QT_QPA_PLATFORM="offscreen")
    wheel = _wheel(work, env)
    venv = work / "venv"
    _checked([sys.executable, "-m", "venv", "--without-pip", venv], env, work, timeout=120)
    _checked([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", wheel], env, work,
             timeout=900)
    return Workstation(venv / "bin", env, home)


def test_cabinet_version(client: Workstation) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    done = client.run("cabinet", "--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"cabinet {version}")


def test_cabinet_card_list_says_plainly_that_there_is_no_reader_service(client: Workstation) -> None:
    done = client.run("cabinet-card", "list")
    assert done.returncode == 1
    assert done.stderr.startswith("cabinet-card: the smart-card service (pcscd) is not available")
    assert "Traceback" not in done.stderr


def test_the_french_catalogue_loads_from_the_installed_package(client: Workstation) -> None:
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from desktop_app.i18n import CATALOGUES_DIR, install_translations\n"
        "app = QCoreApplication([])\n"
        "install_translations(app, 'fr')\n"
        "print(CATALOGUES_DIR)\n"
        "print(QCoreApplication.translate('ReadersView', 'Card readers'))\n"
        "print(QCoreApplication.translate('CardErrors', 'Wrong PIN: %n try(ies) left.', None, 2))\n"
    )
    done = client.run("python", "-c", script)
    assert done.returncode == 0, done.stderr
    folder, readers, pin = done.stdout.splitlines()
    assert Path(folder).is_relative_to(client.bin.parent / "lib")  # the installed package, not a checkout
    assert (readers, pin) == ("Lecteurs de cartes", "Code porteur erroné : 2 essais restants.")


def test_the_window_and_the_sync_client_run_without_the_server(client: Workstation) -> None:
    shot = client.home / "window.png"
    window = client.run("cabinet", "--quit-after", "1", "--screenshot", shot, timeout=120)
    assert window.returncode == 0, window.stderr
    assert shot.stat().st_size > 0
    probe = ("import importlib.util, sync.client, sync.documents, sync.engine, sync.store, sync.vault\n"
             f"print([name for name in {SERVER_PACKAGES!r} if importlib.util.find_spec(name)])\n")
    done = client.run("python", "-c", probe)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_cabinet_backoffice_names_the_extra_it_needs(client: Workstation) -> None:
    done = client.run("cabinet-backoffice", "serve", "--db", "bo.sqlite")
    assert done.returncode == 2
    assert "'backoffice' extra (cabinet[backoffice])" in done.stderr
    assert "Traceback" not in done.stderr
