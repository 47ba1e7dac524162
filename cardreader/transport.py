"""How the card layer reaches a card: a one-method ``Transport``, and its PC/SC implementation.

The profiles (``cps``, ``vitale``) only see :class:`Transport`, so they run the same over a real
reader, a private pcscd with virtual readers, or an emulator called in-process.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Transport"]


class Transport(Protocol):
    """Sends one raw command APDU and returns the response data and status word.

    No chaining here (``apdu.transceive`` does 61xx/6Cxx); errors are :mod:`cardreader.errors`
    (card removed, reader gone, service unavailable), never pyscard's own exceptions.
    """

    def transmit(self, apdu: bytes) -> tuple[bytes, int]: ...
