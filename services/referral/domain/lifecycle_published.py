"""The lifecycle as it is published: the Mermaid diagram in the README and the machine as data
for ``GET /v1/state-machine``, both drawn from ``lifecycle.MOVES``."""

from __future__ import annotations

from .lifecycle import GUARDS, MOVES, S
from .vocabulary import CaseState


def mermaid() -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {S.REGISTERED.value} : medical_assessment",
             f"    [*] --> {S.PENDING_REVIEW.value} : application"]
    for m in MOVES:
        if S.NEW in m.sources or m.action == "consent":
            continue
        for source in m.sources:
            dest = (m.dest or source).value
            lines.append(f"    {source.value} --> {dest} : {m.action} ({m.trigger})")
    lines += [f"    {S.CLOSED.value} --> [*]", f"    {S.REJECTED.value} --> [*]",
              "    %% consent (give_consent, withdraw_consent): any open state, no state change"]
    return "\n".join(lines)


def describe() -> dict:
    """The machine as data, for ``GET /v1/state-machine``."""
    return {
        "states": [s.value for s in CaseState if s != S.NEW],
        "terminal_states": [S.CLOSED.value, S.REJECTED.value],
        "actions": [
            {"action": m.action, "trigger": m.trigger,
             "from": [s.value if s != S.NEW else None for s in m.sources],
             "to": m.dest.value if m.dest else None, "roles": [r.value for r in m.roles],
             "guards": [{"name": g, "refusal": GUARDS[g].error.code} for g in m.guards]}
            for m in MOVES
        ],
        "mermaid": mermaid(),
    }
