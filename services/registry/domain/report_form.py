"""The paper form's own lines around the figures: who fills it in and signs it, and the
filling note (填表说明) of the province's document, quoted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# 填表说明 as each province's document words it (重庆: the annex; 河北 (三) and 黑龙江: the
# paragraph on reporting, which their forms refer to).
FILLING_NOTES = {
    "50": ("开展工作的乡镇（街道）每季度末月 30 日前填报《重庆市“精康融合行动”推进情况汇总表》，"
           "由主要负责同志签字确认，加盖公章后报送区县民政部门，并抄报区县卫生健康部门和残联；"
           "各区县民政部门每半年（每年 6 月 25 日、12 月 25 日）汇总一次专项行动工作情况和"
           "《重庆市“精康融合行动”推进情况汇总表》，由主要负责同志签字确认并加盖公章，将其扫描件"
           "报传市民政局社会事务处。"),
    "13": ("开展“精康融合行动”的县（市、区）要在每季度末上报工作推进情况，经县（市、区）民政部门"
           "主要负责同志签字确认、加盖公章后报市级民政部门，并抄报市级卫生健康部门和残联组织。"
           "各市民政局每半年汇总一次工作情况，由主要负责同志签字确认并加盖公章后报省民政厅。"),
    "23": ("由县级民政部门牵头，会同同级卫生健康、残联等部门，每季度末汇总专项行动工作情况，填报"
           "推进情况汇总表，由县级民政部门主要负责同志签字确认，加盖公章后报送市级民政部门，并抄报"
           "市级卫生健康部门和残联部门。各市级民政部门每半年汇总一次报送省民政厅。"),
}
DEFAULT_NOTE = FILLING_NOTES["13"]
SIGN_OFF_LABELS = ("填报单位", "单位负责人签字（盖章）", "填表人", "联系电话", "填报日期")


@dataclass(frozen=True)
class SignOff:
    """The lines under the table: blank on a live summary, filled on a submitted version."""

    unit: str
    responsible: str = ""
    filled_by: str = ""
    phone: str = ""
    date: str = ""  # 填报日期, e.g. 2026年9月20日
    version: str = ""  # e.g. 第 2 版（已接收）

    def lines(self) -> list[tuple[str, str]]:
        return list(zip(SIGN_OFF_LABELS, (self.unit, self.responsible, self.filled_by,
                                          self.phone, self.date), strict=True))


def filling_note(region: str) -> str:
    return FILLING_NOTES.get(region[:2], DEFAULT_NOTE)


def chinese_date(day: date) -> str:
    """2026-09-20 as 2026年9月20日."""
    return f"{day.year}年{day.month}月{day.day}日"


def row_label(row: dict[str, Any]) -> str:
    """A row's 地区 cell: name and code; the level's own row and the unplaced one by name."""
    return f"{row['name']}（{row['region']}）" if row["region"] and not row.get("own_level") \
        else row["name"]


def figure_notes(summary: dict[str, Any]) -> list[str]:
    """What the reader must know about the figures, said under the table in every format:
    cells carried from an earlier period (沿用上期), a level's own count that disagrees with
    its parts, and new registrations no code placed in town or country."""
    notes = []
    for row in summary["rows"]:
        by_period: dict[str, list[str]] = {}
        for column, since in row.get("carried", {}).items():
            by_period.setdefault(since, []).append(column)
        for since, columns in sorted(by_period.items()):
            notes.append(f"沿用上期：{row_label(row)} 第{'、'.join(columns)}列为{since}填报数")
    for d in summary.get("discrepancies", []):
        place = f"{d['name']}（{d['region']}）" if d.get("name") else d["region"]
        notes.append(f"数据不一致：{place} 第{d['column']}列本级填报{d['entered']}，"
                     f"下级合计{d['sum_of_parts']}（合计取下级之和）")
    unplaced = summary.get("unplaced_new_registrations") or 0
    if unplaced:
        notes.append(f"另有{unplaced}名新增登记对象尚未分派到机构，无法按区划代码区分城乡，"
                     "未计入第10、11列")
    return notes
