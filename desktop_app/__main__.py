"""``cabinet`` / ``python -m desktop_app``: start the desktop application."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .settings import SETTING_KEYS, Settings, SettingsError, load_settings, machine_config_path, user_config_path

__all__ = ["main"]


class _Version(argparse.Action):
    """``--version``, like argparse's own, but the installed version is read only when asked: importlib.metadata
    takes longer to load and search than the window to start."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import version

        print(f"{parser.prog} {version('cabinet')}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cabinet", description="Cabinet, the GP practice client.",
        epilog=f"Settings come from, each later one winning: defaults, the machine-wide file "
               f"({machine_config_path()}), the user's file ({user_config_path()}), CABINET_* environment "
               f"variables (CABINET_BACKOFFICE, CABINET_DATA_DIR...), these flags. Keys the machine-wide file "
               f"locks keep its value.")
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--config", type=Path, metavar="FILE", help="read this settings file instead of the user's")
    group = parser.add_argument_group("settings")
    for key in SETTING_KEYS:
        if key.metavar is None:
            group.add_argument(key.flag, dest=key.name, action="store_const", const=True,
                               default=argparse.SUPPRESS, help=key.help)
        else:
            group.add_argument(key.flag, dest=key.name, metavar=key.metavar, default=argparse.SUPPRESS,
                               help=key.help)
    parser.add_argument("--screenshot", metavar="PNG",
                        help="save the window to PNG after --quit-after seconds (docs, checks)")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="quit after this many seconds")
    parser.add_argument("-v", "--verbose", action="store_true", help="log in detail (debug level)")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    """The settings, the flags given overriding the files and the environment."""
    given = {key.name: getattr(args, key.name) for key in SETTING_KEYS if hasattr(args, key.name)}
    return load_settings(given, user_file=args.config)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = _settings(args)
    except SettingsError as error:
        print(f"cabinet: {error}", file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .app import CabinetApp
    from .i18n import install_translations
    from .style import apply_style

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Cabinet")
    install_translations(app, settings.lang)
    apply_style(app)
    cabinet = CabinetApp(app, settings)
    cabinet.start()
    if args.quit_after is not None:
        def finish() -> None:
            if args.screenshot:
                cabinet.window.grab().save(args.screenshot)
            cabinet.quit()

        QTimer.singleShot(int(args.quit_after * 1000), finish)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
