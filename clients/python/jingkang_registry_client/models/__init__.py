""" Contains all the data models used in inputs/outputs """

from .accept_report import AcceptReport
from .access_entry_out import AccessEntryOut
from .access_log_out import AccessLogOut
from .area import Area
from .baseline_out import BaselineOut
from .baseline_out_purchased_teams_item import BaselineOutPurchasedTeamsItem
from .change_institution import ChangeInstitution
from .change_status import ChangeStatus
from .checkpoint_out import CheckpointOut
from .consistency_proof_out import ConsistencyProofOut
from .contact import Contact
from .coverage_out import CoverageOut
from .coverage_out_county_coverage import CoverageOutCountyCoverage
from .coverage_out_deadlines import CoverageOutDeadlines
from .coverage_out_standardized_service import CoverageOutStandardizedService
from .discrepancy_out import DiscrepancyOut
from .draft_report import DraftReport
from .feed_event_out import FeedEventOut
from .feed_event_out_data import FeedEventOutData
from .feed_event_out_metadata import FeedEventOutMetadata
from .feed_head_out import FeedHeadOut
from .feed_page_out import FeedPageOut
from .healthz_response_healthz import HealthzResponseHealthz
from .import_out import ImportOut
from .import_warning import ImportWarning_
from .inclusion_proof_out import InclusionProofOut
from .institution_archive_out import InstitutionArchiveOut
from .institution_archive_out_closings import InstitutionArchiveOutClosings
from .institution_archive_out_institution import InstitutionArchiveOutInstitution
from .institution_archive_out_services_by_type import InstitutionArchiveOutServicesByType
from .institution_archive_out_staff_compliance_type_0 import InstitutionArchiveOutStaffComplianceType0
from .institution_archive_out_staff_reports_item import InstitutionArchiveOutStaffReportsItem
from .institution_event_out import InstitutionEventOut
from .institution_event_out_data import InstitutionEventOutData
from .institution_event_out_metadata import InstitutionEventOutMetadata
from .institution_events_out import InstitutionEventsOut
from .institution_list_out import InstitutionListOut
from .institution_list_out_items_item import InstitutionListOutItemsItem
from .institution_out import InstitutionOut
from .institution_out_contact_type_0 import InstitutionOutContactType0
from .institution_out_prices_item import InstitutionOutPricesItem
from .kind import Kind
from .leaf_out import LeafOut
from .ledger_key_out import LedgerKeyOut
from .level import Level
from .outcomes_out import OutcomesOut
from .outcomes_out_employment_at_exit import OutcomesOutEmploymentAtExit
from .outcomes_out_employment_status import OutcomesOutEmploymentStatus
from .outcomes_out_rehospitalisation import OutcomesOutRehospitalisation
from .outcomes_out_relapse import OutcomesOutRelapse
from .outcomes_out_self_care import OutcomesOutSelfCare
from .outcomes_out_social_functioning import OutcomesOutSocialFunctioning
from .patient_archive_out import PatientArchiveOut
from .patient_archive_out_cases_item import PatientArchiveOutCasesItem
from .patient_list_out import PatientListOut
from .patient_out import PatientOut
from .price import Price
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .profession import Profession
from .progress_out import ProgressOut
from .progress_out_columns_item import ProgressOutColumnsItem
from .progress_row_out import ProgressRowOut
from .progress_row_out_carried import ProgressRowOutCarried
from .progress_row_out_values import ProgressRowOutValues
from .progress_summary_format import ProgressSummaryFormat
from .record_baseline import RecordBaseline
from .register_institution import RegisterInstitution
from .report_comparison_out import ReportComparisonOut
from .report_comparison_out_accepted import ReportComparisonOutAccepted
from .report_comparison_out_differences_item import ReportComparisonOutDifferencesItem
from .report_comparison_out_live import ReportComparisonOutLive
from .report_figures_out import ReportFiguresOut
from .report_figures_out_figures import ReportFiguresOutFigures
from .report_figures_out_scan_type_0 import ReportFiguresOutScanType0
from .report_out import ReportOut
from .report_out_children_item import ReportOutChildrenItem
from .report_out_draft_type_0 import ReportOutDraftType0
from .report_staff import ReportStaff
from .report_status_out import ReportStatusOut
from .report_version_format import ReportVersionFormat
from .report_version_out import ReportVersionOut
from .report_version_out_scan_type_0 import ReportVersionOutScanType0
from .reports_due_out import ReportsDueOut
from .reports_due_out_children_item import ReportsDueOutChildrenItem
from .return_report import ReturnReport
from .scan_out import ScanOut
from .service_form import ServiceForm
from .service_type import ServiceType
from .staff_figures_out import StaffFiguresOut
from .staff_line import StaffLine
from .status import Status
from .status_action import StatusAction
from .submit_report import SubmitReport
from .submit_report_source import SubmitReportSource
from .team import Team

__all__ = (
    "AcceptReport",
    "AccessEntryOut",
    "AccessLogOut",
    "Area",
    "BaselineOut",
    "BaselineOutPurchasedTeamsItem",
    "ChangeInstitution",
    "ChangeStatus",
    "CheckpointOut",
    "ConsistencyProofOut",
    "Contact",
    "CoverageOut",
    "CoverageOutCountyCoverage",
    "CoverageOutDeadlines",
    "CoverageOutStandardizedService",
    "DiscrepancyOut",
    "DraftReport",
    "FeedEventOut",
    "FeedEventOutData",
    "FeedEventOutMetadata",
    "FeedHeadOut",
    "FeedPageOut",
    "HealthzResponseHealthz",
    "ImportOut",
    "ImportWarning_",
    "InclusionProofOut",
    "InstitutionArchiveOut",
    "InstitutionArchiveOutClosings",
    "InstitutionArchiveOutInstitution",
    "InstitutionArchiveOutServicesByType",
    "InstitutionArchiveOutStaffComplianceType0",
    "InstitutionArchiveOutStaffReportsItem",
    "InstitutionEventOut",
    "InstitutionEventOutData",
    "InstitutionEventOutMetadata",
    "InstitutionEventsOut",
    "InstitutionListOut",
    "InstitutionListOutItemsItem",
    "InstitutionOut",
    "InstitutionOutContactType0",
    "InstitutionOutPricesItem",
    "Kind",
    "LeafOut",
    "LedgerKeyOut",
    "Level",
    "OutcomesOut",
    "OutcomesOutEmploymentAtExit",
    "OutcomesOutEmploymentStatus",
    "OutcomesOutRehospitalisation",
    "OutcomesOutRelapse",
    "OutcomesOutSelfCare",
    "OutcomesOutSocialFunctioning",
    "PatientArchiveOut",
    "PatientArchiveOutCasesItem",
    "PatientListOut",
    "PatientOut",
    "Price",
    "Problem",
    "ProblemErrorsItem",
    "Profession",
    "ProgressOut",
    "ProgressOutColumnsItem",
    "ProgressRowOut",
    "ProgressRowOutCarried",
    "ProgressRowOutValues",
    "ProgressSummaryFormat",
    "RecordBaseline",
    "RegisterInstitution",
    "ReportComparisonOut",
    "ReportComparisonOutAccepted",
    "ReportComparisonOutDifferencesItem",
    "ReportComparisonOutLive",
    "ReportFiguresOut",
    "ReportFiguresOutFigures",
    "ReportFiguresOutScanType0",
    "ReportOut",
    "ReportOutChildrenItem",
    "ReportOutDraftType0",
    "ReportsDueOut",
    "ReportsDueOutChildrenItem",
    "ReportStaff",
    "ReportStatusOut",
    "ReportVersionFormat",
    "ReportVersionOut",
    "ReportVersionOutScanType0",
    "ReturnReport",
    "ScanOut",
    "ServiceForm",
    "ServiceType",
    "StaffFiguresOut",
    "StaffLine",
    "Status",
    "StatusAction",
    "SubmitReport",
    "SubmitReportSource",
    "Team",
)
