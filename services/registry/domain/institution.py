"""An institution: its state as the fold of its events, and the decisions on its commands."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import RegionTable, contains

from . import commands as cmd
from .errors import InvalidField, InvalidStatusChange, OutOfScope
from .events import (
    InstitutionChanged,
    InstitutionRegistered,
    InstitutionStatusChanged,
    RegistryEvent,
    StaffReported,
)
from .periods import Period
from .vocabulary import STATUS_MOVES, Status

# Who may act on institutions anywhere; civil affairs only inside their region.
NATIONWIDE_ROLES = frozenset({"admin"})
# Who reads every region's statistics and archives.
READ_ALL = NATIONWIDE_ROLES | {"auditor"}


@dataclass(frozen=True)
class Context:
    actor: Actor
    now: datetime
    today: date
    regions: RegionTable


@dataclass(frozen=True)
class Institution:
    institution_id: str
    version: int = 0
    profile: dict[str, Any] = field(default_factory=dict)
    status: Status | None = None
    staff_reports: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return self.version > 0

    @property
    def region(self) -> str:
        return self.profile.get("region", "")


def evolve(state: Institution, event: RegistryEvent) -> Institution:
    """The state after ``event``; pure and total, so replaying history never fails."""
    state = replace(state, version=state.version + 1)
    if isinstance(event, InstitutionRegistered):
        profile = event.model_dump(mode="json", exclude={"status"})
        return replace(state, profile=profile, status=event.status)
    if isinstance(event, InstitutionChanged):
        return replace(state, profile={**state.profile, **event.changes})
    if isinstance(event, InstitutionStatusChanged):
        return replace(state, status=event.status)
    if isinstance(event, StaffReported):
        lines = [line.model_dump(mode="json") for line in event.lines]
        return replace(state, staff_reports={**state.staff_reports, event.period: lines})
    return state


# --- decisions ----------------------------------------------------------------------------


def require_region_scope(actor: Actor, region: str, field_name: str = "region") -> None:
    if actor.role in NATIONWIDE_ROLES or contains(actor.region, region):
        return
    raise OutOfScope(f"region {region} is outside the caller's jurisdiction {actor.region}",
                     field=field_name)


def require_manager(institution: Institution, actor: Actor, *, itself: bool = False) -> None:
    """Civil affairs of its region, an admin, or (where ``itself``) the institution itself."""
    if itself and actor.role == "institution" and actor.org_id == institution.institution_id:
        return
    if actor.role == "institution":
        raise OutOfScope("an institution may only act on itself", field="institution_id")
    require_region_scope(actor, institution.region)


def _check_region(c: cmd.RegisterInstitution | cmd.ChangeInstitution, region: str,
                  ctx: Context) -> None:
    if isinstance(c, cmd.RegisterInstitution) and ctx.regions.county(region, ctx.today.year) is None:
        raise InvalidField(f"{region} is not a county-level division code valid in "
                           f"{ctx.today.year} (GB/T 2260)", field="region")
    if c.township_code is not None and not c.township_code.startswith(region):
        raise InvalidField(f"township {c.township_code} is not in county {region}",
                           field="township_code")


def register(institution_id: str, c: cmd.RegisterInstitution, ctx: Context) -> list[RegistryEvent]:
    _check_region(c, c.region, ctx)
    require_region_scope(ctx.actor, c.region)
    if c.opened_on is not None and c.opened_on > ctx.today:
        raise InvalidField("the opening date is in the future", field="opened_on")
    data = c.model_dump(exclude={"institution_id"})
    return [InstitutionRegistered(institution_id=institution_id, status=Status.OPERATING,
                                  registered_at=ctx.now, **data)]


def change(institution: Institution, c: cmd.ChangeInstitution, ctx: Context) -> list[RegistryEvent]:
    require_manager(institution, ctx.actor, itself=True)
    _check_region(c, institution.region, ctx)
    requested = c.model_dump(mode="json", include=c.model_fields_set)
    changes = {k: v for k, v in requested.items() if institution.profile.get(k) != v}
    if not changes:
        return []
    return [InstitutionChanged(institution_id=institution.institution_id, changes=changes)]


def change_status(institution: Institution, c: cmd.ChangeStatus,
                  ctx: Context) -> list[RegistryEvent]:
    require_manager(institution, ctx.actor)
    sources, target = STATUS_MOVES[c.action]
    if institution.status not in sources:
        allowed = [a.value for a, (s, _) in STATUS_MOVES.items() if institution.status in s]
        raise InvalidStatusChange(
            f"cannot {c.action.value} an institution that is {institution.status}",
            field="action", state=str(institution.status), allowed_actions=allowed)
    return [InstitutionStatusChanged(institution_id=institution.institution_id,
                                     action=c.action, status=target, reason=c.reason)]


def report_staff(institution: Institution, c: cmd.ReportStaff, ctx: Context) -> list[RegistryEvent]:
    require_manager(institution, ctx.actor, itself=True)
    period = Period.parse(c.period)
    if period.start > ctx.now:
        raise InvalidField(f"period {period} has not begun", field="period")
    if institution.status == Status.CLOSED:
        raise InvalidStatusChange("the institution is closed", field="institution_id",
                                  state=Status.CLOSED.value, allowed_actions=[])
    return [StaffReported(institution_id=institution.institution_id, period=str(period),
                          lines=list(c.lines))]
