"""Vocabulary both services speak: services given, exits, professions (DOMAIN.md)."""

from __future__ import annotations

from enum import StrEnum


class ExitDestination(StrEnum):
    EMPLOYMENT = "employment"  # 推荐就业
    SHELTERED_EMPLOYMENT = "sheltered_employment"  # 公益性庇护性就业
    OTHER_REHAB_SERVICE = "other_rehab_service"  # 申请其他类型社区康复服务
    HOME = "home"  # 返回社区居住


class EmploymentStatus(StrEnum):
    """就业状况 at an assessment (the documents' second-year goal: rising employment)."""

    EMPLOYED = "employed"  # 就业（含灵活就业）
    SUPPORTED_EMPLOYMENT = "supported_employment"  # 辅助性就业
    SHELTERED_EMPLOYMENT = "sheltered_employment"  # 公益性庇护性就业
    NOT_EMPLOYED = "not_employed"  # 未就业
    NOT_APPLICABLE = "not_applicable"  # 不适用（在校、退休、无劳动能力年龄）


EMPLOYED_STATUSES = frozenset({EmploymentStatus.EMPLOYED, EmploymentStatus.SUPPORTED_EMPLOYMENT,
                               EmploymentStatus.SHELTERED_EMPLOYMENT})
EMPLOYED_AT_EXIT = frozenset({ExitDestination.EMPLOYMENT, ExitDestination.SHELTERED_EMPLOYMENT})


class Profession(StrEnum):
    PSYCHIATRIST = "psychiatrist"  # 精神科医生
    NURSE = "nurse"  # 护士
    REHABILITATION_THERAPIST = "rehabilitation_therapist"  # 康复师
    SOCIAL_WORKER = "social_worker"  # 社会工作者
    PSYCHOLOGIST = "psychologist"  # 心理治疗/咨询 (Heilongjiang 四)
    OTHER = "other"


class ServiceType(StrEnum):
    MEDICATION_TRAINING = "medication_training"  # 服药训练
    LIFE_SKILLS = "life_skills"  # 生活技能训练
    SOCIAL_SKILLS = "social_skills"  # 社交技能训练
    VOCATIONAL = "vocational"  # 职业能力训练
    HOME_GUIDANCE = "home_guidance"  # 居家康复指导
    PSYCHOLOGICAL = "psychological"  # 心理康复 / 心理治疗
    PEER_SUPPORT = "peer_support"  # 同伴支持
    FAMILY_SUPPORT = "family_support"  # 家庭支持
    RECREATION = "recreation"  # 文体娱乐活动 (Heilongjiang 四)
    CAREGIVER_TRAINING = "caregiver_training"  # 家庭照护者照护技能培训 (Zhengzhou 三(五))


class ServiceForm(StrEnum):
    DAY_TRAINING = "day_training"  # 日间训练和职业康复
    TRANSITIONAL_HOUSING = "transitional_housing"  # 过渡性住宿
    HOME_SUPPORT = "home_support"  # 居家支持和家庭支援
    PEER_SUPPORT = "peer_support"  # 同伴支持
    FAMILY_EXPERT_EXCHANGE = "family_expert_exchange"  # 患者家属与专家交流


class ServiceMethod(StrEnum):
    CASE_MANAGEMENT = "case_management"  # 个案管理
    GROUP_WORK = "group_work"  # 小组工作
