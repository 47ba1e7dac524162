"""How the benchmarks keep their figures: one JSON file per suite under ``.bench/``, and a printed line."""

from __future__ import annotations

import json
from pathlib import Path


def record(results: Path, name: str, figures: dict) -> None:
    """Put ``figures`` under ``name`` in ``results`` (keeping the other entries) and print them."""
    results.parent.mkdir(exist_ok=True)
    data = json.loads(results.read_text()) if results.exists() else {}
    data[name] = figures
    results.write_text(json.dumps(data, indent=2))
    print(f"\n{name}: {json.dumps(figures)}")
