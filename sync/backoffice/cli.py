"""``cabinet-backoffice``: serve the reference back office, seed it, enrol or block a professional, give a
batch its ARL."""

from __future__ import annotations

import argparse
import copy
import math
import sys
import time
from pathlib import Path
from typing import Any

from .limits import DEFAULT_CONTENT_LIMIT, DEFAULT_JSON_LIMIT, BodyLimits

__all__ = ["main"]


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .config import BackofficeConfig

    if (args.tls_cert is None) != (args.tls_key is None):
        print("cabinet-backoffice: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    for flag in ("card_proof_interval", "password_idle_limit", "password_total_limit"):
        if not 0 < getattr(args, flag) < math.inf:
            print(f"cabinet-backoffice: --{flag.replace('_', '-')} takes a number of seconds above 0", file=sys.stderr)
            return 2
    if args.tls_cert is None and not args.host.startswith("127.") and args.host not in ("localhost", "::1"):
        print("cabinet-backoffice: plain HTTP is for loopback only: give --tls-cert and --tls-key",
              file=sys.stderr)
        return 2
    from .faults import load_faults

    try:
        faults = load_faults(args.faults) if args.faults else None
    except ValueError as error:
        print(f"cabinet-backoffice: {error}", file=sys.stderr)
        return 2
    smtp = None
    if args.smtp:
        host, _, port = args.smtp.rpartition(":")
        smtp = (host or "localhost", int(port or 25))
    from .engines import UnsupportedEngine

    try:
        app = create_app(BackofficeConfig(
            db_path=args.db, database_url=args.database_url, trust_anchors=args.trust_anchors, faults=faults,
            smtp=smtp, body_limits=BodyLimits(json=args.max_json_body, content=args.max_chunk_body),
            password_failure_memory=args.password_failure_memory, card_proof_interval=args.card_proof_interval,
            password_idle_limit=args.password_idle_limit, password_total_limit=args.password_total_limit,
            scan_memory_limit=args.scan_memory_mb * 1024 * 1024, scan_cpu_limit=args.scan_cpu_seconds,
            scan_time_limit=args.scan_wall_seconds, scan_checks_at_once=args.scan_checks_at_once,
            upload_expiry=args.upload_expiry_hours * 3600, unfinished_uploads=args.unfinished_uploads,
            unfinished_bytes=args.unfinished_mb * 1024 * 1024))
    except (UnsupportedEngine, ValueError) as error:
        print(f"cabinet-backoffice: {error}", file=sys.stderr)
        return 2
    uvicorn.run(app, host=args.host, port=args.port, ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key,
                log_level="info", log_config=_log_config())
    return 0


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, every handler masking NIRs, patients' paths and personal query values (the access
    log prints each request's path and query); the back office's own warnings go through the same."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact": {"()": "sync.protocol.redact.RedactingFilter"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config


def _seed(args: argparse.Namespace) -> int:
    from .seed import seed
    from .sqlite import open_database

    started = time.perf_counter()
    summary = seed(open_database(args.db), seed=args.seed, practices=args.practices,
                   patients=args.patients, months=args.months, doctors=args.doctors)
    print(f"{summary} in {time.perf_counter() - started:.1f} s")
    return 0


def _enrol(args: argparse.Namespace) -> int:
    from .accounts import enrol, enrol_accountant
    from .sqlite import open_database

    try:
        if args.accountant_finess:
            code = enrol_accountant(open_database(args.db), time.time, finess=args.accountant_finess,
                                    practice=args.practice, last_name=args.last_name,
                                    first_name=args.first_name, email=args.email)
        elif args.national_id:
            code = enrol(open_database(args.db), time.time, national_id=args.national_id,
                         last_name=args.last_name, first_name=args.first_name, am_number=args.am_number,
                         practice=args.practice, email=args.email, card_type=args.card_type)
        else:
            raise ValueError("give --national-id (a card holder) or --accountant-finess")
    except ValueError as error:
        print(f"cabinet-backoffice: {error}", file=sys.stderr)
        return 2
    print(f"Confidential first-login code for {args.first_name} {args.last_name}: {code}")
    return 0


def _block(args: argparse.Namespace) -> int:
    from .config import BackofficeConfig
    from .engines import open_storage

    if not args.db.is_file():
        print(f"cabinet-backoffice: no database at {args.db}", file=sys.stderr)
        return 2
    storage = open_storage(BackofficeConfig(db_path=args.db))
    account = storage.sign_in.account_by_national_id(args.national_id)
    if account is None:
        print(f"cabinet-backoffice: no account has the national id {args.national_id}", file=sys.stderr)
        return 2
    storage.sign_in.block_account(account["id"], time.time())
    print(f"Account {args.national_id} blocked; every session of it is ended (enrol it again to unblock)")
    return 0


def _arl(args: argparse.Namespace) -> int:
    from .sqlite import open_database
    from .sqlite.awaiting import SqliteAwaiting

    if not args.db.is_file():
        print(f"cabinet-backoffice: no database at {args.db}", file=sys.stderr)
        return 2
    db = open_database(args.db)
    found = db.connection.execute("SELECT id, name FROM practices WHERE CAST(id AS TEXT) = ? OR finess = ? OR name = ? "
                                  "ORDER BY id", (args.practice, args.practice, args.practice)).fetchall()
    if len(found) != 1:
        print(f"cabinet-backoffice: {'no' if not found else 'more than one'} practice is {args.practice!r} "
              f"(give its id, FINESS or name)", file=sys.stderr)
        return 2
    practice_id, name = found[0]
    if args.reason and args.state != "negative":
        print("cabinet-backoffice: --reason goes with a negative ARL only", file=sys.stderr)
        return 2
    if not SqliteAwaiting(db, time.time).set_batch_arl(practice_id, args.batch, args.state, args.reason):
        print(f"cabinet-backoffice: {name} has no batch {args.batch}", file=sys.stderr)
        return 2
    print(f"Batch {args.batch} of {name}: ARL {args.state}" + (f" ({args.reason})" if args.reason else ""))
    return 0


def _batch_number(text: str) -> str:
    if not (len(text) == 3 and text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError("a batch number is 3 digits, e.g. 042")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cabinet-backoffice", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the back office over HTTP(S)")
    serve.add_argument("--db", type=Path, required=True, help="SQLite file; documents and mail live beside it")
    serve.add_argument("--database-url", help="storage engine, sqlite:///PATH (default: the --db file)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--trust-anchors", type=Path, help="directory of CA certificates (PEM) for cards")
    serve.add_argument("--tls-cert", type=Path)
    serve.add_argument("--tls-key", type=Path)
    serve.add_argument("--smtp", metavar="HOST:PORT", help="send login notifications by SMTP")
    serve.add_argument("--faults", type=Path, help="fault injection file (TOML): maintenance, slow, failed")
    serve.add_argument("--max-json-body", type=int, default=DEFAULT_JSON_LIMIT, metavar="BYTES",
                       help="largest request body but a document chunk (413 beyond; default %(default)s)")
    serve.add_argument("--max-chunk-body", type=int, default=DEFAULT_CONTENT_LIMIT, metavar="BYTES",
                       help="largest document chunk, PUT …/content (413 beyond; default %(default)s)")
    serve.add_argument("--card-proof-interval", type=float, default=600.0, metavar="SECONDS",
                       help="a card session must prove the card is still there this often, else it ends "
                            "(default: 600; a few seconds lets a test see several renewals)")
    serve.add_argument("--password-idle-limit", type=float, default=3600.0, metavar="SECONDS",
                       help="a password session ends after this long without a request (default: an hour)")
    serve.add_argument("--password-total-limit", type=float, default=4 * 3600.0, metavar="SECONDS",
                       help="a password session ends this long after sign-in, however active (default: 4 hours; "
                            "a few seconds lets a test see the end)")
    serve.add_argument("--password-failure-memory", type=float, default=86400.0, metavar="SECONDS",
                       help="wrong passwords in a row are forgotten this long after the last (default: a day)")
    scor = serve.add_argument_group("SCOR reception", "bounds on received scans and unfinished uploads")
    scor.add_argument("--scan-memory-mb", type=int, default=256, help="memory of one scan check (default: 256)")
    scor.add_argument("--scan-cpu-seconds", type=int, default=10, help="CPU time of one scan check (default: 10)")
    scor.add_argument("--scan-wall-seconds", type=float, default=30.0,
                      help="wall-clock time of one scan check (default: 30)")
    scor.add_argument("--scan-checks-at-once", type=int, default=2, help="scan checks running together (default: 2)")
    scor.add_argument("--upload-expiry-hours", type=float, default=48.0,
                      help="an unfinished upload idle this long is purged (default: 48)")
    scor.add_argument("--unfinished-uploads", type=int, default=100,
                      help="unfinished uploads a practice may hold (default: 100)")
    scor.add_argument("--unfinished-mb", type=int, default=512,
                      help="declared megabytes of a practice's unfinished uploads (default: 512)")
    serve.set_defaults(run=_serve)
    seed = commands.add_parser("seed", help="generate a deterministic practice")
    seed.add_argument("--db", type=Path, required=True)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument("--practices", type=int, default=1)
    seed.add_argument("--patients", type=int, default=300)
    seed.add_argument("--months", type=int, default=27)
    seed.add_argument("--doctors", type=int, metavar="N",
                      help="GPs per practice, sharing its patients (default: 1 to 3, drawn)")
    seed.set_defaults(run=_seed)
    enrol = commands.add_parser("enrol", help="register a professional; prints the first-login code")
    enrol.add_argument("--db", type=Path, required=True)
    enrol.add_argument("--national-id", help="type digit + number, as on the card")
    enrol.add_argument("--accountant-finess", metavar="FINESS",
                       help="enrol the practice's accountant instead (password, payments only)")
    enrol.add_argument("--last-name", required=True)
    enrol.add_argument("--first-name", required=True)
    enrol.add_argument("--am-number", help="numéro AM, 9 digits")
    enrol.add_argument("--card-type", choices=("CPS", "CPF", "CPE"),
                       help="default: CPS for an RPPS or ADELI identifier, CPE for staff")
    enrol.add_argument("--practice", default="Cabinet médical")
    enrol.add_argument("--email")
    enrol.set_defaults(run=_enrol)
    block = commands.add_parser("block", help="block an account and end its sessions")
    block.add_argument("--db", type=Path, required=True)
    block.add_argument("--national-id", required=True, help="type digit + number, as on the card")
    block.set_defaults(run=_block)
    arl = commands.add_parser("arl", help="give a batch its logical acknowledgement (ARL); its degraded "
                                          "invoices' documents wait for a positive one")
    arl.add_argument("--db", type=Path, required=True)
    arl.add_argument("--practice", required=True, help="the practice's id, FINESS or name")
    arl.add_argument("--batch", type=_batch_number, required=True, help="numéro de lot, 3 digits")
    arl.add_argument("state", choices=("positive", "negative", "pending"))
    arl.add_argument("--reason", help="why the fund refused the batch, in French (negative only)")
    arl.set_defaults(run=_arl)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
