"""Writes the `.env` file `docker compose` reads: fresh random secrets for one site.

    python3 tools/generate_secrets.py            # writes .env beside docker-compose.yml
    python3 tools/generate_secrets.py --output path/to/file

It never overwrites an existing file: the master key in it is what opens every person's data
key, and losing it loses the personal data for good.  Back the file up with the databases
(docs/operations.md).  Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_secrets() -> dict[str, str]:
    return {
        "POSTGRES_PASSWORD": secrets.token_urlsafe(24),
        "JINGKANG_JWT_SECRET": secrets.token_urlsafe(48),
        "JINGKANG_PERSON_KEY_SECRET": secrets.token_urlsafe(48),
        "JINGKANG_MASTER_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "JINGKANG_LEDGER_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write fresh secrets for docker compose")
    parser.add_argument("--output", type=Path, default=ROOT / ".env",
                        help="the file to write (default: .env beside docker-compose.yml)")
    args = parser.parse_args(argv)
    if args.output.exists():
        print(f"{args.output} exists: it holds this site's keys and is left as it is",
              file=sys.stderr)
        return 1
    lines = "".join(f"{name}={value}\n" for name, value in fresh_secrets().items())
    descriptor = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write("# Written by tools/generate_secrets.py. Back this file up with the databases:\n"
                  "# without JINGKANG_MASTER_KEY the personal data cannot be read again.\n"
                  + lines)
    print(f"wrote {args.output} (mode 600)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
