"""A region's report for a period going up the administrative chain: drafted, submitted with
its figures frozen, returned (退回) with a reason and submitted again, or accepted and locked.

The township (Chongqing) or county (Hebei, Heilongjiang) fills the form in each quarter, its
head signs and stamps it, and it goes to the level above, which returns or accepts it; the
level above sums its own report half-yearly (policy documents: 重庆 附件 填表说明, 河北 (三),
黑龙江).  Only the region's own civil affairs submit its report; only a level above it returns
or accepts one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import contains

from . import commands as cmd
from .errors import InvalidField, InvalidStatusChange, OutOfScope
from .events import (
    RegistryEvent, ReportAccepted, ReportDrafted, ReportReturned, ReportSubmitted, ScanRef,
)
from .periods import Period

FORMS = ("progress",)  # 推进情况汇总表
# Who may submit for a region (its own civil affairs) and who reviews (a level above it).
SUBMITTERS = frozenset({"civil_affairs"})
REVIEWERS = frozenset({"civil_affairs"})
# Who reads submitted reports of their region without writing: 卫健 and 残联 are copied on
# every report (抄报), auditors and administrators read everything.
COPIED = frozenset({"health_commission", "disabled_federation"})
READERS = SUBMITTERS | COPIED | {"auditor", "admin"}


class ReportStatus(StrEnum):
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


# A report still waiting for its region to (re)submit it: late past its due date.
AWAITING_SUBMISSION = frozenset({ReportStatus.NOT_STARTED, ReportStatus.DRAFT,
                                 ReportStatus.RETURNED})


@dataclass(frozen=True)
class Submission:
    version: int
    source: str
    figures: dict[str, Any]
    filled_by: str
    phone: str
    responsible: str
    submitted_at: datetime
    scan: ScanRef | None
    returned: str | None = None  # the reason, once returned
    accepted_at: datetime | None = None


@dataclass(frozen=True)
class Report:
    region: str
    period: str
    form: str
    version: int = 0  # of the stream
    status: ReportStatus = ReportStatus.NOT_STARTED
    draft: dict[str, str] = field(default_factory=dict)
    submissions: tuple[Submission, ...] = ()

    @property
    def latest(self) -> Submission | None:
        return self.submissions[-1] if self.submissions else None


def report_stream(region: str, period: str, form: str) -> str:
    return f"report-{form}-{region}-{period}"


def evolve(report: Report, event: RegistryEvent) -> Report:
    """The report after ``event``; pure and total, so replaying history never fails."""
    report = replace(report, version=report.version + 1)
    if isinstance(event, ReportDrafted):
        draft = {"filled_by": event.filled_by, "phone": event.phone,
                 "responsible": event.responsible}
        status = report.status if report.submissions else ReportStatus.DRAFT
        return replace(report, draft=draft, status=status)
    if isinstance(event, ReportSubmitted):
        submission = Submission(event.version, event.source, event.figures, event.filled_by,
                                event.phone, event.responsible, event.submitted_at, event.scan)
        return replace(report, status=ReportStatus.SUBMITTED,
                       submissions=(*report.submissions, submission))
    if isinstance(event, ReportReturned | ReportAccepted) and report.submissions:
        last = report.submissions[-1]
        if isinstance(event, ReportReturned):
            last, status = replace(last, returned=event.reason), ReportStatus.RETURNED
        else:
            last, status = replace(last, accepted_at=event.accepted_at), ReportStatus.ACCEPTED
        return replace(report, status=status, submissions=(*report.submissions[:-1], last))
    return report


# --- decisions ----------------------------------------------------------------------------

def check_form(form: str) -> str:
    if form not in FORMS:
        raise InvalidField(f"unknown form {form!r}; one of {', '.join(FORMS)}", field="form")
    return form


def _own_region(report: Report, actor: Actor) -> None:
    if actor.role not in SUBMITTERS:
        raise OutOfScope(f"role {actor.role} does not fill in reports", field="role")
    if actor.region != report.region:
        raise OutOfScope(f"only the civil affairs of {report.region} submit its report "
                         f"(the caller's region is {actor.region})", field="region")


def _level_above(report: Report, actor: Actor) -> None:
    if actor.role not in REVIEWERS:
        raise OutOfScope(f"role {actor.role} does not review reports", field="role")
    if actor.region == report.region or not contains(actor.region, report.region):
        raise OutOfScope(f"only a level above {report.region} returns or accepts its report",
                         field="region")


def _begun(period: str, now: datetime) -> None:
    if Period.parse(period).start > now:
        raise InvalidField(f"period {period} has not begun", field="period")


def draft(report: Report, c: cmd.DraftReport, actor: Actor, now: datetime) -> list[RegistryEvent]:
    _own_region(report, actor)
    _begun(report.period, now)
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise InvalidStatusChange(f"the report is {report.status}: it is no draft",
                                  field="status")
    if report.draft == {"filled_by": c.filled_by, "phone": c.phone,
                        "responsible": c.responsible}:
        return []
    return [ReportDrafted(region=report.region, period=report.period, form=report.form,
                          filled_by=c.filled_by, phone=c.phone, responsible=c.responsible)]


def submit(report: Report, c: cmd.SubmitReport, actor: Actor, now: datetime,
           figures: dict[str, Any], scan: ScanRef | None) -> list[RegistryEvent]:
    """Freeze ``figures`` (worked out by the caller from ``c.source``) as the next version."""
    _own_region(report, actor)
    _begun(report.period, now)
    if report.status == ReportStatus.SUBMITTED:
        raise InvalidStatusChange("the report is submitted and waits for the level above; it "
                                  "can be submitted again once returned", field="status")
    if report.status == ReportStatus.ACCEPTED:
        raise InvalidStatusChange("the report is accepted and locked", field="status")
    version = len(report.submissions) + 1
    return [ReportSubmitted(region=report.region, period=report.period, form=report.form,
                            version=version, source=c.source, figures=figures,
                            filled_by=c.filled_by, phone=c.phone, responsible=c.responsible,
                            submitted_at=now, scan=scan)]


def _under_review(report: Report, version: int) -> None:
    if report.status != ReportStatus.SUBMITTED:
        raise InvalidStatusChange(f"the report is {report.status}, not submitted",
                                  field="status")
    if report.latest is None or version != report.latest.version:
        raise InvalidField(f"version {version} is not the one under review "
                           f"({report.latest.version if report.latest else 'none'})",
                           field="version")


def return_report(report: Report, c: cmd.ReturnReport, actor: Actor,
                  now: datetime) -> list[RegistryEvent]:
    _level_above(report, actor)
    _under_review(report, c.version)
    return [ReportReturned(region=report.region, period=report.period, form=report.form,
                           version=c.version, reason=c.reason, returned_at=now)]


def accept(report: Report, c: cmd.AcceptReport, actor: Actor,
           now: datetime) -> list[RegistryEvent]:
    _level_above(report, actor)
    _under_review(report, c.version)
    return [ReportAccepted(region=report.region, period=report.period, form=report.form,
                           version=c.version, accepted_at=now)]


def may_read(report_region: str, actor: Actor) -> bool:
    """Submitted reports of a region: its own and every level above read them."""
    if actor.role in ("auditor", "admin"):
        return True
    return actor.role in READERS and contains(actor.region, report_region)
