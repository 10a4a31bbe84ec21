"""Import complaint tickets from the old Excel ledger 客户抱怨处理总表 (.xlsx).

The same steps as the customer import, whose generic pieces it uses:
``read_sheet`` → ``suggest_mapping`` (the user may change it) → ``build_rows`` →
``validate_rows`` (an ``ImportReport``, row by row) → ``commit`` (all or nothing, or only the
valid rows). Tickets keep their old numbers; a row without a number gets the next new one.

The ledger's status is kept: a ticket it calls closed is stored closed (with its closing
date) and read-only, a cancelled one cancelled, and an old NUMBER-1 is linked to NUMBER. The
old status, closing date and notes are also written into the D8 step as the ledger said them,
so nothing of the old record is lost. Old closed tickets are not checked against today's
closing rules: they were closed on paper.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.i18n import pick
from app.models import Complaint, Customer
from app.services import complaint_service, numbering
from app.services.complaint_data import (
    CHANNEL_LABELS,
    CLAIM_LABELS,
    KIND_LABELS,
    RESPONSIBILITY_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    ComplaintData,
    label,
)
from app.services.customer_import import (
    ImportFileError,
    ImportNotAllowed,
    ImportReport,
    SheetData,
    SheetRow,
    cell_text,
    header_key,
    make_report,
    parse_bool,
    read_sheet,
    strip_unit,
)
from app.services.customer_import import suggest_mapping as _suggest_mapping
from app.services.customer_service import choices_text
from app.services.parsing import parse_date_text, parse_number_text
from app.services.validation import FieldError, ValidationError, check_length

__all__ = [
    "ImportFileError",
    "ImportNotAllowed",
    "ImportReport",
    "read_sheet",
    "suggest_mapping",
    "missing_required",
    "build_rows",
    "validate_rows",
    "commit",
]

NUMBER_MAX = 40  # the number column's length in the data file

# ---------------------------------------------------------------- errors of this import

_MESSAGES: dict[str, tuple[str, str]] = {
    "customer_not_in_files": (
        "顾客档案中没有顾客“{customer}”(按编号或名称查找),请先登记该顾客。",
        "No customer “{customer}” in the customer files (by code or name); register it first.",
    ),
    "customer_ambiguous": (
        "名称“{customer}”对应多位顾客({codes}),请填写顾客编号。",
        "“{customer}” matches several customers ({codes}); give the customer code.",
    ),
    "number_in_file_twice": (
        "编号 {number} 在文件中重复(第 {row} 行)。",
        "Number {number} appears twice in the file (row {row}).",
    ),
    "number_in_data_file": (
        "编号 {number} 已在数据文件中(已导入过?)。",
        "Number {number} is already in the data file (imported before?).",
    ),
    "datetime_shape": (
        "日期/时间格式不正确(例:2024-03-15 或 2024-03-15 14:30)。",
        "Not a date or time (e.g. 2024-03-15 or 2024-03-15 14:30).",
    ),
    "satisfied_shape": (
        "应填“满意”或“不满意”(或 是/否),而不是“{value}”。",
        "Expected satisfied or not satisfied (or yes/no), not “{value}”.",
    ),
}


@dataclass(frozen=True)
class LedgerFieldError(FieldError):
    """A row error only this import knows; its messages live here, not in validation."""

    def message(self, lang: str | None = None) -> str:
        zh, en = _MESSAGES[self.code]
        return pick(zh, en, lang).format(**self.params)


# ---------------------------------------------------------------- fields and headers

# import field → (Chinese, English) label; most are ComplaintData attributes of the same name
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "number": ("编号", "Number"),
    "received_at": ("接收时间", "Received"),
    "customer_code": ("顾客编号", "Customer code"),
    "customer_name": ("顾客名称", "Customer"),
    "contact_name": ("联系人", "Contact"),
    "contact_phone": ("联系电话", "Contact phone"),
    "channel": ("受理方式", "Channel"),
    "kind": ("抱怨类型", "Kind"),
    "received_by": ("受理人", "Received by"),
    "product_model": ("产品型号", "Product"),
    "part_no": ("零件号", "Part no."),
    "batch_no": ("批次号", "Batch"),
    "production_date": ("生产日期", "Production date"),
    "qty_delivered": ("交货数量", "Qty delivered"),
    "qty_defective": ("不良数量", "Qty defective"),
    "defect_category": ("不良类别", "Defect category"),
    "description": ("问题描述", "Description"),
    "customer_request": ("顾客要求", "Customer request"),
    "line_stopped": ("是否停线", "Line stopped"),
    "severity": ("严重度", "Severity"),
    "urgency": ("紧急度", "Urgency"),
    "customer_deadline": ("顾客要求期限", "Customer's deadline"),
    "owner": ("负责人", "Owner"),
    "occurrence_cause": ("原因分析", "Cause"),
    "containment": ("临时对策", "Containment"),
    "corrective": ("纠正措施", "Corrective action"),
    "preventive": ("预防措施", "Preventive action"),
    "responsibility": ("责任归属", "Responsibility"),
    "responsible_department": ("责任部门", "Responsible department"),
    "first_reply_at": ("首次回复时间", "First reply"),
    "containment_reply_at": ("临时对策回复时间", "Containment reply"),
    "action_reply_at": ("措施回复时间", "Action reply"),
    "reply_at": ("答复顾客日期", "Answered on"),
    "reply_content": ("答复内容", "Answer"),
    "reply_by": ("答复人", "Answered by"),
    "visit_at": ("回访日期", "Return visit"),
    "visit_satisfied": ("回访满意", "Satisfied at return visit"),
    "visit_notes": ("回访记录", "Return visit notes"),
    "claim_status": ("索赔状态", "Claim status"),
    "claim_amount": ("索赔金额", "Claimed amount"),
    "agreed_amount": ("确认金额", "Agreed amount"),
    "paid_amount": ("已付金额", "Paid amount"),
    "status": ("状态", "Status"),
    "closed_at": ("结案日期", "Closed on"),
    "reopened_from": ("重开自", "Reopened from"),
    "notes": ("备注", "Notes"),
}
# validation paths that are not import fields
_PATH_LABELS: dict[str, tuple[str, str]] = {
    "customer_id": ("顾客", "Customer"),
    "steps[3].content": FIELD_LABELS["containment"],
    "steps[5].content": FIELD_LABELS["corrective"],
    "steps[7].content": FIELD_LABELS["preventive"],
    "steps[8].content": FIELD_LABELS["notes"],
}
# text columns that become the content of an 8D step
_STEP_OF = {"containment": 3, "corrective": 5, "preventive": 7}
_TEXT_FIELDS = (
    "contact_name", "contact_phone", "received_by", "product_model", "part_no", "batch_no",
    "defect_category", "description", "customer_request", "owner", "occurrence_cause",
    "responsible_department", "reply_content", "reply_by", "visit_notes",
)  # fmt: skip
_DATETIME_FIELDS = (
    "received_at", "first_reply_at", "containment_reply_at", "action_reply_at", "reply_at",
    "visit_at",
)  # fmt: skip
_DATE_FIELDS = ("production_date", "customer_deadline", "closed_at")
_QTY_FIELDS = ("qty_delivered", "qty_defective")
_MONEY_FIELDS = ("claim_amount", "agreed_amount", "paid_amount")


def field_choices() -> list[str]:
    """The fields a column can be mapped to, in the order a dialog lists them."""
    return list(FIELD_LABELS)


def field_label(name: str, lang: str | None = None) -> str:
    """The user's word for an import field or a validation path."""
    pair = FIELD_LABELS.get(name) or _PATH_LABELS.get(name)
    if pair:
        return pick(*pair, lang)
    if m := re.match(r"^steps\[(\d)\]\.(\w+)$", name):
        return f"D{m.group(1)}"
    return name


_ALIASES: dict[str, tuple[str, ...]] = {
    "number": (
        "编号", "单号", "抱怨单号", "抱怨编号", "客诉编号", "客诉单号", "投诉编号", "投诉单号",
        "处理单号", "处理单编号", "8d编号", "8d单号", "8d报告编号", "报告编号", "no", "number",
        "complaintno", "complaintnumber", "ticket", "ticketno", "8dno",
    ),
    "received_at": (
        "日期", "接收时间", "接收日期", "受理时间", "受理日期", "抱怨日期", "抱怨时间",
        "投诉日期", "投诉时间", "客诉日期", "反馈日期", "反馈时间", "登记日期", "发生日期",
        "收到日期", "received", "receivedat", "receivedon", "date", "complaintdate",
        "datereceived",
    ),
    "customer_code": (
        "顾客编号", "客户编号", "客户代码", "顾客代码", "客户编码", "顾客编码", "客户号",
        "customercode", "customerno", "customerid",
    ),
    "customer_name": (
        "顾客名称", "客户名称", "顾客", "客户", "客户简称", "顾客简称", "客户全称", "公司名称",
        "customer", "customername",
    ),
    "contact_name": (
        "联系人", "客户联系人", "顾客联系人", "反馈人", "投诉人", "抱怨人", "contact",
        "contactperson",
    ),
    "contact_phone": (
        "联系电话", "联系人电话", "电话", "联系方式", "手机", "contactphone", "phone", "tel",
    ),
    "channel": (
        "受理方式", "反馈方式", "抱怨方式", "投诉方式", "方式", "来源", "信息来源", "渠道",
        "channel", "via", "source",
    ),
    "kind": ("抱怨类型", "反馈类型", "投诉类型", "信息类型", "性质", "kind", "feedbacktype"),
    "received_by": ("受理人", "接收人", "登记人", "接单人", "receivedby"),
    "product_model": (
        "产品型号", "型号", "产品", "产品名称", "品名", "规格型号", "型号规格", "品名规格",
        "product", "model", "productmodel",
    ),
    "part_no": (
        "零件号", "料号", "图号", "零件编号", "物料号", "物料编号", "品号", "零件图号",
        "partno", "partnumber", "pn", "itemno",
    ),
    "batch_no": (
        "批次号", "批号", "批次", "生产批号", "生产批次", "batch", "batchno", "lot", "lotno",
    ),
    "production_date": ("生产日期", "制造日期", "productiondate", "producedon"),
    "qty_delivered": (
        "交货数量", "交付数量", "发货数量", "送货数量", "批量", "交货数", "数量",
        "qtydelivered", "delivered", "deliveredqty", "quantity",
    ),
    "qty_defective": (
        "不良数量", "不良数", "不合格数量", "不合格数", "不良品数量", "不良品数",
        "qtydefective", "defective", "defectiveqty", "defectqty",
    ),
    "defect_category": (
        "不良类别", "不良类型", "不良分类", "缺陷类别", "缺陷类型", "问题类别", "问题类型",
        "问题分类", "defectcategory", "defecttype", "category",
    ),
    "description": (
        "问题描述", "不良描述", "不良现象", "抱怨内容", "投诉内容", "客诉内容", "问题点",
        "异常描述", "抱怨事项", "问题", "description", "problem", "problemdescription", "issue",
    ),
    "customer_request": (
        "顾客要求", "客户要求", "客户诉求", "顾客诉求", "处理要求", "request",
        "customerrequest",
    ),
    "line_stopped": ("是否停线", "停线", "影响生产", "是否影响生产", "linestopped"),
    "severity": ("严重度", "严重程度", "严重性", "重要度", "severity"),
    "urgency": ("紧急度", "紧急程度", "缓急", "急件", "是否急件", "urgency", "priority"),
    "customer_deadline": (
        "顾客要求期限", "客户要求期限", "客户期限", "要求回复日期", "要求完成日期",
        "customersdeadline", "customerdeadline",
    ),
    "owner": ("负责人", "处理人", "跟进人", "担当", "责任人", "owner"),
    "occurrence_cause": (
        "原因分析", "原因", "发生原因", "根本原因", "不良原因", "cause", "rootcause",
    ),
    "containment": ("临时对策", "临时措施", "围堵措施", "应急措施", "containment"),
    "corrective": (
        "纠正措施", "改善对策", "对策", "永久对策", "纠正预防措施", "处理措施", "改善措施",
        "correctiveaction", "correctiveactions", "action", "actions",
    ),
    "preventive": ("预防措施", "预防对策", "preventiveaction", "prevention"),
    "responsibility": ("责任归属", "责任判定", "责任", "责任方", "responsibility"),
    "responsible_department": (
        "责任部门", "责任单位", "department", "responsibledepartment", "dept",
    ),
    "first_reply_at": ("首次回复时间", "首次回复", "首次回复日期", "firstreply"),
    "containment_reply_at": (
        "临时对策回复时间", "临时对策回复日期", "临时对策回复", "containmentreply",
    ),
    "action_reply_at": (
        "措施回复时间", "措施回复日期", "对策回复日期", "纠正措施回复日期", "actionreply",
    ),
    "reply_at": (
        "答复顾客日期", "答复日期", "回复日期", "回复客户日期", "答复客户日期", "答复时间",
        "回复时间", "answeredon", "replydate", "repliedon", "answerdate",
    ),
    "reply_content": (
        "答复内容", "回复内容", "处理结果", "处理意见", "核决意见", "答复", "answer", "reply",
        "replycontent",
    ),
    "reply_by": ("答复人", "回复人", "answeredby", "replyby"),
    "visit_at": ("回访日期", "回访时间", "returnvisit", "visitdate", "visitedon"),
    "visit_satisfied": (
        "回访满意", "是否满意", "客户是否满意", "顾客是否满意", "满意度", "回访结果",
        "顾客满意", "客户满意", "satisfied", "satisfiedatreturnvisit",
    ),
    "visit_notes": ("回访记录", "回访意见", "回访说明", "returnvisitnotes", "visitnotes"),
    "claim_status": ("索赔状态", "索赔情况", "claimstatus"),
    "claim_amount": ("索赔金额", "索赔额", "claim", "claimamount", "claimedamount"),
    "agreed_amount": (
        "确认金额", "同意金额", "确认索赔金额", "赔偿金额", "agreedamount", "agreed",
    ),
    "paid_amount": ("已付金额", "支付金额", "实付金额", "paidamount", "paid"),
    "status": ("状态", "处理状态", "结案状态", "是否结案", "status"),
    "closed_at": ("结案日期", "结案时间", "关闭日期", "closedon", "closed", "closedat"),
    "reopened_from": ("重开自", "原编号", "原单号", "reopenedfrom"),
    "notes": ("备注", "说明", "remarks", "remark", "notes", "note"),
}  # fmt: skip
_FIELD_BY_ALIAS = {header_key(a): f for f, aliases in _ALIASES.items() for a in aliases}


def match_header(header: str) -> str | None:
    """The field a ledger header names ('客户名称', 'Received', '索赔金额(元)'), or None."""
    text, _unit = strip_unit(unicodedata.normalize("NFKC", header))
    return _FIELD_BY_ALIAS.get(header_key(text))


def suggest_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index → field for the recognised headers; each field at most once."""
    return _suggest_mapping(headers, match=match_header)


def missing_required(mapping: dict[int, str]) -> list[str]:
    """Fields without a column that every ticket needs (a customer code or name will do)."""
    mapped = set(mapping.values())
    missing = [f for f in ("received_at", "description", "defect_category") if f not in mapped]
    if not mapped & {"customer_code", "customer_name"}:
        missing.insert(0, "customer_name")
    return missing


# ---------------------------------------------------------------- words in the old ledger


def _words(labels: dict[str, tuple[str, str]], extra: dict[str, str]) -> dict[str, str]:
    words = {}
    for value, (zh, en) in labels.items():
        words[header_key(zh)] = value
        words[header_key(en)] = value
        words[header_key(value)] = value
    words.update({header_key(k): v for k, v in extra.items()})
    return words


_SEVERITY_WORDS = _words(
    SEVERITY_LABELS,
    {"严重": "major", "重要": "major", "主要": "major", "a": "major", "a类": "major",
     "普通": "general", "轻微": "general", "一般问题": "general", "b": "general",
     "b类": "general", "minor": "general", "normal": "general"},
)  # fmt: skip
_URGENCY_WORDS = _words(
    URGENCY_LABELS,
    {"急": "urgent", "紧急": "urgent", "加急": "urgent", "特急": "urgent", "是": "urgent",
     "普通": "normal", "一般": "normal", "常规": "normal", "否": "normal",
     "非急件": "normal"},
)  # fmt: skip
_CHANNEL_WORDS = _words(
    CHANNEL_LABELS,
    {"邮件": "email", "电邮": "email", "mail": "email", "e-mail": "email", "来访": "visit",
     "走访": "visit", "拜访": "visit", "现场": "visit", "信件": "letter", "来函": "letter",
     "书面": "letter", "微信": "other", "口头": "phone", "电话通知": "phone",
     "tel": "phone"},
)  # fmt: skip
_KIND_WORDS = _words(
    KIND_LABELS,
    {"抱怨": "complaint", "客诉": "complaint", "投诉/抱怨": "complaint", "质量投诉": "complaint",
     "退换货": "return", "退回": "return"},
)  # fmt: skip
_RESPONSIBILITY_WORDS = _words(
    RESPONSIBILITY_LABELS,
    {"我司": "ours", "本厂": "ours", "厂内": "ours", "内部": "ours", "公司": "ours",
     "我方": "ours", "供方": "supplier", "外协": "supplier", "顾客": "customer_misuse",
     "客户": "customer_misuse", "客户使用不当": "customer_misuse", "使用不当": "customer_misuse",
     "客户原因": "customer_misuse", "物流": "transport", "运输原因": "transport",
     "未定": "undetermined", "不明": "undetermined", "待查": "undetermined"},
)  # fmt: skip
_CLAIM_WORDS = _words(
    CLAIM_LABELS,
    {"无": "none", "未索赔": "none", "索赔中": "claimed", "已索赔": "claimed",
     "协商": "negotiating", "确认": "agreed", "已同意": "agreed", "已赔付": "paid",
     "已赔偿": "paid", "拒绝": "rejected", "不索赔": "rejected"},
)  # fmt: skip
_STATUS_WORDS = _words(
    STATUS_LABELS,
    {"未结案": "open", "未结": "open", "处理中": "open", "进行中": "open", "跟踪中": "open",
     "待处理": "open", "跟进中": "open", "否": "open", "ongoing": "open", "结案": "closed",
     "已结": "closed", "已关闭": "closed", "关闭": "closed", "完成": "closed",
     "已完成": "closed", "是": "closed", "ok": "closed", "done": "closed", "重开": "reopened",
     "作废": "cancelled", "已作废": "cancelled", "取消": "cancelled", "已取消": "cancelled",
     "canceled": "cancelled"},
)  # fmt: skip
_SATISFIED = {"满意", "非常满意", "很满意", "基本满意", "是", "y", "yes", "satisfied", "ok", "√"}
_NOT_SATISFIED = {"不满意", "很不满意", "非常不满意", "否", "n", "no", "notsatisfied", "dissatisfied", "×"}  # fmt: skip


def parse_choice(
    value: object, words: dict[str, str], labels: dict[str, tuple[str, str]], default: str
) -> str | FieldError:
    text = cell_text(value)
    if not text:
        return default
    found = words.get(header_key(text))
    if found:
        return found
    return FieldError("choice", {"value": text, "allowed": choices_text(labels)})


def parse_satisfied(value: object) -> bool | None | FieldError:
    if isinstance(value, bool):
        return value
    text = header_key(cell_text(value))
    if not text:
        return None
    if text in _SATISFIED:
        return True
    if text in _NOT_SATISFIED:
        return False
    return LedgerFieldError("satisfied_shape", {"value": cell_text(value)})


_TIME = re.compile(
    r"^(?P<day>.*?[\d日])(?:[\sT]+(?P<h>\d{1,2})\s*[:时点]\s*(?P<m>\d{1,2})"
    r"(?:\s*[:分]\s*(?P<s>\d{1,2})\s*秒?)?\s*分?)?$"
)


def parse_datetime(value: object) -> tuple[datetime, bool] | None | FieldError:
    """(a local time, whether the cell gave the time of day) from an Excel date or text.

    '2024-03-05 14:30', '2024/3/5 14:30', '2024年3月5日 14时30分', an Excel date (a date
    cell at midnight counts as a date without time). The result is aware, in the PC's zone.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value), value.time() != time(0, 0)
    if isinstance(value, date):
        return _aware(datetime.combine(value, time(0, 0))), False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < float(value) < 2958466:  # an Excel serial date in a cell without date format
            from openpyxl.utils.datetime import from_excel

            moment = from_excel(float(value))
            return _aware(moment), moment.time() != time(0, 0)
        return LedgerFieldError("datetime_shape")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _TIME.match(text)
    if not match:
        return LedgerFieldError("datetime_shape")
    try:
        day = parse_date_text(match["day"])
        clock = time(int(match["h"]), int(match["m"]), int(match["s"] or 0)) if match["h"] else None
    except ValueError:
        return LedgerFieldError("datetime_shape")
    if day is None:
        return None
    return _aware(datetime.combine(day, clock or time(0, 0))), clock is not None


def _aware(moment: datetime) -> datetime:
    """A wall-clock time of this PC made aware (an aware time is kept as it is)."""
    return moment if moment.tzinfo else moment.astimezone()


def parse_day(value: object) -> date | None | FieldError:
    """A whole date (no month-only guesses: these are deadlines and production dates)."""
    parsed = parse_datetime(value)
    if isinstance(parsed, FieldError):
        return FieldError("date_shape")
    return None if parsed is None else parsed[0].date()


_QTY_UNIT = re.compile(r"(件|个|只|套|台|支|根|片|pcs|pc|ea|set|sets)$", re.IGNORECASE)
_MONEY_MARKS = re.compile(r"^(¥|￥|rmb|cny)|(元|rmb|cny)$", re.IGNORECASE)


def parse_quantity(value: object) -> float | None | FieldError:
    """'1,200', '1200件', '50 pcs' → a number; blank → None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return FieldError("number_shape")
    if isinstance(value, int | float):
        return float(value)
    text = _QTY_UNIT.sub("", unicodedata.normalize("NFKC", str(value)).strip()).strip()
    try:
        return parse_number_text(text)
    except ValueError:
        return FieldError("number_shape")


def parse_money(value: object) -> float | None | FieldError:
    """An amount in 元: '5,000', '¥5000', '5000元', '0.5万' (= 5000)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return FieldError("number_shape")
    if isinstance(value, int | float):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    if text in ("-", "—", "/"):
        return None
    scale = 1.0
    text = _MONEY_MARKS.sub("", text)  # ¥ in front, 元 behind
    if text.endswith("万"):
        text, scale = text[:-1], 10000.0
    try:
        number = parse_number_text(text)
    except ValueError:
        return FieldError("number_shape")
    return None if number is None else round(number * scale, 2)


# ---------------------------------------------------------------- rows


@dataclass
class ComplaintImportRow:
    excel_row: int
    data: ComplaintData | None
    number: str | None = None  # the old number; None → a new one
    customer_code: str = ""
    customer_name: str = ""
    old_status: str | None = None  # open / closed / reopened / cancelled, as the ledger says
    closed_on: date | None = None
    parse_errors: dict[str, FieldError] = field(default_factory=dict)
    errors: dict[str, FieldError] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # field path → column index

    @property
    def is_valid(self) -> bool:
        return self.data is not None and not self.errors


def build_rows(sheet: SheetData, mapping: dict[int, str]) -> list[ComplaintImportRow]:
    """One row per data row; values that cannot be read become errors of that row."""
    for column, name in mapping.items():
        if name not in FIELD_LABELS:
            raise ValueError(f"unknown import field {name!r} for column {column}")
    return [_build_row(row, mapping) for row in sheet.rows]


def _build_row(row: SheetRow, mapping: dict[int, str]) -> ComplaintImportRow:
    data = ComplaintData(channel="other", claim_status="")  # "" → from the amounts
    result = ComplaintImportRow(row.excel_row, data)
    errors: dict[str, FieldError] = {}
    times: dict[str, tuple[datetime, bool]] = {}
    notes: dict[str, str] = {}

    def cell(column: int) -> object:
        return row.values[column] if column < len(row.values) else None

    for column, name in sorted(mapping.items()):
        value = cell(column)
        path = f"steps[{_STEP_OF[name]}].content" if name in _STEP_OF else name
        result.sources[path] = column
        parsed: object
        if name == "number":
            result.number = cell_text(value) or None
            continue
        if name == "customer_code":
            result.customer_code = cell_text(value)
            continue
        if name == "customer_name":
            result.customer_name = cell_text(value)
            continue
        if name in _STEP_OF:
            data.step(_STEP_OF[name]).content = cell_text(value)
            continue
        if name in _TEXT_FIELDS:
            setattr(data, name, cell_text(value))
            continue
        if name in _DATETIME_FIELDS:
            parsed = parse_datetime(value)
            if isinstance(parsed, tuple):
                times[name] = parsed
                continue
        elif name == "closed_at":
            parsed = parse_day(value)
            if not isinstance(parsed, FieldError):
                result.closed_on = parsed
                continue
        elif name in _DATE_FIELDS:
            parsed = parse_day(value)
        elif name in _QTY_FIELDS:
            parsed = parse_quantity(value)
        elif name in _MONEY_FIELDS:
            parsed = parse_money(value)
        elif name == "severity":
            parsed = parse_choice(value, _SEVERITY_WORDS, SEVERITY_LABELS, "general")
        elif name == "urgency":
            parsed = parse_choice(value, _URGENCY_WORDS, URGENCY_LABELS, "normal")
        elif name == "channel":
            parsed = parse_choice(value, _CHANNEL_WORDS, CHANNEL_LABELS, "other")
        elif name == "kind":
            parsed = parse_choice(value, _KIND_WORDS, KIND_LABELS, "complaint")
        elif name == "responsibility":
            parsed = parse_choice(value, _RESPONSIBILITY_WORDS, RESPONSIBILITY_LABELS, "undetermined")  # fmt: skip
        elif name == "claim_status":
            parsed = parse_choice(value, _CLAIM_WORDS, CLAIM_LABELS, "")
        elif name == "line_stopped":
            parsed = parse_bool(value)
        elif name == "visit_satisfied":
            parsed = parse_satisfied(value)
        elif name == "status":
            parsed = parse_choice(value, _STATUS_WORDS, STATUS_LABELS, "")
            if not isinstance(parsed, FieldError):
                result.old_status = parsed or None
                continue
        else:  # reopened_from, notes
            notes[name] = cell_text(value)
            continue
        if isinstance(parsed, FieldError):
            errors[name] = parsed
        elif parsed is not None or name not in _DATETIME_FIELDS:
            setattr(data, name, parsed)

    _place_times(data, times)
    if not data.claim_status:
        data.claim_status = _claim_status_from_amounts(data)
    _write_note(result, notes)
    result.parse_errors, result.errors = errors, dict(errors)
    return result


def _place_times(data: ComplaintData, times: dict[str, tuple[datetime, bool]]) -> None:
    """Set the milestones; a date without time on the day of the event before it is taken
    as that event's time, so '2024-03-05' for the answer does not precede 14:30 receipt."""
    received = times.get("received_at")
    if received is not None:
        data.received_at = received[0]
    for name in _DATETIME_FIELDS[1:]:
        if name not in times:
            continue
        moment, has_time = times[name]
        floor = data.reply_at if name == "visit_at" and data.reply_at else data.received_at
        if not has_time and floor is not None and moment.date() == floor.astimezone().date():
            moment = max(moment, floor)
        setattr(data, name, moment)


def _claim_status_from_amounts(data: ComplaintData) -> str:
    if data.paid_amount:
        return "paid"
    if data.agreed_amount:
        return "agreed"
    if data.claim_amount:
        return "claimed"
    return "none"


def _write_note(row: ComplaintImportRow, notes: dict[str, str]) -> None:
    """What the app has no field for goes into D8, marked as coming from the old ledger."""
    assert row.data is not None
    lines = []
    if row.old_status and row.old_status != "open":
        status = label(STATUS_LABELS, row.old_status, "zh_CN")
        when = f",结案日期 {row.closed_on.isoformat()}" if row.closed_on else ""
        lines.append(f"原台账状态:{status}{when}")
    elif row.closed_on:
        lines.append(f"原台账结案日期:{row.closed_on.isoformat()}")
    if notes.get("reopened_from"):
        lines.append(f"原台账:重开自 {notes['reopened_from']}")
    if notes.get("notes"):
        lines.append(f"原台账备注:{notes['notes']}")
    if lines:
        row.data.step(8).content = "\n".join(lines)
        if "notes" in row.sources:
            row.sources["steps[8].content"] = row.sources["notes"]


# ---------------------------------------------------------------- validation and commit


@dataclass(frozen=True)
class _Customers:
    by_code: dict[str, int]
    by_name: dict[str, list[tuple[int, str]]]
    by_short_name: dict[str, list[tuple[int, str]]]

    @classmethod
    def load(cls, engine: Engine) -> _Customers:
        by_code: dict[str, int] = {}
        by_name: dict[str, list[tuple[int, str]]] = {}
        by_short: dict[str, list[tuple[int, str]]] = {}
        with Session(engine) as session:
            query = select(Customer.id, Customer.code, Customer.name, Customer.short_name)
            for cid, code, name, short_name in session.exec(query):
                by_code[code.strip().lower()] = cid
                by_name.setdefault(name.strip(), []).append((cid, code))
                if short_name.strip():
                    by_short.setdefault(short_name.strip(), []).append((cid, code))
        return cls(by_code, by_name, by_short)

    def find(self, code: str, name: str) -> int | FieldError:
        """By code (any case), else by exact name, else by an exact short name held by one."""
        if code and (cid := self.by_code.get(code.lower())) is not None:
            return cid
        if name:
            for table in (self.by_name, self.by_short_name):
                found = table.get(name, [])
                if len(found) == 1:
                    return found[0][0]
                if len(found) > 1:
                    codes = "、".join(c for _cid, c in found)
                    return LedgerFieldError("customer_ambiguous", {"customer": name, "codes": codes})  # fmt: skip
        shown = f"{code} {name}".strip() if code and name else code or name
        if not shown:
            return FieldError("required")
        return LedgerFieldError("customer_not_in_files", {"customer": shown})


def _numbers_in_database(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return {n.upper() for n in session.exec(select(Complaint.number))}


def validate_rows(
    engine: Engine,
    rows: Sequence[ComplaintImportRow],
    sheet: SheetData | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Check every row as registering would, plus customers, and old numbers against the
    file and the data file. Replaces each row's errors (parse errors are kept)."""
    customers = _Customers.load(engine)
    taken = _numbers_in_database(engine)
    seen: dict[str, list[ComplaintImportRow]] = {}
    for row in rows:
        row.errors = dict(row.parse_errors)
        if row.data is None:
            continue
        found = customers.find(row.customer_code, row.customer_name)
        if isinstance(found, FieldError):
            row.data.customer_id = None
            row.errors.setdefault("customer_id", found)
            column = row.sources.get("customer_code" if row.customer_code else "customer_name")
            if column is not None:
                row.sources["customer_id"] = column
        else:
            row.data.customer_id = found
        complaint_service.normalize(row.data)
        try:
            complaint_service.validate(row.data, now=now)
        except ValidationError as exc:
            for path, error in exc.errors.items():
                if path == "customer_id" and isinstance(found, int):
                    continue
                row.errors.setdefault(path, error)
        if row.number:
            if error := check_length(row.number, NUMBER_MAX):
                row.errors.setdefault("number", error)
            elif row.number.upper() in taken:
                row.errors.setdefault(
                    "number", LedgerFieldError("number_in_data_file", {"number": row.number})
                )
            seen.setdefault(row.number.upper(), []).append(row)
    for same in seen.values():
        for row in same if len(same) > 1 else ():
            other = next(r for r in same if r is not row)
            row.errors.setdefault(
                "number",
                LedgerFieldError(
                    "number_in_file_twice", {"number": row.number, "row": other.excel_row}
                ),
            )
    return make_report(rows, sheet, labeler=field_label)  # type: ignore[arg-type]


def commit(
    engine: Engine,
    rows: Sequence[ComplaintImportRow],
    only_valid: bool,
    user: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Register the rows in one transaction; returns how many tickets were stored.

    Unless only_valid, nothing is written when any row is invalid (ImportNotAllowed). Rows are
    checked again first, so a number or customer changed meanwhile is refused, not half-done.
    Rows with an old number go first, so a new number never takes an old one's place.
    """
    report = validate_rows(engine, rows)
    if report.invalid and not only_valid:
        raise ImportNotAllowed(report.invalid)
    valid = [row for row in rows if row.is_valid and row.data is not None]
    valid.sort(key=_import_order)
    if not valid:
        return 0
    for row in valid:
        _apply_ledger_status(row)
    items = [(row.data, row.number) for row in valid]
    return len(
        complaint_service.create_many(
            engine,
            items,  # type: ignore[arg-type]
            user,
            progress=progress,
            keep_ledger_status=True,
        )
    )


def _import_order(row: ComplaintImportRow) -> tuple:
    """Old numbers first, an origin before its -1 before its -2; new numbers last in file order."""
    if row.number is None:
        return (1, 0, 0, 0)
    parsed = numbering.parse(row.number)
    return (0, parsed.year, parsed.seq, parsed.reopen_index) if parsed else (0, 0, 0, 0)


def _apply_ledger_status(row: ComplaintImportRow) -> None:
    """The ledger's closed / cancelled / reopened status is kept, with its closing date."""
    assert row.data is not None
    status = row.old_status or "open"
    row.data.status = status
    if row.closed_on is not None:
        row.data.closed_at = datetime.combine(row.closed_on, time(17)).astimezone()
    if status == "cancelled":
        row.data.cancel_reason = "原台账:作废"


def closed_in_ledger(rows: Sequence[ComplaintImportRow]) -> int:
    """How many valid rows the old ledger calls closed, reopened or cancelled (kept so)."""
    return sum(1 for r in rows if r.is_valid and r.old_status not in (None, "open"))
