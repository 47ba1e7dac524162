"""An emulated card reached in-process, without pcscd: the card's own Transport.

For pure tests of the profiles and for code that needs a card's signature with no reader (the back
office's tests sign challenges this way). Behaves as the vpcd bridge would: the raw APDU in, the
answer split into data and status word out.
"""

from __future__ import annotations

from .base import CardEmulator

__all__ = ["EmulatorTransport"]


class EmulatorTransport:
    def __init__(self, card: CardEmulator) -> None:
        self.card = card
        self.commands = 0

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.commands += 1
        answer = self.card.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")
