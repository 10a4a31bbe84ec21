"""Settings the forms need (company, logo, form codes and revisions, clerk), kept in the data file."""

from __future__ import annotations

import base64
import getpass
import json
from dataclasses import asdict, dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session

from app.i18n import pick
from app.models import Setting
from app.models.setting import stored_value
from app.services import audit_service
from app.services.validation import FieldError, ValidationError, check_length

# Form key -> (form code, revision, Chinese title, English title); codes from seed 003 §8.
DEFAULT_FORMS: dict[str, tuple[str, str, str, str]] = {
    "customer_card": ("Q/JL081301-C", "A/0", "顾客档案", "Customer file"),
    # the 8D report has no code in seed 003 §8; the department sets its own in Settings
    "eight_d": ("QR-8D", "A/0", "客户抱怨处理单(8D报告)", "Customer complaint report (8D)"),
    "failure_history": ("Q/JL081302-C", "A/0", "产品失败履历表", "Product failure history"),
    "prevent_recurrence": (
        "Q/JL081303-C",
        "A/0",
        "防止不合格品再发生报告",
        "Prevent-recurrence report",
    ),
    "field_service": ("Q/JL081304-C", "A/0", "现场服务报告", "Field service report"),
    "monthly_service": ("Q/JL081305-C", "A/0", "月度服务报告", "Monthly service report"),
    "visit": ("Q/JL081306-C", "A/0", "走访服务报告", "Visit report"),
    "capa": ("Q/JL060301-C", "A/0", "纠正/预防措施记录表", "Corrective/preventive action record"),
    "quality_feedback": ("Q/JL090201-C", "A/0", "质量信息反馈表", "Quality information feedback"),
    "survey": ("Q/JL090101-C", "A/0", "顾客满意度调查表", "Customer satisfaction survey"),
    # the summary analysis has no code in seed 003 §8; the department sets its own
    "survey_summary": (
        "QR-MY",
        "A/0",
        "客户满意度调查汇总分析表",
        "Customer satisfaction survey summary analysis",
    ),
    # the return forms have no code in seed 003 §8 either; the department sets its own
    "return_report": (
        "QR-TH",
        "A/0",
        "退货接收及检验处置报告",
        "Return receipt, inspection and disposition report",
    ),
    "rework_order": ("QR-CG", "A/0", "重工工令", "Rework order"),
    # the management summaries have no code in seed 003 §8; the department sets its own
    "complaint_summary": (
        "QR-TS",
        "A/0",
        "顾客投诉/抱怨汇总处理表",
        "Customer complaint summary",
    ),
    "annual_summary": (
        "QR-TS-Y",
        "A/0",
        "顾客投诉/抱怨年度分析报告",
        "Annual customer complaint review",
    ),
    "three_guarantees": (
        "Q/JL100101-C",
        "A/0",
        "不良品(三包件)信息反馈表",
        "Defective (warranty) part feedback",
    ),
}
DEFAULT_COMPANY = "XX汽车部件股份有限公司"
_KEY = "forms"


@dataclass
class FormCode:
    code: str
    revision: str


@dataclass
class FormSettings:
    company_name: str = DEFAULT_COMPANY
    clerk_name: str = ""
    logo_png_base64: str = ""
    forms: dict[str, FormCode] = field(
        default_factory=lambda: {k: FormCode(v[0], v[1]) for k, v in DEFAULT_FORMS.items()}
    )

    @property
    def logo_png(self) -> bytes | None:
        return base64.b64decode(self.logo_png_base64) if self.logo_png_base64 else None

    def form(self, key: str) -> FormCode:
        return self.forms.get(key) or FormCode(DEFAULT_FORMS[key][0], DEFAULT_FORMS[key][1])


def form_title(key: str, lang: str | None = None) -> str:
    _code, _rev, zh, en = DEFAULT_FORMS[key]
    return pick(zh, en, lang)


def load(engine: Engine) -> FormSettings:
    value = stored_value(engine, _KEY)
    settings = FormSettings()
    if value is None:
        return settings
    raw = json.loads(value)
    settings.company_name = raw.get("company_name", settings.company_name)
    settings.clerk_name = raw.get("clerk_name", "")
    settings.logo_png_base64 = raw.get("logo_png_base64", "")
    for key, value in raw.get("forms", {}).items():
        if key in DEFAULT_FORMS:
            settings.forms[key] = FormCode(value.get("code", ""), value.get("revision", ""))
    return settings


def validate(settings: FormSettings) -> None:
    errors: dict[str, FieldError] = {}
    if not settings.company_name.strip():
        errors["company_name"] = FieldError("required")
    elif err := check_length(settings.company_name, 100):
        errors["company_name"] = err
    if err := check_length(settings.clerk_name, 60):
        errors["clerk_name"] = err
    for key, form in settings.forms.items():
        if not form.code.strip():
            errors[f"forms.{key}.code"] = FieldError("required")
        elif err := check_length(form.code, 40):
            errors[f"forms.{key}.code"] = err
        if err := check_length(form.revision, 20):
            errors[f"forms.{key}.revision"] = err
    if errors:
        raise ValidationError(errors)


def _flat(settings: FormSettings) -> dict[str, object]:
    flat: dict[str, object] = {
        "company_name": settings.company_name,
        "clerk_name": settings.clerk_name,
        # the logo itself is too long for the trail; its size shows that it changed
        "logo": f"{len(settings.logo_png or b'')} bytes" if settings.logo_png_base64 else None,
    }
    for key, form in settings.forms.items():
        flat[f"forms.{key}.code"] = form.code
        flat[f"forms.{key}.revision"] = form.revision
    return flat


def normalize(settings: FormSettings) -> FormSettings:
    """Without surrounding blanks, as it is validated and stored."""
    settings.company_name = settings.company_name.strip()
    settings.clerk_name = settings.clerk_name.strip()
    for form in settings.forms.values():
        form.code, form.revision = form.code.strip(), form.revision.strip()
    return settings


def save(engine: Engine, settings: FormSettings, user: str | None = None) -> None:
    """Validate and store; every changed value goes to the audit trail."""
    normalize(settings)
    validate(settings)
    old = load(engine)
    payload = json.dumps(asdict(settings), ensure_ascii=False)
    with Session(engine) as session:
        row = session.get(Setting, _KEY) or Setting(key=_KEY, value="")
        row.value = payload
        session.add(row)
        audit_service.record(
            session,
            entity="setting",
            entity_uuid=_KEY,
            label="settings",
            action="update",
            changes=audit_service.diff(_flat(old), _flat(settings)),
            user=user or current_user(engine),
        )
        session.commit()


def current_user(engine: Engine) -> str:
    """Who is working, as the audit trail records it: the user name set on this PC
    (Preferences.user_name), else on a data file the clerk's name from the settings, else the
    system login. On a server every client's trail shows its own user: the clerk's name is
    shared by all of them and not used."""
    from app.config import Preferences

    name = Preferences.load().user_name
    if name:
        return name
    if engine.dialect.name == "sqlite":
        name = load(engine).clerk_name
        if name:
            return name
    return system_login()


def system_login() -> str:
    """The operating system's login name, "?" where there is none."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001  (no login name on some systems)
        return "?"
