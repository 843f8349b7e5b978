""" Contains all the data models used in inputs/outputs """

from .acceptance import Acceptance
from .access_entry_out import AccessEntryOut
from .access_log_out import AccessLogOut
from .agreement import Agreement
from .assessment_kind import AssessmentKind
from .by_residence import ByResidence
from .by_residence_scope import ByResidenceScope
from .case_event_out import CaseEventOut
from .case_event_out_data import CaseEventOutData
from .case_event_out_metadata import CaseEventOutMetadata
from .case_events_out import CaseEventsOut
from .case_list_out import CaseListOut
from .case_out import CaseOut
from .case_out_deadlines import CaseOutDeadlines
from .case_out_services_by_type import CaseOutServicesByType
from .channel import Channel
from .checkpoint_out import CheckpointOut
from .consent import Consent
from .consent_change import ConsentChange
from .consent_giver import ConsentGiver
from .consent_out import ConsentOut
from .consent_purpose import ConsentPurpose
from .consistency_proof_out import ConsistencyProofOut
from .deadline_out import DeadlineOut
from .decline_out import DeclineOut
from .dispatch import Dispatch
from .employment_status import EmploymentStatus
from .erasure import Erasure
from .erasure_out import ErasureOut
from .evaluation import Evaluation
from .exit_ import Exit
from .exit_destination import ExitDestination
from .feed_event_out import FeedEventOut
from .feed_event_out_data import FeedEventOutData
from .feed_event_out_metadata import FeedEventOutMetadata
from .feed_head_out import FeedHeadOut
from .feed_page_out import FeedPageOut
from .follow_up import FollowUp
from .guardian import Guardian
from .healthz_response_healthz import HealthzResponseHealthz
from .hospital_return import HospitalReturn
from .inclusion_proof_out import InclusionProofOut
from .institution_ref import InstitutionRef
from .integrity_out import IntegrityOut
from .leaf_out import LeafOut
from .ledger_key_out import LedgerKeyOut
from .list_cases_due_type_0 import ListCasesDueType0
from .list_cases_sort_type_0 import ListCasesSortType0
from .person import Person
from .person_out import PersonOut
from .person_out_guardian_type_0 import PersonOutGuardianType0
from .placement_option import PlacementOption
from .placement_option_scope import PlacementOptionScope
from .placement_out import PlacementOut
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .profession import Profession
from .reassessment import Reassessment
from .reassessment_out import ReassessmentOut
from .reconfirm import Reconfirm
from .relapse import Relapse
from .relocation import Relocation
from .relocation_out import RelocationOut
from .reporter_kind import ReporterKind
from .review import Review
from .service_form import ServiceForm
from .service_method import ServiceMethod
from .service_record import ServiceRecord
from .service_type import ServiceType
from .state_machine_out import StateMachineOut
from .state_machine_out_actions_item import StateMachineOutActionsItem
from .submit_application import SubmitApplication
from .team_member import TeamMember
from .upload_medical_assessment import UploadMedicalAssessment
from .withdrawal import Withdrawal
from .withdrawal_reason import WithdrawalReason

__all__ = (
    "Acceptance",
    "AccessEntryOut",
    "AccessLogOut",
    "Agreement",
    "AssessmentKind",
    "ByResidence",
    "ByResidenceScope",
    "CaseEventOut",
    "CaseEventOutData",
    "CaseEventOutMetadata",
    "CaseEventsOut",
    "CaseListOut",
    "CaseOut",
    "CaseOutDeadlines",
    "CaseOutServicesByType",
    "Channel",
    "CheckpointOut",
    "Consent",
    "ConsentChange",
    "ConsentGiver",
    "ConsentOut",
    "ConsentPurpose",
    "ConsistencyProofOut",
    "DeadlineOut",
    "DeclineOut",
    "Dispatch",
    "EmploymentStatus",
    "Erasure",
    "ErasureOut",
    "Evaluation",
    "Exit",
    "ExitDestination",
    "FeedEventOut",
    "FeedEventOutData",
    "FeedEventOutMetadata",
    "FeedHeadOut",
    "FeedPageOut",
    "FollowUp",
    "Guardian",
    "HealthzResponseHealthz",
    "HospitalReturn",
    "InclusionProofOut",
    "InstitutionRef",
    "IntegrityOut",
    "LeafOut",
    "LedgerKeyOut",
    "ListCasesDueType0",
    "ListCasesSortType0",
    "Person",
    "PersonOut",
    "PersonOutGuardianType0",
    "PlacementOption",
    "PlacementOptionScope",
    "PlacementOut",
    "Problem",
    "ProblemErrorsItem",
    "Profession",
    "Reassessment",
    "ReassessmentOut",
    "Reconfirm",
    "Relapse",
    "Relocation",
    "RelocationOut",
    "ReporterKind",
    "Review",
    "ServiceForm",
    "ServiceMethod",
    "ServiceRecord",
    "ServiceType",
    "StateMachineOut",
    "StateMachineOutActionsItem",
    "SubmitApplication",
    "TeamMember",
    "UploadMedicalAssessment",
    "Withdrawal",
    "WithdrawalReason",
)
