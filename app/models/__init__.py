"""SQLModel tables, one module per record family. Importing this package registers them all."""

import app.models._deferred_build  # noqa: F401  (first: before any table class exists)
from app.models.attachment import Attachment
from app.models.audit import AuditEntry
from app.models.collaboration import RecordEditing, StoredFile
from app.models.complaint import (
    ActionEvent,
    Complaint,
    ComplaintSorting,
    ComplaintStatus,
    ComplaintStep,
    CorrectiveAction,
    Severity,
    Urgency,
)
from app.models.customer import (
    CUSTOMER_GRADES,
    Customer,
    CustomerAnnualVolume,
    CustomerContact,
    CustomerProduct,
    CustomerStatus,
    CustomerType,
)
from app.models.field_service import (
    ServicePart,
    ServiceReport,
    ServiceResult,
    SyncBase,
    SyncTombstone,
    VisitPlan,
    VisitReport,
)
from app.models.returns import ReturnLine, ReturnReceipt, ReturnStatus
from app.models.setting import Setting
from app.models.survey import (
    CampaignStatus,
    SurveyAnswer,
    SurveyCampaign,
    SurveyInvitee,
    SurveyItem,
    SurveyResponse,
    SurveyScale,
    SurveyTemplate,
)

__all__ = [
    "RecordEditing",
    "StoredFile",
    "ActionEvent",
    "Attachment",
    "AuditEntry",
    "CUSTOMER_GRADES",
    "Complaint",
    "ComplaintSorting",
    "ComplaintStatus",
    "ComplaintStep",
    "CorrectiveAction",
    "Customer",
    "CustomerAnnualVolume",
    "CustomerContact",
    "CustomerProduct",
    "CustomerStatus",
    "CustomerType",
    "ReturnLine",
    "ServicePart",
    "ServiceReport",
    "ServiceResult",
    "SyncBase",
    "SyncTombstone",
    "VisitPlan",
    "VisitReport",
    "ReturnReceipt",
    "ReturnStatus",
    "CampaignStatus",
    "Setting",
    "Severity",
    "SurveyAnswer",
    "SurveyCampaign",
    "SurveyInvitee",
    "SurveyItem",
    "SurveyResponse",
    "SurveyScale",
    "SurveyTemplate",
    "Urgency",
]
