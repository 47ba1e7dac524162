"""What of this contract's URLs may reach a log: the same URL with its personal data masked.

Both sides log requests — the back office's access log (uvicorn), the client's ``httpx`` logger — and
both would print ``/v1/patients/<NIR>/situation`` or ``/v1/payments?patient=<name>``. Here, shared by
both: the path segment after ``patients/`` is masked, a query keeps only the values of parameters known
to carry no personal data (cursor, limit, dates, invoice and batch numbers, filters), and anything left
that looks like a NIR, in a URL or elsewhere in the message, is masked too.
"""

from __future__ import annotations

import logging
import re

__all__ = ["MASK", "RedactingFilter", "redact", "redact_http_client_logs"]

MASK = "***"

# parameters whose values are never personal data; any other value is masked
_KEPT_PARAMETERS = frozenset({"cursor", "limit", "date_from", "date_to", "invoice", "batch", "kind", "status",
                              "within", "months", "consent"})
_PATIENT_SEGMENT = re.compile(r"(/patients/)[^/?#\s\"]+", re.IGNORECASE)
_QUERY_VALUE = re.compile(r"([?&])([^=&#\s\"]*)=([^&#\s\"]*)")
# 13 or 15 characters (2A/2B for Corsica), possibly split by spaces or %20 as people type them
_SEPARATOR = r"(?:\s|%20|\+)?"
_NIR = re.compile(r"(?<![0-9A-Za-z])[1-478]" + _SEPARATOR + r"[0-9]{2}" + _SEPARATOR + r"[0-9]{2}" + _SEPARATOR
                  + r"(?:[0-9]{2}|2[AaBb])" + _SEPARATOR + r"[0-9]{3}" + _SEPARATOR + r"[0-9]{3}"
                  + r"(?:" + _SEPARATOR + r"[0-9]{2})?(?![0-9A-Za-z])")


def _query_value(match: re.Match[str]) -> str:
    separator, name, value = match.groups()
    return f"{separator}{name}={value if name in _KEPT_PARAMETERS else MASK}"


def redact(text: str) -> str:
    """``text`` with patients' path segments, personal query values and NIR-like numbers masked."""
    text = _PATIENT_SEGMENT.sub(r"\1" + MASK, text)
    text = _QUERY_VALUE.sub(_query_value, text)
    return _NIR.sub(MASK, text)


class RedactingFilter(logging.Filter):
    """Masks a record's message and arguments in place (the arguments keep their places, since uvicorn's
    access formatter unpacks them); never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(arg if isinstance(arg, (int, float)) else _redacted(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: arg if isinstance(arg, (int, float)) else _redacted(arg)
                           for key, arg in record.args.items()}
        return True


def _redacted(value: object) -> object:
    text = str(value)
    masked = redact(text)
    return value if masked == text else masked


_HTTP_CLIENT_LOGGERS = ("httpx",)  # httpx logs each request's URL at INFO; httpcore logs no URL


def redact_http_client_logs() -> None:
    """Mask what the HTTP client libraries log, wherever their records go (idempotent)."""
    for name in _HTTP_CLIENT_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
