"""Dispatch and acceptance, including targeting and answering a relocation."""

from __future__ import annotations

from jingkang.common.domain.regions import city_of

from .. import commands as cmd
from .. import events as ev
from ..case import Case
from ..errors import InvalidCommand
from ..institutions import Institution, choose_by_residence
from ..lifecycle import check
from ..vocabulary import CaseState
from .context import Context

def dispatch(case: Case, c: cmd.Dispatch, ctx: Context,
             institutions: list[Institution]) -> list[ev.CaseEvent]:
    if case.state == CaseState.RELOCATING:
        return _target_relocation(case, c, ctx, institutions)
    check("dispatch", ctx.guard(case))
    if c.institution_id is not None:
        chosen = _named(c.institution_id, institutions)
        return [ev.CaseDispatched(case_id=case.case_id, institution_id=chosen.institution_id,
                                  institution_name=chosen.name, institution_region=chosen.region,
                                  chosen="named")]
    found = choose_by_residence(case.residence_region or "", institutions)
    if found is None:
        check("waitlist", ctx.guard(case))
        return [ev.CaseWaitlisted(case_id=case.case_id, reason=(
            "no operating, accepting institution with room in the residence county or city"))]
    chosen, scope = found
    return [ev.CaseDispatched(case_id=case.case_id, institution_id=chosen.institution_id,
                              institution_name=chosen.name, institution_region=chosen.region,
                              chosen=scope)]


def _named(institution_id: str, institutions: list[Institution]) -> Institution:
    found = next((i for i in institutions if i.institution_id == institution_id), None)
    if found is None:
        raise InvalidCommand(f"no institution {institution_id!r} in the directory",
                             field="institution_id", zh=f"机构名录中没有机构 {institution_id}")
    if not found.has_room:
        raise InvalidCommand(f"institution {institution_id!r} is not operating, not accepting "
                             "or full", field="institution_id",
                             zh=f"机构 {institution_id} 暂停服务、暂不接收转介或已无空余名额")
    return found


def receiver(institution_id: str, case: Case, to_region: str, field: str,
              institutions: list[Institution]) -> Institution:
    """A named receiving institution: with room, at the new residence, not the sender."""
    chosen = _named(institution_id, institutions)
    if chosen.institution_id == case.institution_id:
        raise InvalidCommand("the receiving institution is the sending one", field=field,
                             zh="接收机构不能是转出机构")
    if city_of(chosen.region) != city_of(to_region):
        raise InvalidCommand(f"the receiving institution is not at the new residence {to_region}",
                             field=field, zh=f"接收机构不在新居住地（{to_region}）所在市")
    return chosen


def _target_relocation(case: Case, c: cmd.Dispatch, ctx: Context,
                       institutions: list[Institution]) -> list[ev.CaseEvent]:
    check("target_relocation", ctx.guard(case))
    to_region = case.relocation.to_region if case.relocation else ""
    if c.institution_id is not None:
        chosen = receiver(c.institution_id, case, to_region, "institution_id", institutions)
    else:
        others = [i for i in institutions if i.institution_id != case.institution_id]
        found = choose_by_residence(to_region, others)
        if found is None:
            raise InvalidCommand("no institution with room at the new residence yet",
                                 field="institution_id", zh="新居住地暂无有空余名额的服务机构")
        chosen = found[0]
    return [ev.RelocationTargeted(case_id=case.case_id, target_institution_id=chosen.institution_id,
                                  institution_name=chosen.name, institution_region=chosen.region)]


def answer_dispatch(case: Case, c: cmd.Acceptance, ctx: Context) -> list[ev.CaseEvent]:
    if case.state == CaseState.RELOCATING:
        return _answer_relocation(case, c, ctx)
    if c.accepted:
        check("accept", ctx.guard(case))
        return [ev.CaseAccepted(case_id=case.case_id, institution_id=ctx.actor.org_id)]
    check("decline", ctx.guard(case))
    return [ev.CaseDeclined(case_id=case.case_id, institution_id=ctx.actor.org_id,
                            reason=c.reason or "")]


def _answer_relocation(case: Case, c: cmd.Acceptance, ctx: Context) -> list[ev.CaseEvent]:
    relocation = case.relocation
    assert relocation is not None  # RELOCATING always carries its push
    if c.accepted:
        check("accept_relocation", ctx.guard(case))
        return [ev.RelocationAccepted(case_id=case.case_id,
                                      from_institution_id=relocation.from_institution_id,
                                      institution_id=ctx.actor.org_id,
                                      new_residence_region=relocation.to_region)]
    check("decline_relocation", ctx.guard(case))
    return [ev.RelocationDeclined(case_id=case.case_id,
                                  from_institution_id=relocation.from_institution_id,
                                  institution_id=ctx.actor.org_id, reason=c.reason or "")]
