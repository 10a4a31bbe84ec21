"""Import customer files from the clerk's old Excel register (.xlsx).

The steps, usable by a dialog and by the command line alike:
``read_sheet`` → ``suggest_mapping`` (the user may change it) → ``build_rows`` →
``validate_rows`` (gives an ``ImportReport``) → ``commit``. Parse errors (a bad date, a volume
that is not a number) are reported per row and field, never raised.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.i18n import pick
from app.models import Customer, CustomerStatus, CustomerType
from app.services import customer_service
from app.services.customer_service import ContactData, CustomerData, ProductData, VolumeData
from app.services.parsing import parse_date_text
from app.services.validation import FieldError, ValidationError

MAX_CONTACTS = 9

# ---------------------------------------------------------------- errors


class ImportFileError(Exception):
    """The file cannot be used at all (missing, not .xlsx, damaged, no header row)."""

    def __init__(self, error: FieldError):
        self.error = error
        super().__init__(error.message("en"))

    def message(self, lang: str | None = None) -> str:
        return self.error.message(lang)


class ImportNotAllowed(Exception):
    """commit() refused: some rows are invalid and only_valid was not asked for."""

    def __init__(self, invalid: int):
        self.invalid = invalid
        super().__init__(f"{invalid} invalid row(s); nothing was imported")

    def message(self, lang: str | None = None) -> str:
        return pick(
            f"有 {self.invalid} 行数据有误,未导入任何数据。",
            f"{self.invalid} row(s) have errors; nothing was imported.",
            lang,
        )


# ---------------------------------------------------------------- reading the sheet


@dataclass(frozen=True)
class SheetRow:
    excel_row: int
    values: list[object]


@dataclass
class SheetData:
    path: Path
    sheet_names: list[str]
    sheet_name: str
    header_row: int  # Excel row number of the header
    headers: list[str]
    rows: list[SheetRow]


def cell_text(value: object) -> str:
    """A cell as text, the way the clerk sees it (13812345678.0 → "13812345678")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


_cell_text = cell_text


def read_sheet(path: str | Path, sheet_name: str | None = None) -> SheetData:
    """Read one sheet of an .xlsx file: header row and data rows with their Excel row numbers.

    The header is the first row with at least two non-empty cells (a title row above it is
    skipped). Without sheet_name, the first sheet that has a header is used. Formulas give
    their last computed value; text that merely looks like a formula stays text.
    """
    import openpyxl  # imported here: only the import needs it
    from openpyxl.utils.exceptions import InvalidFileException

    from app.services import xlsx_safety

    path = Path(path)
    if not path.is_file():
        raise ImportFileError(FieldError("file_not_found", {"path": str(path)}))
    if path.suffix.lower() == ".xls":
        raise ImportFileError(FieldError("file_xls", {"path": path.name}))
    try:
        # hostile files (zip bombs, macros, passwords, XML entities) are refused unopened
        refused = xlsx_safety.check(path)
    except OSError as exc:
        raise ImportFileError(
            FieldError("file_unreadable", {"path": path.name, "reason": exc.strerror or exc})
        ) from exc
    if refused is not None:
        raise ImportFileError(refused)
    entities = FieldError("file_xml_entities", {"path": path.name, "part": "XML"})
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError) as exc:
        if _refused_by_defusedxml(exc):  # defusedxml inside openpyxl: refused, never expanded
            raise ImportFileError(entities) from exc
        raise ImportFileError(FieldError("file_not_xlsx", {"path": path.name})) from exc
    except OSError as exc:
        raise ImportFileError(
            FieldError("file_unreadable", {"path": path.name, "reason": exc.strerror or exc})
        ) from exc
    try:
        names = list(workbook.sheetnames)
        if sheet_name is not None and sheet_name not in names:
            raise ImportFileError(
                FieldError("sheet_not_found", {"sheet": sheet_name, "sheets": "、".join(names)})
            )
        candidates = [sheet_name] if sheet_name is not None else names
        for name in candidates:
            try:
                found = _read_worksheet(workbook[name])
            except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
                if _refused_by_defusedxml(exc):
                    raise ImportFileError(entities) from exc
                raise ImportFileError(FieldError("file_not_xlsx", {"path": path.name})) from exc
            if found is not None:
                header_row, headers, rows = found
                return SheetData(path, names, name, header_row, headers, rows)
        raise ImportFileError(
            FieldError("no_header", {"sheet": sheet_name or (names[0] if names else "")})
        )
    finally:
        workbook.close()


def _refused_by_defusedxml(exc: BaseException) -> bool:
    """True when defusedxml refused XML somewhere behind exc (openpyxl wraps it in ValueError)."""
    from defusedxml import DefusedXmlException

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, DefusedXmlException):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _read_worksheet(sheet) -> tuple[int, list[str], list[SheetRow]] | None:  # noqa: ANN001
    from app.services.xlsx_safety import MAX_COLUMNS, MAX_ROWS

    limits = {"sheet": sheet.title, "max_rows": MAX_ROWS, "max_cols": MAX_COLUMNS}
    if (sheet.max_row or 0) > MAX_ROWS or (sheet.max_column or 0) > MAX_COLUMNS:
        # the <dimension> the sheet claims: refused before a row is read
        ref = sheet.calculate_dimension() if sheet.max_row and sheet.max_column else "?"
        raise ImportFileError(FieldError("sheet_claims_too_big", {**limits, "ref": ref}))
    sheet.reset_dimensions()  # some writers store a wrong <dimension>; read every row
    header_row = 0
    headers: list[str] = []
    rows: list[SheetRow] = []
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        if number > MAX_ROWS or len(values) > MAX_COLUMNS:  # what is there, whatever it claimed
            raise ImportFileError(FieldError("sheet_too_big", limits))
        cells = list(values)
        if not header_row:
            if sum(1 for v in cells if _cell_text(v)) >= 2:
                header_row = number
                headers = [_cell_text(v) for v in cells]
                while headers and not headers[-1]:
                    headers.pop()
            continue
        if any(_cell_text(v) for v in cells):
            cells = (cells + [None] * len(headers))[: max(len(headers), len(cells))]
            rows.append(SheetRow(number, cells))
    return (header_row, headers, rows) if header_row else None


# ---------------------------------------------------------------- mapping columns to fields

CONTACT_PARTS = ("name", "phone", "department", "title", "email")
_SCALAR_IMPORT_FIELDS = (
    "code", "name", "short_name", "type", "address", "phone", "fax", "email", "sales_rep",
    "cooperation_since", "grade", "status", "potential", "notes", "products",
)  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "code": ("编号", "Code"),
    "name": ("名称", "Name"),
    "short_name": ("简称", "Short name"),
    "type": ("类型", "Type"),
    "address": ("地址", "Address"),
    "phone": ("电话", "Phone"),
    "fax": ("传真", "Fax"),
    "email": ("邮箱", "E-mail"),
    "sales_rep": ("业务员", "Sales rep"),
    "cooperation_since": ("合作时间", "Cooperation since"),
    "grade": ("等级", "Grade"),
    "status": ("状态", "Status"),
    "potential": ("潜在客户", "Potential"),
    "notes": ("备注", "Notes"),
    "products": ("订购产品", "Products"),
}
_CONTACT_LABELS = {
    "name": ("姓名", "name"),
    "phone": ("电话", "phone"),
    "department": ("部门", "department"),
    "title": ("职务", "title"),
    "email": ("邮箱", "e-mail"),
}


def contact_field(index: int, part: str) -> str:
    return f"contacts[{index}].{part}"


def volume_field(year: int) -> str:
    return f"volume:{year}"


_CONTACT_FIELD = re.compile(r"^contacts\[(\d)\]\.(\w+)$")
_VOLUME_FIELD = re.compile(r"^volume:(\d{4})$")


def field_choices(years: Iterable[int] = ()) -> list[str]:
    """The fields a column can be mapped to, in the order a dialog lists them."""
    choices = list(_SCALAR_IMPORT_FIELDS)
    for index in range(3):
        choices += [contact_field(index, part) for part in CONTACT_PARTS]
    choices += [volume_field(y) for y in sorted(set(years))]
    return choices


def field_label(name: str, lang: str | None = None) -> str:
    """The user's word for a mapping field or a validation path (e.g. "联系人2 电话")."""
    if name in FIELD_LABELS:
        return pick(*FIELD_LABELS[name], lang)
    if m := _CONTACT_FIELD.match(name):
        index, part = int(m.group(1)), m.group(2)
        zh, en = _CONTACT_LABELS.get(part, (part, part))
        return pick(f"联系人{index + 1} {zh}", f"Contact {index + 1} {en}", lang)
    if m := _VOLUME_FIELD.match(name):
        return pick(f"{m.group(1)}年采购额(万元)", f"{m.group(1)} volume (10k CNY)", lang)
    if m := re.match(r"^products\[(\d+)\]\.(\w+)$", name):
        return pick(f"订购产品{int(m.group(1)) + 1}", f"Product {int(m.group(1)) + 1}", lang)
    if m := re.match(r"^volumes\[(\d+)\]\.(\w+)$", name):
        return pick("年采购额", "Annual volume", lang)
    return name


def header_key(header: str) -> str:
    """Header text reduced for matching: half-width, lower case, no blanks or marks."""
    text = unicodedata.normalize("NFKC", header).lower()
    text = re.sub(r"[\s*:：_\-.·/\\]+", "", text)
    return text


_key = header_key


def strip_unit(text: str) -> tuple[str, str]:
    """('采购额(万元)') → ('采购额', '万元'); also 单位:万元 written after the name."""
    units = re.findall(r"[(\[【]([^)\]】]*)[)\]】]", text)
    text = re.sub(r"[(\[【][^)\]】]*[)\]】]", "", text)
    if m := re.search(r"单位(万元|元)$", text):
        units.append(m.group(1))
        text = text[: m.start()]
    return text, "".join(units)


_strip_unit = strip_unit

_ALIASES: dict[str, tuple[str, ...]] = {
    "code": (
        "编号", "客户编号", "顾客编号", "客户代码", "顾客代码", "代码", "客户编码", "顾客编码",
        "编码", "客户号", "客户代号", "code", "customercode", "customerno", "customerid",
    ),
    "name": (
        "名称", "客户名称", "顾客名称", "公司名称", "单位名称", "企业名称", "客户全称",
        "顾客全称", "客户", "顾客", "name", "customer", "customername", "company",
        "companyname",
    ),
    "short_name": ("简称", "客户简称", "顾客简称", "公司简称", "shortname", "abbreviation"),
    "type": (
        "类型", "客户类型", "顾客类型", "类别", "客户类别", "顾客类别", "客户性质", "type",
        "customertype", "category",
    ),
    "address": ("地址", "公司地址", "客户地址", "详细地址", "通讯地址", "单位地址", "address"),
    "phone": (
        "电话", "联系电话", "公司电话", "办公电话", "座机", "电话号码", "总机", "tel", "phone",
        "telephone",
    ),
    "fax": ("传真", "传真号", "传真号码", "传真电话", "fax"),
    "email": (
        "邮箱", "电子邮件", "电子邮箱", "邮件", "公司邮箱", "email", "mail", "emailaddress",
    ),
    "sales_rep": (
        "业务员", "销售代表", "销售员", "业务代表", "负责业务员", "销售", "销售负责人",
        "业务负责人", "salesrep", "sales", "salesperson", "salesrepresentative",
    ),
    "cooperation_since": (
        "合作时间", "开始合作日期", "合作日期", "开始合作时间", "合作起始日期", "合作开始日期",
        "合作开始时间", "起始合作日期", "首次合作日期", "合作年份", "since",
        "cooperationsince", "customersince", "startdate",
    ),
    "grade": ("等级", "客户等级", "顾客等级", "级别", "客户级别", "分级", "grade", "rating"),
    "status": ("状态", "客户状态", "顾客状态", "合作状态", "status"),
    "potential": (
        "潜在", "潜在客户", "是否潜在客户", "潜在顾客", "是否潜在顾客", "潜力", "潜力客户",
        "有开发潜力", "开发潜力",
        "potential", "potentialcustomer",
    ),
    "notes": ("备注", "说明", "备注说明", "其他", "notes", "note", "remarks", "remark", "comment"),
    "products": (
        "产品", "订购产品", "型号规格", "规格型号", "产品型号", "型号", "采购产品", "供货产品",
        "配套产品", "订购产品型号规格", "产品型号规格", "products", "product", "model",
        "models",
    ),
}  # fmt: skip
_CONTACT_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("联系人", "联系人姓名", "姓名", "contact", "contactperson", "contactname"),
    "phone": (
        "联系人电话", "联系人手机", "手机", "手机号", "手机号码", "联系方式", "联系人联系方式",
        "contactphone", "mobile", "cellphone",
    ),
    "department": ("联系人部门", "部门", "所在部门", "department", "dept", "contactdepartment"),
    "title": ("职务", "职位", "联系人职务", "联系人职位", "岗位", "title", "position", "jobtitle"),
    "email": ("联系人邮箱", "联系人email", "联系人电子邮件", "contactemail", "contactmail"),
}  # fmt: skip
_VOLUME_WORDS = (
    "采购额", "采购金额", "年采购额", "年采购金额", "年采购", "采购", "销售额", "年销售额",
    "销售金额", "供货额", "年供货额", "金额", "年用量", "用量", "volume", "annualvolume",
    "purchase", "purchases", "purchasevolume", "sales", "salesvolume", "amount",
)  # fmt: skip

_FIELD_BY_ALIAS = {_key(a): f for f, aliases in _ALIASES.items() for a in aliases}
_CONTACT_BY_ALIAS = {_key(a): p for p, aliases in _CONTACT_ALIASES.items() for a in aliases}
_VOLUME_KEYS = {_key(w) for w in _VOLUME_WORDS}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _contact_match(key: str) -> tuple[int, str] | None:
    """'联系人2电话' / '联系人电话2' / 'contact2phone' / '联系人二' / '手机' → (index, part)."""
    if "联系人" not in key and "contact" not in key:
        part = _CONTACT_BY_ALIAS.get(key)
        return (0, part) if part else None
    index = 0
    if number := re.search(r"(\d)|([一二三四五六七八九])", key):
        index = (int(number.group(1)) if number.group(1) else _CN_DIGITS[number.group(2)]) - 1
        key = key[: number.start()] + key[number.end() :]
    part = _CONTACT_BY_ALIAS.get(key)
    if part is None:
        for prefix in ("联系人", "contact"):
            if key.startswith(prefix) and key[len(prefix) :] in _CONTACT_BY_ALIAS:
                part = _CONTACT_BY_ALIAS[key[len(prefix) :]]
    if part is None or not 0 <= index < MAX_CONTACTS:
        return None
    return index, part


def _volume_year(key: str, default_year: int) -> int | None:
    """The year a volume column is for ('2024年采购额' → 2024), or None if not a volume."""
    m = re.search(r"(19[5-9]\d|20\d\d)(年度|年|fy)?", key)
    year = int(m.group(1)) if m else None
    rest = key[: m.start()] + key[m.end() :] if m else key
    rest = re.sub(r"^(fy|year)|(fy|year)$", "", rest)
    if year is not None and rest == "":
        return year  # a bare year column under a merged "年采购额" title
    if rest in _VOLUME_KEYS or any(
        w in rest for w in ("采购额", "采购金额", "销售额", "供货额", "volume")
    ):
        return year or default_year
    return None


def match_header(header: str, default_year: int | None = None) -> str | None:
    """The field a header names, or None when it is not recognised."""
    default_year = default_year or date.today().year - 1
    text, _unit = _strip_unit(unicodedata.normalize("NFKC", header))
    key = _key(text)
    if not key:
        return None
    if key in _FIELD_BY_ALIAS:
        return _FIELD_BY_ALIAS[key]
    contact = _contact_match(key)
    if contact:
        return contact_field(*contact)
    year = _volume_year(key, default_year)
    if year is not None:
        return volume_field(year)
    return None


def suggest_mapping(
    headers: Sequence[str],
    default_year: int | None = None,
    *,
    match: Callable[[str], str | None] | None = None,
) -> dict[int, str]:
    """Column index → field for the headers that are recognised; each field at most once.

    A volume column without a year in its header ("年采购额") is taken for the last complete
    year (``default_year``); the dialog shows this so the clerk can change it. ``match``
    recognises the headers of another register (default: the customer register's).
    """
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        if not header:
            continue
        name = match(header) if match is not None else match_header(header, default_year)
        if name and name not in used:
            mapping[index] = name
            used.add(name)
    return mapping


def missing_required(mapping: dict[int, str]) -> list[str]:
    """Fields that must have a column before rows can be built (code and name)."""
    return [f for f in ("code", "name") if f not in mapping.values()]


# ---------------------------------------------------------------- parsing values

_TYPE_WORDS: dict[str, str] = {}
for _value, (_zh, _en) in customer_service.TYPE_LABELS.items():
    _TYPE_WORDS[_key(_zh)] = _value
    _TYPE_WORDS[_key(_en)] = _value
    _TYPE_WORDS[_key(str(_value))] = _value
_TYPE_WORDS.update(
    {
        _key(k): v
        for k, v in {
            "主机": CustomerType.OEM,
            "整车厂": CustomerType.OEM,
            "配套": CustomerType.OEM,
            "配套厂": CustomerType.OEM,
            "主机配套": CustomerType.OEM,
            "售后市场": CustomerType.AFTERMARKET,
            "售后": CustomerType.AFTERMARKET,
            "备件": CustomerType.AFTERMARKET,
            "维修市场": CustomerType.AFTERMARKET,
            "after market": CustomerType.AFTERMARKET,
            "代理": CustomerType.DISTRIBUTOR,
            "经销商": CustomerType.DISTRIBUTOR,
            "经销": CustomerType.DISTRIBUTOR,
            "dealer": CustomerType.DISTRIBUTOR,
            "终端": CustomerType.END_USER,
            "用户": CustomerType.END_USER,
            "最终用户": CustomerType.END_USER,
            "enduser": CustomerType.END_USER,
        }.items()
    }
)
_STATUS_WORDS: dict[str, str] = {}
for _value, (_zh, _en) in customer_service.STATUS_LABELS.items():
    _STATUS_WORDS[_key(_zh)] = _value
    _STATUS_WORDS[_key(_en)] = _value
_STATUS_WORDS.update(
    {
        _key(k): v
        for k, v in {
            "在合作": CustomerStatus.ACTIVE,
            "合作": CustomerStatus.ACTIVE,
            "正常": CustomerStatus.ACTIVE,
            "活跃": CustomerStatus.ACTIVE,
            "有效": CustomerStatus.ACTIVE,
            "流失": CustomerStatus.LOST,
            "已流失客户": CustomerStatus.LOST,
            "停止合作": CustomerStatus.LOST,
            "终止合作": CustomerStatus.LOST,
            "已停止": CustomerStatus.LOST,
            "inactive": CustomerStatus.LOST,
        }.items()
    }
)
_TRUE = {"是", "有", "潜在", "潜在客户", "y", "yes", "true", "1", "√", "✓", "✔", "是的"}
_FALSE = {"否", "无", "不是", "n", "no", "false", "0", "—", "-", "×", "✗"}


def parse_type(value: object) -> str | FieldError:
    text = _cell_text(value)
    if not text:
        return CustomerType.OEM.value
    found = _TYPE_WORDS.get(_key(text))
    if found:
        return str(found)
    return FieldError(
        "choice",
        {"value": text, "allowed": customer_service.choices_text(customer_service.TYPE_LABELS)},
    )


def parse_status(value: object) -> str | FieldError:
    text = _cell_text(value)
    if not text:
        return CustomerStatus.ACTIVE.value
    found = _STATUS_WORDS.get(_key(text))
    if found:
        return str(found)
    return FieldError(
        "choice",
        {"value": text, "allowed": customer_service.choices_text(customer_service.STATUS_LABELS)},
    )


def parse_bool(value: object) -> bool | FieldError:
    if isinstance(value, bool):
        return value
    text = unicodedata.normalize("NFKC", _cell_text(value)).strip().lower()
    if not text or text in _FALSE:
        return False
    if text in _TRUE:
        return True
    return FieldError("bool_shape", {"value": text})


def parse_grade(value: object) -> str:
    text = unicodedata.normalize("NFKC", _cell_text(value)).strip().upper()
    return re.sub(r"(级|类|GRADE)$", "", text).strip()


def parse_date(value: object) -> date | None | FieldError:
    """Excel dates, and text such as 2019-03-01, 2019/3/1, 2019年3月1日, 2019.3, 2019年."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 1900 <= number <= 2100:
            return date(int(number), 1, 1)  # just a year
        if 2100 < number < 2958466:  # an Excel serial date in a cell not formatted as a date
            from openpyxl.utils.datetime import from_excel

            return from_excel(number).date()
        return FieldError("date_shape")
    try:
        return parse_date_text(str(value), allow_partial=True)
    except ValueError:
        return FieldError("date_shape")


def parse_amount(value: object, scale: float = 1.0) -> float | None | FieldError:
    """A volume in 万元; '1,200', '120.5万', '１２０' are understood; scale converts 元 → 万元."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return FieldError("number_shape")
    if isinstance(value, int | float):
        return round(float(value) * scale, 4)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"[,\s]", "", text)
    if not text or text in ("-", "—", "/"):
        return None
    text = re.sub(r"(万元|万|元)$", "", text)
    try:
        return round(float(text) * scale, 4)
    except ValueError:
        return FieldError("number_shape")


_PRODUCT_SPLIT = re.compile(r"[;；、\n\r]+")
_MODEL_AND_SPEC_IN_PARENS = re.compile(r"^(\S+?)\s*[(（]([^()（）]*)[)）]$")


def parse_products(value: object) -> list[ProductData]:
    """'QDJ2040 起动机 24V 5.5kW；JFZ2707 发电机' → two products: model, then spec."""
    products = []
    for piece in _PRODUCT_SPLIT.split(_cell_text(value)):
        piece = piece.strip()
        if not piece:
            continue
        if m := _MODEL_AND_SPEC_IN_PARENS.match(piece):  # QDJ2040 (起动机 24V), as we export
            model, spec = m.group(1), m.group(2)
        else:
            model, _, spec = piece.replace("\u3000", " ").partition(" ")
        products.append(ProductData(model=model.strip(), spec=spec.strip()))
    return products


def _volume_scale(header: str) -> float:
    _text, unit = _strip_unit(unicodedata.normalize("NFKC", header))
    return 1 / 10000 if "元" in unit and "万" not in unit else 1.0


# ---------------------------------------------------------------- rows


@dataclass
class ImportRow:
    excel_row: int
    data: CustomerData | None
    parse_errors: dict[str, FieldError] = field(default_factory=dict)
    errors: dict[str, FieldError] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # field path → column index

    @property
    def is_valid(self) -> bool:
        return self.data is not None and not self.errors


def build_rows(sheet: SheetData, mapping: dict[int, str]) -> list[ImportRow]:
    """One ImportRow per data row; values that cannot be read become errors of that row."""
    for column, name in mapping.items():
        if name not in _SCALAR_IMPORT_FIELDS and not (
            _CONTACT_FIELD.match(name) or _VOLUME_FIELD.match(name)
        ):
            raise ValueError(f"unknown import field {name!r} for column {column}")
    scales = {
        column: _volume_scale(sheet.headers[column] if column < len(sheet.headers) else "")
        for column, name in mapping.items()
        if name.startswith("volume:")
    }
    result = []
    for row in sheet.rows:
        result.append(_build_row(row, mapping, scales))
    return result


def _build_row(row: SheetRow, mapping: dict[int, str], scales: dict[int, float]) -> ImportRow:
    data = CustomerData()
    errors: dict[str, FieldError] = {}
    sources: dict[str, int] = {}
    contacts: dict[int, dict[str, tuple[str, int]]] = {}
    volume_cells: list[tuple[int, int, object]] = []

    def cell(column: int) -> object:
        return row.values[column] if column < len(row.values) else None

    for column, name in sorted(mapping.items()):
        value = cell(column)
        if m := _CONTACT_FIELD.match(name):
            contacts.setdefault(int(m.group(1)), {})[m.group(2)] = (_cell_text(value), column)
            continue
        if m := _VOLUME_FIELD.match(name):
            volume_cells.append((int(m.group(1)), column, value))
            continue
        sources[name] = column
        parsed: object
        if name == "type":
            parsed = parse_type(value)
        elif name == "status":
            parsed = parse_status(value)
        elif name == "potential":
            parsed = parse_bool(value)
        elif name == "grade":
            parsed = parse_grade(value)
        elif name == "cooperation_since":
            parsed = parse_date(value)
        elif name == "products":
            data.products = parse_products(value)
            for i in range(len(data.products)):
                sources[f"products[{i}].model"] = column
                sources[f"products[{i}].spec"] = column
            continue
        else:
            parsed = _cell_text(value)
        if isinstance(parsed, FieldError):
            errors[name] = parsed
        else:
            setattr(data, name, parsed)

    for _index, parts in sorted(contacts.items()):
        if not any(text for text, _column in parts.values()):
            continue  # empty contact columns: no contact (normalize would drop it too)
        position = len(data.contacts)
        data.contacts.append(ContactData(**{p: text for p, (text, _c) in parts.items()}))
        for part, (_text, column) in parts.items():
            sources[contact_field(position, part)] = column

    for year, column, value in volume_cells:
        amount = parse_amount(value, scales.get(column, 1.0))
        if isinstance(amount, FieldError):
            errors[volume_field(year)] = amount
            sources[volume_field(year)] = column
        elif amount is not None:
            position = len(data.volumes)
            data.volumes.append(VolumeData(year=year, amount_wan=amount))
            sources[f"volumes[{position}].year"] = column
            sources[f"volumes[{position}].amount_wan"] = column

    return ImportRow(row.excel_row, data, parse_errors=errors, errors=dict(errors), sources=sources)


# ---------------------------------------------------------------- validation and report


@dataclass(frozen=True)
class ImportIssue:
    excel_row: int
    column: str  # Excel column letter, "" when the field has no column
    header: str
    field: str
    error: FieldError
    # the user's word for a field without a header (default: the customer register's)
    labeler: Callable[[str, str | None], str] | None = None

    def message(self, lang: str | None = None) -> str:
        return self.error.message(lang)

    def describe(self, lang: str | None = None) -> str:
        """'第 5 行,E 列(邮箱):电子邮箱格式不正确…' in the current language."""
        where = self.header or (self.labeler or field_label)(self.field, lang)
        if self.column:
            place = pick(
                f"第 {self.excel_row} 行,{self.column} 列({where})",
                f"Row {self.excel_row}, column {self.column} ({where})",
                lang,
            )
        else:
            place = pick(
                f"第 {self.excel_row} 行({where})", f"Row {self.excel_row} ({where})", lang
            )
        return pick(f"{place}:{self.message(lang)}", f"{place}: {self.message(lang)}", lang)


@dataclass
class ImportReport:
    total: int
    valid: int
    invalid: int
    issues: list[ImportIssue]

    def summary(self, lang: str | None = None) -> str:
        return pick(
            f"共 {self.total} 行:有效 {self.valid} 行,有误 {self.invalid} 行。",
            f"{self.total} row(s): {self.valid} valid, {self.invalid} with errors.",
            lang,
        )

    def lines(self, lang: str | None = None) -> list[str]:
        return [issue.describe(lang) for issue in self.issues]


def make_report(
    rows: Sequence[ImportRow],
    sheet: SheetData | None = None,
    labeler: Callable[[str, str | None], str] | None = None,
) -> ImportReport:
    """The row-by-row report; any rows with excel_row, errors, sources and is_valid will do."""
    from openpyxl.utils import get_column_letter

    headers = sheet.headers if sheet else []
    issues = []
    for row in rows:
        for path, error in row.errors.items():
            column = row.sources.get(path)
            issues.append(
                ImportIssue(
                    excel_row=row.excel_row,
                    column=get_column_letter(column + 1) if column is not None else "",
                    header=headers[column] if column is not None and column < len(headers) else "",
                    field=path,
                    error=error,
                    labeler=labeler,
                )
            )
    issues.sort(key=lambda i: (i.excel_row, len(i.column), i.column or "~"))
    valid = sum(1 for r in rows if r.is_valid)
    return ImportReport(total=len(rows), valid=valid, invalid=len(rows) - valid, issues=issues)


def _codes_in_database(engine: Engine) -> dict[str, tuple[int, str]]:
    with Session(engine) as session:
        return {
            code.lower(): (cid, name)
            for cid, code, name in session.exec(select(Customer.id, Customer.code, Customer.name))
        }


def validate_rows(
    engine: Engine, rows: Sequence[ImportRow], sheet: SheetData | None = None
) -> ImportReport:
    """Check every row as the customer form would, plus duplicates within the file and codes
    already in the data file. Replaces each row's errors (parse errors are kept)."""
    in_database = _codes_in_database(engine)
    first_row_of: dict[str, list[ImportRow]] = {}
    for row in rows:
        row.errors = dict(row.parse_errors)
        if row.data is None:
            continue
        customer_service.normalize(row.data)
        try:
            customer_service.validate(
                row.data, existing_code_owner=lambda code: in_database.get(code.lower())
            )
        except ValidationError as exc:
            for path, error in exc.errors.items():
                row.errors.setdefault(path, error)
        if row.data.code:
            first_row_of.setdefault(row.data.code.lower(), []).append(row)
    for same in first_row_of.values():
        if len(same) < 2:
            continue
        for row in same:
            other = next(r for r in same if r is not row)
            row.errors.setdefault(
                "code",
                FieldError("duplicate_in_file", {"code": row.data.code, "row": other.excel_row}),
            )
    return make_report(rows, sheet)


def commit(
    engine: Engine,
    rows: Sequence[ImportRow],
    only_valid: bool,
    user: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Store the rows in one transaction; returns how many customers were stored.

    Unless only_valid, nothing is written when any row is invalid (ImportNotAllowed). With
    only_valid exactly the valid rows are stored. Rows are checked again first, so codes
    added meanwhile are refused instead of half-imported.
    """
    report = validate_rows(engine, rows)
    if report.invalid and not only_valid:
        raise ImportNotAllowed(report.invalid)
    valid = [row.data for row in rows if row.is_valid and row.data is not None]
    if not valid:
        return 0
    return customer_service.create_many(engine, valid, user, progress=progress)
