"""Renders the sign-in screens offscreen, in French, to ``docs/screenshots/``: the README's pictures.

    PYTHONPATH=. python tools/screenshots.py [--out docs/screenshots]

The views are filled with sample values as the controller would fill them (the lock reason and the
readers' descriptions are the controller's sentences, written here in French); nothing is read from a
card or a server. Run ``make install`` first so that the French catalogue and the style sheet are in
the package.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from cardreader.errors import PinWrong
from desktop_app.i18n import install_translations
from desktop_app.messages import card_error_text
from desktop_app.style import apply_style
from desktop_app.views.lock_screen import LockScreen, ReaderState
from desktop_app.views.password_dialog import PasswordDialog, Rule
from desktop_app.views.pin_dialog import BlockedCardDialog, PinDialog

HOLDER = "Dr Marie Lefèvre-Dupré"
READERS = ("Gemalto PC Twin Reader 00 00", "Gemalto PC Twin Reader 00 01")


def _sample_rules(identifier: str, new_password: str) -> set[Rule]:
    """Just enough of the password-account rules to tick the dialog's lines."""
    broken = set()
    if "@" in identifier:
        broken.add(Rule.IDENTIFIER_EMAIL)
    elif not re.fullmatch(r"[0-9AB]{9}", identifier):
        broken.add(Rule.IDENTIFIER_FORMAT)
    if not 6 <= len(new_password) <= 13:
        broken.add(Rule.PASSWORD_LENGTH)
    if not new_password.isascii() or not new_password.isalnum():
        broken.add(Rule.PASSWORD_CHARACTERS)
    return broken


def _lock_screen() -> QWidget:
    lock = LockScreen()
    lock.set_reason("Carte retirée : session verrouillée")
    lock.set_readers([ReaderState(READERS[0]), ReaderState(READERS[1], "Carte Vitale")])
    lock.resize(1280, 800)
    return lock


def _lock_screen_reading() -> QWidget:
    lock = _lock_screen()
    lock.set_reason(None)
    lock.set_readers([ReaderState(READERS[0], f"Carte CPS — {HOLDER}"), ReaderState(READERS[1])])
    lock.show_reading(HOLDER)
    return lock


def _lock_screen_expired() -> QWidget:
    lock = _lock_screen()
    lock.set_reason(None)
    lock.set_readers([ReaderState(READERS[0], "Carte CPS — Dr Paul Martin"), ReaderState(READERS[1])])
    lock.show_expired_card("2024-11-30")
    return lock


def _pin_dialog() -> QWidget:
    dialog = PinDialog(HOLDER, "CPS", 3)
    dialog.show()  # then typed into, as a person would (typing first leaves the digits selected)
    QTest.keyClicks(dialog.findChild(QLineEdit), "12")
    return dialog


def _pin_dialog_last_try() -> QWidget:
    dialog = PinDialog(HOLDER, "CPS", 1)
    dialog.show_error(card_error_text(PinWrong(1)))
    return dialog


def _pin_pad() -> QWidget:
    return PinDialog(HOLDER, "CPS", 3, pin_pad=True)


def _card_blocked() -> QWidget:
    return BlockedCardDialog(HOLDER, "CPS", can_unblock=True)


def _password_dialog() -> QWidget:
    dialog = PasswordDialog(_sample_rules)
    dialog.require_new_password(first_login=True)
    dialog.show()
    fields = dialog.findChildren(QLineEdit)  # identifier, code, new password, again
    for field, text in zip(fields, ("751234567", "Q7RT2K", "cabinet2025", "cab"), strict=True):
        field.setFocus()
        QTest.keyClicks(field, text)
    return dialog


def _password_dialog_expiry() -> QWidget:
    dialog = PasswordDialog(_sample_rules)
    dialog.show()
    QTest.keyClicks(dialog.findChild(QLineEdit), "75012345B")
    dialog.set_expiry_warning(12)
    return dialog


SHOTS: dict[str, Callable[[], QWidget]] = {
    "lock-screen.png": _lock_screen,
    "lock-screen-reading.png": _lock_screen_reading,
    "lock-screen-expired-card.png": _lock_screen_expired,
    "pin-dialog.png": _pin_dialog,
    "pin-dialog-last-try.png": _pin_dialog_last_try,
    "pin-dialog-pin-pad.png": _pin_pad,
    "card-blocked.png": _card_blocked,
    "password-dialog.png": _password_dialog,
    "password-dialog-expiry.png": _password_dialog_expiry,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("names", nargs="*", help="only these files (default: all)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    install_translations(app, "fr")
    apply_style(app)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.names or SHOTS:
        widget = SHOTS[name]()
        widget.show()
        app.processEvents()
        widget.grab().save(str(args.out / name))
        widget.close()
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
