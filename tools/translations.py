"""Bring the catalogues up to date with the code, and fill them from translators' tables.

``python tools/translations.py [--fr FILE.tsv ...] [--en FILE.tsv ...]`` runs ``pyside6-lupdate`` over
``desktop_app`` into both ``resources/translations/cabinet_{fr,en}.ts`` (finished translations kept,
strings gone from the code dropped), then fills every unfinished message found in a table: one line per
string, ``context<TAB>source<TAB>translation``; a plural (``%n``) gives its forms separated by ``|``,
singular first. Prints what is still unfinished, which ``tests/unit/test_translations.py`` refuses.

``LUPDATE=/path/to/pyside6-lupdate`` runs another lupdate than the environment's: PySide6 6.11's does
not see the count of ``QCoreApplication.translate(context, text, None, n)`` and would turn those plurals
into plain messages; 6.12's does (the application itself runs on 6.11: see pyproject.toml).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "resources" / "translations"


def read_table(paths: list[Path]) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> the translation's forms, from the tables in order (later lines win)."""
    table: dict[tuple[str, str], list[str]] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 3:
                raise SystemExit(f"{path}:{number}: expected context<TAB>source<TAB>translation")
            context, source, translation = (field.replace("\\n", "\n") for field in fields)  # "\n": a line break
            table[(context, source)] = [form.strip() for form in translation.split("|")]
    return table


def update(language: str, table: dict[tuple[str, str], list[str]]) -> list[tuple[str, str]]:
    """lupdate then fill ``cabinet_<language>.ts``; the (context, source) pairs still unfinished."""
    catalogue = CATALOGUES / f"cabinet_{language}.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop_app").rglob("*.py"))
    lupdate = os.environ.get("LUPDATE") or Path(sys.executable).with_name("pyside6-lupdate")
    only_plurals = ["-pluralonly"] if language == "en" else []  # English sources need only their plural forms
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *only_plurals, *sources,
                    "-ts", str(catalogue)], check=True, capture_output=True)
    tree = ET.parse(catalogue)
    unfinished = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") != "unfinished":
                continue
            forms = table.get((name, message.findtext("source")))
            if forms is None:
                unfinished.append((name, message.findtext("source")))
                continue
            del translation.attrib["type"]
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = forms[0]
    ET.indent(tree, space="    ")
    tree.write(catalogue, encoding="utf-8", xml_declaration=True)
    return unfinished


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fr", type=Path, nargs="*", default=[], help="tables of French translations")
    parser.add_argument("--en", type=Path, nargs="*", default=[], help="tables of English translations")
    args = parser.parse_args()
    missing = 0
    for language, tables in (("fr", args.fr), ("en", args.en)):
        for context, source in update(language, read_table(tables)):
            print(f"{language}: unfinished: {context}: {source!r}")
            missing += 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
