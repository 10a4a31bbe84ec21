"""The customer list workbook 顾客清单 (SPEC §2.1, §3)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized

from openpyxl import Workbook

from app.i18n import pick
from app.reports.excel.sheet import Column, discard_workbook, save_workbook, write_table_sheet
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
    customers: Iterable[CustomerData],
    target_path: str | os.PathLike[str],
    lang: str = "zh_CN",
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    *,
    years: Sequence[int] | None = None,
    total: int | None = None,
) -> int:
    """Write the customer list workbook to target_path (atomically; ExportCancelled leaves none).

    The purchase-volume columns are `years` (customer_service.volume_years); without them the
    customers are read first to find the years. With the years given, `customers` may be a
    generator (customer_service.iter_customers), read once, one file at a time, straight into
    the sheet. Returns the number of customers written.
    """
    if years is None:
        customers = list(customers)
        years = sorted({v.year for c in customers for v in c.volumes})
    if total is None and isinstance(customers, Sized):
        total = len(customers)
    shown_years = list(years)
    written = 0

    def rows() -> Iterator[list[object]]:
        nonlocal written
        for customer in customers:
            yield customer_list_row(customer, shown_years, lang)
            written += 1

    title = pick("顾客清单", "Customers", lang)
    wb = Workbook(write_only=True)
    wb.properties.title = title
    wb.properties.creator = "QualityDesk"
    try:
        write_table_sheet(
            wb,
            title,
            customer_list_columns(shown_years, lang),
            rows(),
            lang=lang,
            progress=progress,
            is_cancelled=is_cancelled,
            total=total,
        )
    except BaseException:
        discard_workbook(wb)
        raise
    save_workbook(wb, target_path)
    return written
