"""The customer list workbook 顾客清单 (SPEC §2.1, §3)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import BinaryIO

from openpyxl import Workbook

from app.i18n import pick
from app.reports.excel.sheet import Column, write_table_sheet
from app.reports.files import write_atomically
from app.services.customer_service import CustomerData, status_label, type_label


def customer_list_columns(years: Sequence[int], lang: str) -> list[Column]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    return [
        Column(t("顾客编号", "Code")),
        Column(t("顾客名称", "Name")),
        Column(t("简称", "Short name")),
        Column(t("顾客类型", "Type")),
        Column(t("状态", "Status")),
        Column(t("等级", "Grade")),
        Column(t("潜在顾客", "Potential")),
        Column(t("地址", "Address")),
        Column(t("电话", "Phone")),
        Column(t("传真", "Fax")),
        Column(t("电子邮箱", "E-mail")),
        Column(t("联系人", "Contact")),
        Column(t("联系人电话", "Contact phone")),
        Column(t("联系人数", "Contacts"), kind="integer"),
        Column(t("采购产品", "Products")),
        Column(t("业务员", "Sales rep")),
        Column(t("合作起始日期", "Cooperation since"), kind="date"),
        *(
            Column(t(f"{y}年采购额(万元)", f"{y} purchases (10k CNY)"), kind="number")
            for y in years
        ),
        Column(t("备注", "Notes")),
        Column(t("更新日期", "Updated"), kind="date"),
    ]


def _products(customer: CustomerData) -> str:
    return "; ".join(f"{p.model} ({p.spec})" if p.spec else p.model for p in customer.products)


def customer_list_row(customer: CustomerData, years: Sequence[int], lang: str) -> list[object]:
    first = customer.contacts[0] if customer.contacts else None
    volume = {v.year: v.amount_wan for v in customer.volumes}
    return [
        customer.code,
        customer.name,
        customer.short_name,
        type_label(customer.type, lang),
        status_label(customer.status, lang),
        customer.grade,
        pick("是", "Yes", lang) if customer.potential else pick("否", "No", lang),
        customer.address,
        customer.phone,
        customer.fax,
        customer.email,
        first.name if first else "",
        first.phone if first else "",
        len(customer.contacts),
        _products(customer),
        customer.sales_rep,
        customer.cooperation_since,
        *(volume.get(y) for y in years),
        customer.notes,
        customer.updated_at,
    ]


def customer_list_xlsx(
    customers: Sequence[CustomerData],
    target_path: str | os.PathLike[str],
    lang: str = "zh_CN",
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> None:
    """Write the customer list workbook to target_path (atomically; ExportCancelled leaves none)."""
    years = sorted({v.year for c in customers for v in c.volumes})
    rows = [customer_list_row(c, years, lang) for c in customers]
    title = pick("顾客清单", "Customers", lang)

    def write(stream: BinaryIO) -> None:
        wb = Workbook(write_only=True)
        wb.properties.title = title
        wb.properties.creator = "QualityDesk"
        write_table_sheet(
            wb,
            title,
            customer_list_columns(years, lang),
            rows,
            lang=lang,
            progress=progress,
            is_cancelled=is_cancelled,
        )
        wb.save(stream)

    write_atomically(target_path, write)
