"""``cabinet-backoffice`` / ``python -m sync.backoffice``: the back office's command line.

A plain ``pip install cabinet`` is the doctor's client alone; the server's packages come with the
``backoffice`` extra. Without them this says so, naming the extra, instead of a traceback.
"""

from __future__ import annotations

import importlib.util
import sys

__all__ = ["main"]

_SERVER_PACKAGES = ("fastapi", "uvicorn", "pypdf")


def main() -> int:
    missing = [name for name in _SERVER_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        print(f"cabinet-backoffice: the reference back office is not installed here ({', '.join(missing)} missing):"
              " install Cabinet with its 'backoffice' extra (cabinet[backoffice])", file=sys.stderr)
        return 2
    from .cli import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())
