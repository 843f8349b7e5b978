"""Replace one `raise` at a time by `pass` in domain modules and report which mutants survive.

A surviving mutant is a refusal that no test notices when it is gone: a rule without a guard.
The file is always restored (even on Ctrl-C); the script refuses to start on a dirty file.

    python tools/mutate_raises.py                                   # every services/*/domain module
    python tools/mutate_raises.py services/referral/domain/decide   # one module or package folder
    python tools/mutate_raises.py --tests "tests/referral -m 'not slow and not postgres'"
"""

from __future__ import annotations

import argparse
import ast
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The domain-level and fake-backed handler tests: fast enough to run once per mutant (the HTTP and database suites are not).
DEFAULT_TESTS = ("tests/referral/test_domain_decisions.py tests/referral/test_domain_lifecycle.py "
                 "tests/referral/test_domain_rules.py tests/referral/test_case_contract.py "
                 "tests/registry/test_domain.py tests/registry/test_handlers_fast.py "
                 "tests/referral/test_handlers_fast.py "
                 "-x -q -p no:cacheprovider")


@dataclass
class ModuleReport:
    path: Path
    mutants: int = 0
    survivors: list[int] = field(default_factory=list)

    @property
    def killed(self) -> int:
        return self.mutants - len(self.survivors)

    def line(self) -> str:
        where = f" survived at lines {', '.join(map(str, self.survivors))}" if self.survivors else ""
        return (f"{self.path.relative_to(ROOT)}: mutants {self.mutants}, killed {self.killed}, "
                f"survived {len(self.survivors)}{where}")


def raise_lines(source: str) -> list[ast.Raise]:
    """Every `raise` statement, in source order."""
    return sorted((n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Raise)),
                  key=lambda n: n.lineno)


def mutate(source: str, node: ast.Raise) -> str:
    """The source with this one `raise` statement (all its lines) replaced by `pass`."""
    lines = source.splitlines(keepends=True)
    first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
    head = lines[first][: node.col_offset]
    tail = lines[last][node.end_col_offset or len(lines[last]):]
    return "".join(lines[:first] + [head + "pass" + tail] + lines[last + 1:])


# A mutant that makes the tests hang (a retry loop that no longer gives up) is noticed: killed.
MUTANT_SECONDS = 300


def tests_pass(test_args: str) -> bool:
    command = [sys.executable, "-m", "pytest", *shlex.split(test_args)]
    try:
        return subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=MUTANT_SECONDS).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def mutate_module(path: Path, test_args: str) -> ModuleReport:
    original = path.read_text(encoding="utf-8")
    report = ModuleReport(path)
    try:
        for node in raise_lines(original):
            path.write_text(mutate(original, node), encoding="utf-8")
            report.mutants += 1
            if tests_pass(test_args):
                report.survivors.append(node.lineno)
    finally:
        path.write_text(original, encoding="utf-8")
    return report


def modules(targets: list[str]) -> list[Path]:
    if not targets:
        targets = [str(p) for p in sorted(ROOT.glob("services/*/domain"))]
    found: list[Path] = []
    for target in targets:
        path = (ROOT / target).resolve()
        if path.is_dir():
            found += sorted(path.rglob("*.py"))
        elif path.suffix == ".py":
            found.append(path)
        else:
            found.append(path.with_suffix(".py"))
    return [p for p in found if raise_lines(p.read_text(encoding="utf-8"))]


def refuse_dirty(paths: list[Path]) -> None:
    """Restoring writes back what was read; a file with uncommitted edits is still safe, but warn."""
    dirty = subprocess.run(["git", "status", "--porcelain", "--", *map(str, paths)], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    if dirty:
        print(f"note: uncommitted changes in\n{dirty}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module files or folders (default: every "
                        "services/*/domain)")
    parser.add_argument("--tests", default=DEFAULT_TESTS, help="pytest arguments, one string")
    args = parser.parse_args(argv)
    paths = modules(args.modules)
    refuse_dirty(paths)
    if not tests_pass(args.tests):
        print("the test selection fails before any mutation; fix it first", file=sys.stderr)
        return 2
    survived = 0
    for path in paths:
        report = mutate_module(path, args.tests)
        print(report.line(), flush=True)
        survived += len(report.survivors)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
