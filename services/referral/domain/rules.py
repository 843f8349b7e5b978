"""The configurable thresholds of DOMAIN.md (defaults there); settings build one ``Rules``."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Rules:
    reconfirm_after_months: int = 3  # re-review willingness after a wait this long (Hebei 6)
    review_working_days: int = 5  # application → registration
    dispatch_working_days: int = 5  # registration → referral to an institution
    reassessment_interval_months: int = 6  # post-referral assessment (design)
    follow_up_within_months: int = 3  # 回访 after closing (design)
    high_risk_level: int = 3  # this or more puts the case first in the queue


def add_months(moment: date | datetime, months: int):  # noqa: ANN201 - same type as given
    """Calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))
