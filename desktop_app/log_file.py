"""Cabinet's log file, for support (Diagnostics' "Export a diagnostic" puts it in the archive): the
records of every logger, from INFO, in ``<data dir>/logs/cabinet.log``, rotated at 1 MB with 3 old
copies, the folder and files readable by their owner only. NIRs and patients' URL segments are masked as
each record is written (:class:`sync.protocol.redact.RedactingFilter`); the archive masks again."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

__all__ = ["LOG_NAME", "close_log_file", "log_folder", "open_log_file"]

LOG_NAME = "cabinet.log"
_MAX_BYTES, _BACKUPS = 1024 * 1024, 3


def log_folder(data_dir: Path) -> Path:
    return data_dir / "logs"


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Each file it opens (the first and each after a rotation) is its owner's only."""

    def _open(self):
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream


def open_log_file(data_dir: Path) -> logging.Handler:
    """Start writing the log file (the root logger's records from INFO); :func:`close_log_file` ends it."""
    from sync.protocol.redact import RedactingFilter  # no Qt, no httpx: a regex module

    folder = log_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    handler = _PrivateRotatingHandler(folder / LOG_NAME, maxBytes=_MAX_BYTES, backupCount=_BACKUPS,
                                      encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    logging.getLogger().addHandler(handler)
    return handler


def close_log_file(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()
