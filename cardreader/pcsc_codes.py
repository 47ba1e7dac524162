"""PC/SC result codes, grouped by what they mean for Cabinet; shared by the transport and the monitor.

pyscard hands the codes back as signed or unsigned integers depending on the platform: compare them
only through :func:`code`.
"""

from __future__ import annotations

from smartcard import scard


def code(hresult: int) -> int:
    """The unsigned 32-bit form of a PC/SC result."""
    return hresult & 0xFFFFFFFF


OK = code(scard.SCARD_S_SUCCESS)
TIMEOUT = code(scard.SCARD_E_TIMEOUT)
CANCELLED = code(scard.SCARD_E_CANCELLED)
NO_READERS = code(scard.SCARD_E_NO_READERS_AVAILABLE)
SHARING = code(scard.SCARD_E_SHARING_VIOLATION)

# SCardControl of a function the reader does not have: pcsc-lite's answer, and Windows' (its driver
# returns ERROR_INVALID_FUNCTION or ERROR_NOT_SUPPORTED for an unknown IOCTL)
UNSUPPORTED = frozenset({code(scard.SCARD_E_UNSUPPORTED_FEATURE), 0x1, 0x32})

SERVICE_GONE = frozenset(
    code(c)
    for c in (
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_F_COMM_ERROR,  # the daemon died during the call
        scard.SCARD_E_INVALID_HANDLE,  # a handle or context from a daemon that has since restarted
    )
)
READER_GONE = frozenset(code(c) for c in (scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_UNKNOWN_READER))
CARD_GONE = frozenset(
    code(c)
    for c in (
        scard.SCARD_W_REMOVED_CARD,
        scard.SCARD_E_NO_SMARTCARD,
        # the card was reset under us (pulled and put back, or reset by another program): what
        # the session knew (PIN verified, selection) is gone, as if it had been pulled
        scard.SCARD_W_RESET_CARD,
        scard.SCARD_W_UNPOWERED_CARD,
    )
)
CARD_MUTE = frozenset(
    code(c)
    for c in (
        scard.SCARD_W_UNRESPONSIVE_CARD,
        scard.SCARD_W_UNSUPPORTED_CARD,
        scard.SCARD_E_CARD_UNSUPPORTED,
        scard.SCARD_E_PROTO_MISMATCH,
    )
)
