"""The mutation script turns exactly one `raise` into `pass` and always restores the file."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "mutate_raises", Path(__file__).resolve().parent.parent / "tools" / "mutate_raises.py")
mutate_raises = importlib.util.module_from_spec(_SPEC)
sys.modules["mutate_raises"] = mutate_raises
_SPEC.loader.exec_module(mutate_raises)

SOURCE = '''def check(x):
    if x < 0:
        raise ValueError(
            "negative")
    if x > 9: raise ValueError("big")
    return x
'''


def test_each_raise_becomes_pass_alone() -> None:
    first, second = mutate_raises.raise_lines(SOURCE)
    once = mutate_raises.mutate(SOURCE, first)
    ast.parse(once)
    assert "negative" not in once and 'raise ValueError("big")' in once
    twice = mutate_raises.mutate(SOURCE, second)
    assert "if x > 9: pass\n" in twice and "negative" in twice


def test_the_file_is_restored_even_when_the_run_is_interrupted(tmp_path, monkeypatch) -> None:
    module = tmp_path / "rule.py"
    module.write_text(SOURCE, encoding="utf-8")

    def interrupted(_args: str) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(mutate_raises, "tests_pass", interrupted)
    monkeypatch.setattr(mutate_raises, "ROOT", tmp_path)
    try:
        mutate_raises.mutate_module(module, "")
    except KeyboardInterrupt:
        pass
    assert module.read_text(encoding="utf-8") == SOURCE


def test_survivors_are_reported_by_line(tmp_path, monkeypatch) -> None:
    module = tmp_path / "rule.py"
    module.write_text(SOURCE, encoding="utf-8")
    monkeypatch.setattr(mutate_raises, "tests_pass", lambda _args: True)
    report = mutate_raises.mutate_module(module, "")
    assert (report.mutants, report.killed, report.survivors) == (2, 0, [3, 5])
