"""Cabinet's settings: one frozen object, built once at start from five layers, each later one winning.

1. the defaults below;
2. the machine-wide file, written by the practice's IT provider: ``/etc/cabinet/cabinet.toml`` on Linux,
   ``C:\\ProgramData\\cabinet\\cabinet.toml`` on Windows, ``/Library/Application Support/cabinet/cabinet.toml``
   on macOS. ``CABINET_MACHINE_CONFIG`` names another file only where that one is absent, so that a
   managed machine cannot be redirected away from its locks;
3. the user's file, ``cabinet.toml`` in the platform's config folder (``~/.config/cabinet/`` on Linux),
   or the file given to ``cabinet --config``;
4. the environment: ``CABINET_`` and the key in capitals (``CABINET_DATA_DIR``); an empty variable
   counts as unset; switches take 1/0, true/false, yes/no, on/off;
5. the command line: only the flags given (``cabinet --help``).

Keys (TOML name, flag, default):

==========================  ===================  ===============================================
``backoffice``              ``--backoffice``     ``https://127.0.0.1:8443`` (the reference back
                                                 office run on this machine)
``ca``                      ``--ca``             none: the system's trust store only; a PEM file
                                                 is trusted besides it for the back office's TLS
``data_dir``                ``--data-dir``       the platform's user data folder (local stores)
``kiosk``                   ``--kiosk``          false
``lang``                    ``--lang``           ``"fr"`` (or ``"en"``)
``idle_lock_minutes``       ``--idle-lock``      0 (never); 5 in kiosk mode
``sync_interval_seconds``   ``--sync-interval``  60
``scan_folder``             ``--scan-folder``    none (no folder watched)
``scan_archive``            ``--scan-archive``   ``scans/archive`` in ``data_dir``: the originals taken
                                                 from the scan folder, once sealed
``quarantine_folder``       ``--quarantine``     ``scans/quarantine`` in ``data_dir``: refused files,
                                                 each with its reason beside it
``proxy``                   ``--proxy``          none (direct); http, https or socks5 URL
``workstation``             ``--workstation``    the host name (shown in the login history)
==========================  ===================  ===============================================

Paths in a file are relative to that file's folder, elsewhere to the current folder; ``~`` is expanded.

Locks: the machine-wide file may list, at its top level, keys that the user cannot change::

    backoffice = "https://teleservices.example.fr"
    kiosk = true
    locked = ["backoffice", "ca", "kiosk"]

A locked key keeps the machine-wide value (the default when that file does not set it): the user's
file, the environment and the command line are ignored for it, with a warning. ``Settings.locked``
names the locked keys, for the settings window to show them as managed. ``locked`` anywhere else is
ignored with a warning.

Errors: a value of the wrong type or out of range, or a file that is not valid TOML, raises
:class:`SettingsError`, which names the file (or the variable, or the flag), the key and what is
expected, or the line of the TOML error. An unknown key is logged as a warning and ignored, so that an
older Cabinet still starts with a newer file.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import platformdirs

__all__ = ["DEFAULT_BACKOFFICE", "KIOSK_IDLE_LOCK_MINUTES", "MACHINE_CONFIG_ENV", "SETTING_KEYS", "SettingKey",
           "Settings", "SettingsError", "load_settings", "machine_config_path", "user_config_path"]

log = logging.getLogger(__name__)

DEFAULT_BACKOFFICE = "https://127.0.0.1:8443"  # `cabinet-backoffice serve`'s own default address
KIOSK_IDLE_LOCK_MINUTES = 5
MACHINE_CONFIG_ENV = "CABINET_MACHINE_CONFIG"
_LINUX_MACHINE_CONFIG = Path("/etc/cabinet/cabinet.toml")


class SettingsError(Exception):
    """A setting Cabinet cannot start with; ``source`` is the file, ``environment`` or ``command line``."""

    def __init__(self, source: str, key: str | None, message: str) -> None:
        super().__init__(f"{source}: {key}: {message}" if key else f"{source}: {message}")
        self.source, self.key = source, key


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("cabinet", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """What this run of Cabinet was configured with (see the module's docstring for the sources)."""

    backoffice: str = DEFAULT_BACKOFFICE
    ca: Path | None = None
    data_dir: Path = field(default_factory=_default_data_dir)
    kiosk: bool = False
    lang: Literal["fr", "en"] = "fr"
    idle_lock_minutes: int | None = None  # None: never; load_settings gives a kiosk 5 unless told otherwise
    sync_interval_seconds: float = 60.0
    scan_folder: Path | None = None
    scan_archive: Path | None = None  # None: scan_archive_dir's default, beside the stores
    quarantine_folder: Path | None = None  # None: quarantine_dir's default, beside the stores
    proxy: str | None = None
    workstation: str = field(default_factory=socket.gethostname)
    locked: frozenset[str] = frozenset()  # keys the machine-wide file locked
    # where each key's value came from, for Diagnostics: a file's path, "environment" or "command line";
    # a key absent here has its default
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def scan_archive_dir(self) -> Path:
        """Where the scan folder's originals go once sealed: configured, or ``data_dir/scans/archive``."""
        return self.scan_archive or self.data_dir / "scans" / "archive"

    @property
    def quarantine_dir(self) -> Path:
        """Where refused files go with their reason: configured, or ``data_dir/scans/quarantine``."""
        return self.quarantine_folder or self.data_dir / "scans" / "quarantine"

    @property
    def scan_journal(self) -> Path:
        """The scan folder's journal (what was taken): with this workstation's data, never in the share."""
        return self.data_dir / "scans" / "journal.json"

    def effective(self, name: str) -> object:
        """The value of the setting ``name`` as Cabinet uses it: the derived folder where one is unset."""
        value = getattr(self, name)
        if value is None and name in _DERIVED:
            return getattr(self, _DERIVED[name])
        return value


_DERIVED = {"scan_archive": "scan_archive_dir", "quarantine_folder": "quarantine_dir"}


@dataclass(frozen=True)
class _Source:
    where: str  # the file's path, "environment" or "command line"
    values: Mapping[str, object]  # raw values of known keys
    text: bool  # values are strings to parse (environment, command line), not TOML's typed values
    folder: Path  # where relative paths start
    spelling: Callable[[SettingKey], str]  # how this source names a key, for errors


@dataclass(frozen=True)
class SettingKey:
    """One setting: its TOML name, its flag, its help, and its parser (which raises ValueError on a misfit)."""

    name: str
    flag: str
    metavar: str | None  # None: a switch, given without a value
    help: str
    expected: str
    parse: Callable[[object, _Source], object]

    @property
    def env(self) -> str:
        return "CABINET_" + self.name.upper()


def _boolean(value: object, source: _Source) -> bool:
    if isinstance(value, bool):
        return value
    word = value.strip().lower() if source.text and isinstance(value, str) else None
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise ValueError


def _number(value: object, source: _Source) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if source.text and isinstance(value, str):
        return float(value)
    raise ValueError


def _idle_lock(value: object, source: _Source) -> int | None:
    minutes = _number(value, source)
    if not 0 <= minutes <= 24 * 60 or minutes != int(minutes):  # NaN and infinities fail the first test
        raise ValueError
    return int(minutes) or None


def _sync_interval(value: object, source: _Source) -> float:
    seconds = float(_number(value, source))
    if not 1 <= seconds <= 24 * 3600:  # also refuses NaN
        raise ValueError
    return seconds


def _string(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError
    return value.strip()


def _url(*schemes: str) -> Callable[[object, _Source], str]:
    def parse(value: object, source: _Source) -> str:
        url = _string(value)
        parts = urlsplit(url)
        if parts.scheme not in schemes or not parts.hostname or parts.query or parts.fragment:
            raise ValueError
        return url.rstrip("/")

    return parse


def _path(value: object, source: _Source) -> Path:
    return source.folder / Path(_string(value)).expanduser()


def _file(value: object, source: _Source) -> Path:
    path = _path(value, source)
    if not path.is_file():
        raise ValueError
    return path


def _folder(value: object, source: _Source) -> Path:
    path = _path(value, source)
    if path.exists() and not path.is_dir():
        raise ValueError
    return path


def _lang(value: object, source: _Source) -> str:
    if value not in ("fr", "en"):
        raise ValueError
    return str(value)


def _workstation(value: object, source: _Source) -> str:
    name = _string(value)
    if len(name) > 64 or not name.isascii() or not name.isprintable():  # it travels in an HTTP header
        raise ValueError
    return name


SETTING_KEYS: tuple[SettingKey, ...] = (
    SettingKey("backoffice", "--backoffice", "URL", f"the back office's address (default {DEFAULT_BACKOFFICE})",
               "an https:// or http:// URL with a host", _url("https", "http")),
    SettingKey("ca", "--ca", "FILE", "a CA certificate (PEM) trusted for the back office besides the system's",
               "an existing CA certificate file (PEM)", _file),
    SettingKey("data_dir", "--data-dir", "DIR", "the folder of the local stores (default: the user data folder)",
               "a folder", _folder),
    SettingKey("kiosk", "--kiosk", None, "kiosk mode: full screen, no way out, locked whenever no card is in",
               "true or false", _boolean),
    SettingKey("lang", "--lang", "fr|en", "the interface's language (default fr)", '"fr" or "en"', _lang),
    SettingKey("idle_lock_minutes", "--idle-lock", "MINUTES",
               f"lock a card session after so many idle minutes, 0 for never (default never, "
               f"{KIOSK_IDLE_LOCK_MINUTES} in kiosk mode)",
               "a whole number of minutes from 0 (never) to 1440", _idle_lock),
    SettingKey("sync_interval_seconds", "--sync-interval", "SECONDS", "seconds between background syncs (default 60)",
               "a number of seconds from 1 to 86400", _sync_interval),
    SettingKey("scan_folder", "--scan-folder", "DIR", "the folder where the scanner drops documents",
               "a folder", _folder),
    SettingKey("scan_archive", "--scan-archive", "DIR",
               "where the scan folder's originals are kept once sealed (default: scans/archive in the data folder)",
               "a folder", _folder),
    SettingKey("quarantine_folder", "--quarantine", "DIR",
               "where refused files go with their reason (default: scans/quarantine in the data folder)",
               "a folder", _folder),
    SettingKey("proxy", "--proxy", "URL", "reach the back office through this proxy (default: directly)",
               "an http://, https:// or socks5:// URL with a host", _url("http", "https", "socks5", "socks5h")),
    SettingKey("workstation", "--workstation", "NAME",
               "this workstation's name in the login history (default: the host name)",
               "1 to 64 printable ASCII characters", _workstation),
)
_KEYS = {key.name: key for key in SETTING_KEYS}


def machine_config_path(environ: Mapping[str, str] | None = None, *, standard: Path | None = None) -> Path:
    """The machine-wide file: the platform's (``standard``), or ``CABINET_MACHINE_CONFIG`` where that is absent."""
    environ = os.environ if environ is None else environ
    standard = standard or _platform_machine_config()
    override = environ.get(MACHINE_CONFIG_ENV)
    if override and standard.exists():
        log.warning("%s ignored: this machine's settings are in %s", MACHINE_CONFIG_ENV, standard)
    return Path(override) if override and not standard.exists() else standard


def _platform_machine_config() -> Path:
    if sys.platform in ("win32", "darwin"):
        return platformdirs.site_config_path("cabinet", appauthor=False) / "cabinet.toml"
    return _LINUX_MACHINE_CONFIG


def user_config_path() -> Path:
    """The user's file in the platform's config folder (where the settings window will write)."""
    return platformdirs.user_config_path("cabinet", appauthor=False) / "cabinet.toml"


def load_settings(command_line: Mapping[str, object] | None = None, *, environ: Mapping[str, str] | None = None,
                  machine_file: Path | None = None, user_file: Path | None = None) -> Settings:
    """The settings from every layer; ``command_line`` maps key names to the flags' values (strings, or True
    for a switch). Raises :class:`SettingsError` on a value or file Cabinet cannot start with."""
    environ = os.environ if environ is None else environ
    command_line = command_line or {}
    if unknown := command_line.keys() - _KEYS.keys():
        raise TypeError(f"not settings: {sorted(unknown)}")
    machine_file = machine_file or machine_config_path(environ)
    machine, locked = _file_source(machine_file, machine=True)
    sources = (
        machine,
        _file_source(user_file or user_config_path(), machine=False)[0],
        _Source("environment", {key.name: environ[key.env] for key in SETTING_KEYS if environ.get(key.env)},
                text=True, folder=Path.cwd(), spelling=lambda key: key.env),
        _Source("command line", command_line, text=True, folder=Path.cwd(), spelling=lambda key: key.flag),
    )
    values: dict[str, object] = {}
    origins: dict[str, str] = {}
    for source in sources:
        for key in SETTING_KEYS:
            if key.name not in source.values:
                continue
            if key.name in locked and source is not machine:
                log.warning("%s: %s ignored: locked by %s", source.where, source.spelling(key), machine_file)
                continue
            values[key.name] = _parsed(key, source)
            origins[key.name] = source.where
    if "idle_lock_minutes" not in values and values.get("kiosk"):
        values["idle_lock_minutes"] = KIOSK_IDLE_LOCK_MINUTES
    return Settings(**values, locked=locked, origins=origins)  # type: ignore[arg-type]  # each value was checked by its key


def _parsed(key: SettingKey, source: _Source) -> object:
    raw = source.values[key.name]
    try:
        return key.parse(raw, source)
    except ValueError:
        raise SettingsError(source.where, source.spelling(key), f"expected {key.expected}, got {raw!r}") from None


def _file_source(path: Path, *, machine: bool) -> tuple[_Source, frozenset[str]]:
    """The file's known keys, and the keys it locks (a machine-wide file's ``locked``); no file, no values."""
    table = _read_toml(path)
    locked: frozenset[str] = frozenset()
    if "locked" in table:
        if machine:
            locked = _locks(path, table.pop("locked"))
        else:
            del table["locked"]
            log.warning("%s: locked ignored: only the machine-wide file can lock keys", path)
    for name in sorted(table.keys() - _KEYS.keys()):
        log.warning("%s: unknown key %r ignored", path, name)
    values = {name: value for name, value in table.items() if name in _KEYS}
    source = _Source(str(path), values, text=False, folder=path.absolute().parent, spelling=lambda key: key.name)
    return source, locked


def _locks(path: Path, raw: object) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise SettingsError(str(path), "locked", f"expected a list of key names, got {raw!r}")
    for name in sorted(set(raw) - _KEYS.keys()):
        log.warning("%s: locked: unknown key %r ignored", path, name)
    return frozenset(raw) & _KEYS.keys()


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:  # its message ends with the line and column
        raise SettingsError(str(path), None, f"not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise SettingsError(str(path), None, "not valid TOML: not UTF-8 text") from None
    except OSError as error:
        raise SettingsError(str(path), None, f"cannot be read: {error.strerror}") from None
