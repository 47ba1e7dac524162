"""``cabinet`` / ``python -m desktop_app``: start the desktop application."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib.metadata import version

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cabinet", description="Cabinet, the GP practice client.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('cabinet')}")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="interface language")
    parser.add_argument("--screenshot", metavar="PNG",
                        help="save the window to PNG after --quit-after seconds (docs, checks)")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="quit after this many seconds")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .app import CabinetApp
    from .i18n import install_translations

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Cabinet")
    install_translations(app, args.lang)
    cabinet = CabinetApp(app)
    cabinet.start()
    if args.quit_after is not None:
        def finish() -> None:
            if args.screenshot:
                cabinet.window.grab().save(args.screenshot)
            app.quit()

        QTimer.singleShot(int(args.quit_after * 1000), finish)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
