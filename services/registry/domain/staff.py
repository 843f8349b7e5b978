"""Staff compliance figures of one staff report (Hebei/Fujian 12–13)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .vocabulary import MEDICAL_PROFESSIONS

QUALIFIED_SHARE_TARGET = 0.30  # 专业人员占比不低于 30%（冀/闽 12）
TRAINING_HOURS_TARGET = 20  # 直接服务人员每年不少于 20 小时培训（冀/渝 13）


@dataclass(frozen=True)
class StaffFigures:
    headcount: int
    qualified: int
    certified: int
    purchased_medical: int
    purchased_social_workers: int
    direct_service: int
    direct_service_under_training: int

    @property
    def qualified_share(self) -> float | None:
        return self.qualified / self.headcount if self.headcount else None

    def as_dict(self) -> dict[str, Any]:
        share = self.qualified_share
        return {
            "headcount": self.headcount, "qualified": self.qualified,
            "qualified_share": None if share is None else round(share, 4),
            "qualified_share_target": QUALIFIED_SHARE_TARGET,
            "qualified_share_met": None if share is None else share >= QUALIFIED_SHARE_TARGET,
            "certified": self.certified, "purchased_medical": self.purchased_medical,
            "purchased_social_workers": self.purchased_social_workers,
            "direct_service": self.direct_service,
            "direct_service_under_training_hours": self.direct_service_under_training,
            "training_hours_target": TRAINING_HOURS_TARGET,
        }


def staff_figures(lines: list[dict[str, Any]]) -> StaffFigures:
    def total(key: str, only: frozenset[str] | None = None) -> int:
        return sum(int(line[key]) for line in lines if only is None or line["profession"] in only)

    return StaffFigures(
        headcount=total("headcount"), qualified=total("qualified"),
        certified=total("certified"),
        purchased_medical=total("purchased", frozenset(MEDICAL_PROFESSIONS)),
        purchased_social_workers=total("purchased", frozenset({"social_worker"})),
        direct_service=total("direct_service"),
        direct_service_under_training=total("direct_service") - total("direct_service_trained"))
