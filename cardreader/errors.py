"""Every failure the card layer reports, as one exception tree.

Callers catch at the level they need; the desktop app turns each leaf into one French sentence.
Names say whose fault it was: the card or reader went away, the person typed a wrong PIN, the card
answered something this code cannot use (``CardProtocolError``), or this code sent something the card
refused (``CommandRejected``).

    CardError
    ├── CardRemoved            the card was pulled (also in the middle of an exchange)
    ├── ReaderGone             the reader was unplugged or vanished from PC/SC
    ├── ServiceUnavailable     the PC/SC service (pcscd) is not running or not reachable
    ├── NoCard                 the reader holds no card
    ├── PinError
    │   ├── PinWrong           wrong PIN, ``tries_left`` tries remain
    │   ├── PinBlocked         three wrong PINs: only the PUK unblocks it
    │   ├── PinNeeded          the file or key needs the PIN first (SW 69 82)
    │   ├── InvalidPinFormat   not 4 digits (PUK: 8): never sent to the card (a PIN-pad reader's
    │   │                      64 03: the length typed on its keypad)
    │   ├── PinEntryCancelled  the Cancel key was pressed on the PIN-pad reader (64 01)
    │   └── PinEntryTimeout    the PIN was not typed on the PIN-pad reader in time (64 00)
    ├── FileMissing            file or application not found (SW 6A 82)
    ├── StatusWordError        any other status word; ``sw`` names it
    │   └── CommandRejected    the card refused the command's shape (67 00, 6A 86, 6D 00, 6E 00)
    └── CardProtocolError      the card answered nonsense (bad TLV, endless chaining, bad dates)
        └── MalformedData
"""

from __future__ import annotations

__all__ = [
    "CardError",
    "CardRemoved",
    "ReaderGone",
    "ServiceUnavailable",
    "NoCard",
    "PinError",
    "PinWrong",
    "PinBlocked",
    "PinNeeded",
    "InvalidPinFormat",
    "PinEntryCancelled",
    "PinEntryTimeout",
    "FileMissing",
    "StatusWordError",
    "CommandRejected",
    "CardProtocolError",
    "MalformedData",
]


class CardError(Exception):
    """Base of every error raised by :mod:`cardreader`."""


class CardRemoved(CardError):
    def __init__(self, reader: str = "") -> None:
        self.reader = reader
        super().__init__(f"card removed from {reader}" if reader else "card removed")


class ReaderGone(CardError):
    def __init__(self, reader: str = "") -> None:
        self.reader = reader
        super().__init__(f"reader {reader} is gone" if reader else "reader gone")


class ServiceUnavailable(CardError):
    """pcscd is not running, or stopped during the exchange."""


class NoCard(CardError):
    def __init__(self, reader: str) -> None:
        self.reader = reader
        super().__init__(f"no card in {reader}")


class PinError(CardError):
    pass


class PinWrong(PinError):
    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        super().__init__(f"wrong PIN, {tries_left} tries left")


class PinBlocked(PinError):
    def __init__(self) -> None:
        super().__init__("PIN blocked: the PUK is needed to unblock the card")


class PinNeeded(PinError):
    def __init__(self) -> None:
        super().__init__("the PIN must be verified first")


class InvalidPinFormat(PinError, ValueError):
    pass


class PinEntryCancelled(PinError):
    """The person pressed Cancel on the PIN-pad reader: nothing reached the card, no try was used."""

    def __init__(self) -> None:
        super().__init__("PIN entry cancelled on the reader")


class PinEntryTimeout(PinError):
    """The PIN-pad reader gave up waiting for the PIN: nothing reached the card."""

    def __init__(self) -> None:
        super().__init__("the PIN was not typed on the reader in time")


class FileMissing(CardError):
    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"not found on the card: {what}")


class StatusWordError(CardError):
    def __init__(self, sw: int, context: str = "") -> None:
        self.sw = sw
        self.context = context
        where = f" to {context}" if context else ""
        super().__init__(f"the card answered status word {sw:04X}{where}")


class CommandRejected(StatusWordError):
    """The card refused the command itself: a fault on this side."""


class CardProtocolError(CardError):
    """The card's answer makes no sense: a fault on the card's side."""


class MalformedData(CardProtocolError):
    """A file's content does not follow CARDS.md (bad TLV, text or date)."""
