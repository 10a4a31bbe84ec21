"""The customer file card 顾客档案 (form Q/JL081301-C, SPEC §2.1)."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.i18n import pick
from app.reports.pdf.layout import (
    CONTENT_WIDTH,
    FormMeta,
    GridField,
    build_form_pdf,
    data_table,
    label_value_grid,
    section_heading,
)
from app.services.customer_service import CustomerData, status_label, type_label
from app.services.settings_service import FormSettings, form_title

FORM_KEY = "customer_card"


def format_date(value: date | datetime | None) -> str:
    """yyyy-mm-dd; timestamps are shown in the PC's local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (value.astimezone() if value.tzinfo else value).date().isoformat()
    return value.isoformat()


def format_wan(amount: float) -> str:
    return f"{amount:,.2f}"


def customer_card_pdf(customer: CustomerData, settings: FormSettings, lang: str = "zh_CN") -> bytes:
    """The customer's file card as PDF bytes (A4, every field, contacts, products, volumes)."""

    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    form = settings.form(FORM_KEY)
    meta = FormMeta(
        company_name=settings.company_name,
        logo_png=settings.logo_png,
        title=form_title(FORM_KEY, lang),
        form_code=form.code,
        revision=form.revision,
        record_no=customer.code,
        signatures=[
            (t("填表人/日期", "Prepared by / Date"), settings.clerk_name),
            (t("审核/日期", "Reviewed by / Date"), ""),
        ],
        lang=lang,
    )

    yes_no = t("是", "Yes") if customer.potential else t("否", "No")
    basics = label_value_grid(
        [
            [
                GridField(t("顾客编号", "Customer code"), customer.code),
                GridField(t("顾客类型", "Type"), type_label(customer.type, lang)),
            ],
            [GridField(t("顾客名称", "Name"), customer.name, span=2)],
            [
                GridField(t("简称", "Short name"), customer.short_name),
                GridField(t("状态", "Status"), status_label(customer.status, lang)),
            ],
            [
                GridField(t("顾客等级", "Grade"), customer.grade),
                GridField(t("潜在顾客", "Potential customer"), yes_no),
            ],
            [GridField(t("地址", "Address"), customer.address, span=2)],
            [
                GridField(t("电话", "Phone"), customer.phone),
                GridField(t("传真", "Fax"), customer.fax),
            ],
            [GridField(t("电子邮箱", "E-mail"), customer.email, span=2)],
            [
                GridField(t("业务员", "Sales rep"), customer.sales_rep),
                GridField(
                    t("合作起始日期", "Cooperation since"), format_date(customer.cooperation_since)
                ),
            ],
            [GridField(t("备注", "Notes"), customer.notes, span=2)],
            [
                GridField(t("建档日期", "Record created"), format_date(customer.created_at)),
                GridField(t("最后更新", "Last updated"), format_date(customer.updated_at)),
            ],
        ],
        label_width=pick(26 * mm, 33 * mm, lang),
    )

    contacts = data_table(
        [
            t("序号", "No."),
            t("姓名", "Name"),
            t("部门", "Department"),
            t("职务", "Title"),
            t("电话", "Phone"),
            t("电子邮箱", "E-mail"),
        ],
        [
            [str(i), c.name, c.department, c.title, c.phone, c.email]
            for i, c in enumerate(customer.contacts, start=1)
        ],
        _widths(CONTENT_WIDTH, [11 * mm, 28 * mm, 30 * mm, 26 * mm, 34 * mm, None]),
        aligns=["CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT"],
    )

    products = data_table(
        [t("序号", "No."), t("产品型号", "Model"), t("规格", "Specification"), t("备注", "Notes")],
        [[str(i), p.model, p.spec, p.notes] for i, p in enumerate(customer.products, start=1)],
        _widths(CONTENT_WIDTH, [11 * mm, 45 * mm, 60 * mm, None]),
        aligns=["CENTER", "LEFT", "LEFT", "LEFT"],
    )

    volumes = data_table(
        [t("年度", "Year"), t("采购额(万元)", "Purchases (10k CNY)")],
        [
            [str(v.year), format_wan(v.amount_wan)]
            for v in sorted(customer.volumes, key=lambda v: v.year)
        ],
        [30 * mm, 45 * mm],
        aligns=["CENTER", "RIGHT"],
    )
    volumes.hAlign = "LEFT"

    story: list[Flowable] = [
        *section_heading(t("一、基本信息", "1. General")),
        *basics,
        Spacer(1, 2 * mm),
        *section_heading(t("二、联系人", "2. Contacts")),
        contacts,
        Spacer(1, 2 * mm),
        *section_heading(t("三、采购产品", "3. Products bought")),
        products,
        Spacer(1, 2 * mm),
        *section_heading(t("四、年采购额", "4. Annual purchase volume")),
        volumes,
    ]
    return build_form_pdf(meta, story)


def _widths(total: float, widths: list[float | None]) -> list[float]:
    """Fixed column widths; the one None column takes what is left of `total`."""
    fixed = sum(w for w in widths if w is not None)
    return [w if w is not None else total - fixed for w in widths]
