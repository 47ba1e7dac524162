"""``cabinet-card``: read the cards in the readers, list the readers, emulate a card (CARDS.md).

``cabinet-card read --json [--reader NAME] [--pin-stdin | --pin-pad]`` prints one JSON object per
card present and exits 0 when every card was read, 1 otherwise, with the error in plain words on
standard error. ``--pin-pad`` has the PIN typed on the keypad of a PIN-pad reader instead of read
from standard input: it never passes through this computer.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import pinpad
from .atr import AtrInfo, CardFamily, classify
from .errors import CardError
from .reading import CardReading, PinEntry, read_card
from .transport import PcscTransport, reader_states

__all__ = ["main", "reading_to_json"]


def reading_to_json(reading: CardReading) -> dict[str, Any]:
    """The CARDS.md object of one card; ``error`` is added only when the read failed."""
    out: dict[str, Any] = {"reader": reading.reader, "kind": reading.kind, "atr": reading.atr.atr_hex}
    card = reading.professional
    if card is not None:
        holder = card.holder
        out.update(
            serial=card.serial,
            valid_from=card.valid_from,
            valid_until=card.valid_until,
            holder={
                "id_type": holder.id_type,
                "national_id": holder.national_id,
                "civility": holder.civility,
                "last_name": holder.last_name,
                "first_name": holder.first_name,
                "profession": holder.profession,
                "specialty": holder.specialty,
                "employer": holder.employer,
            },
            pin_tries_left=card.pin.tries_left,
            situations=[asdict(s) for s in reading.situations],
        )
    if reading.vitale is not None:
        out.update(
            serial=reading.vitale.serial,
            valid_from=reading.vitale.valid_from,
            beneficiaries=[asdict(b) for b in reading.vitale.beneficiaries],
        )
    if reading.error is not None:
        out["error"] = str(reading.error)
    return out


def _describe(reading: CardReading) -> str:
    if reading.professional is not None:
        h = reading.professional.holder
        lines = [f"{reading.reader}: {reading.kind} {h.civility} {h.first_name} {h.last_name}"]
        lines.append(f"  serial {reading.professional.serial}, valid {reading.professional.valid_from}"
                     f" to {reading.professional.valid_until}, PIN tries left"
                     f" {reading.professional.pin.tries_left}")
        lines += [f"  situation: {s.name} ({s.structure_id}), AM {s.am_number}" for s in reading.situations]
        return "\n".join(lines)
    if reading.vitale is not None:
        lines = [f"{reading.reader}: Vitale card {reading.vitale.serial}"]
        for b in reading.vitale.beneficiaries:
            key = "" if b.nir_key_valid else " (WRONG NIR KEY)"
            lines.append(f"  {b.first_name} {b.last_name}, born {b.birth_date}, NIR {b.nir}{key}")
        return "\n".join(lines)
    return f"{reading.reader}: {reading.kind} card, ATR {reading.atr.atr_hex}"


def _select_readers(states: list[tuple[str, bytes | None]], wanted: str | None) -> list[tuple[str, bytes]]:
    present = [(name, atr) for name, atr in states if atr]
    if wanted is None:
        return present
    names = [name for name, _ in states]
    if wanted not in names:
        matches = [name for name in names if wanted.lower() in name.lower()]
        if len(matches) != 1:
            raise SystemExit(f"cabinet-card: no single reader named {wanted!r}; readers: {names}")
        wanted = matches[0]
    return [(name, atr) for name, atr in present if name == wanted] or _no_card(wanted)


def _no_card(reader: str) -> list[tuple[str, bytes]]:
    print(f"cabinet-card: no card in {reader}", file=sys.stderr)
    return []


def _read(args: argparse.Namespace) -> int:
    pin: str | PinEntry | None = PinEntry.PIN_PAD if args.pin_pad else None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
        if not pin:
            print("cabinet-card: --pin-stdin given but no PIN on standard input", file=sys.stderr)
            return 2
    try:
        targets = _select_readers(reader_states(), args.reader)
    except CardError as error:
        print(f"cabinet-card: {error}", file=sys.stderr)
        return 1
    infos = [(name, classify(atr)) for name, atr in targets]
    if not infos and args.reader is None:
        print("cabinet-card: no card in any reader", file=sys.stderr)
    if pin is not None and sum(i.family.name == "PROFESSIONAL" for _, i in infos) > 1:
        print("cabinet-card: several professional cards are present: name one with --reader",
              file=sys.stderr)
        return 2
    status = 0
    for name, info in infos:
        reading = _read_one(name, info, pin)
        print(json.dumps(reading_to_json(reading), ensure_ascii=False) if args.json else _describe(reading))
        if reading.error is not None:
            print(f"cabinet-card: {name}: {reading.error}", file=sys.stderr)
            status = 1
        for b in reading.vitale.beneficiaries if reading.vitale else ():
            if not b.nir_key_valid:
                print(f"cabinet-card: {name}: the NIR key of {b.first_name} {b.last_name} is wrong",
                      file=sys.stderr)
    return status


def _read_one(reader: str, info: AtrInfo, pin: str | PinEntry | None) -> CardReading:
    try:
        with PcscTransport(reader) as transport:
            if pin is PinEntry.PIN_PAD and info.family is CardFamily.PROFESSIONAL and pinpad.available(transport):
                print(f"cabinet-card: type the PIN on the keypad of {reader}", file=sys.stderr, flush=True)
            return read_card(transport, reader, classify(transport.atr) if transport.atr else info, pin)
    except CardError as error:
        return CardReading(reader, info, error=error)


def _list(args: argparse.Namespace) -> int:
    try:
        states = reader_states()
    except CardError as error:
        print(f"cabinet-card: {error}", file=sys.stderr)
        return 1
    for name, atr in states:
        info = classify(atr) if atr else None
        if args.json:
            print(json.dumps({"reader": name, "card": info.family.value if info else None,
                              "atr": info.atr_hex if info else None}))
        else:
            print(f"{name}: " + (f"{info.family.value} ({info.generation or 'ATR ' + info.atr_hex})"
                                 if info else "empty"))
    if not states:
        print("cabinet-card: no reader", file=sys.stderr)
    return 0


def _emulate(args: argparse.Namespace) -> int:
    from .emulator.vpcd import run_emulator

    try:
        return run_emulator(args.card, args.port, args.host, Path(args.pki), threading.Event())
    except ValueError as error:
        print(f"cabinet-card: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cabinet-card", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log the APDU traffic")
    commands = parser.add_subparsers(dest="command", required=True)
    read = commands.add_parser("read", help="read every card present")
    read.add_argument("--json", action="store_true", help="one JSON object per card")
    read.add_argument("--reader", help="only this reader (exact name or a unique part of it)")
    pin = read.add_mutually_exclusive_group()
    pin.add_argument("--pin-stdin", action="store_true",
                     help="read the PIN from standard input to read the situations")
    pin.add_argument("--pin-pad", action="store_true",
                     help="have the PIN typed on the reader's keypad (a PIN-pad reader) to read the situations")
    read.set_defaults(run=_read)
    listing = commands.add_parser("list", help="readers and what is in them")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_list)
    emulate = commands.add_parser("emulate", help="serve an emulated card to a vpcd reader slot")
    emulate.add_argument("--port", type=int, default=35963, help="vpcd port of the slot")
    emulate.add_argument("--host", default="127.0.0.1")
    emulate.add_argument("--card", default="cps", help="cps, cpf, cpe, vitale, cps-blocked, "
                         "cps-expired, or json:PATH")
    emulate.add_argument("--pki", default=str(Path.home() / ".cache" / "cabinet" / "test-pki"),
                         help="directory of the generated test PKI")
    emulate.set_defaults(run=_emulate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
