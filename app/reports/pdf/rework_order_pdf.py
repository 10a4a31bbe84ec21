"""The rework order 重工工令 (seed 002 §7.2): one page per returned line to be reworked.

Quality decides that a returned lot can be repaired; production planning (生管/PMC) issues the
rework order to manufacturing with the instruction — rework, or 100 % inspection — and quality
checks the pieces after the rework. The blanks are filled in by hand on the shop floor.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak

from app.reports.pdf.eight_d_pdf import grid, heading, kept, value_width
from app.reports.pdf.form_text import (
    FormText,
    fill_in,
    format_date,
    format_qty,
    joined,
    labels,
    tick_options,
)
from app.reports.pdf.layout import GridField, build_form_pdf
from app.reports.pdf.return_report_pdf import customer_text, form_meta
from app.services.return_data import REWORK_INSTRUCTION_LABELS, ReturnData, ReturnLineData
from app.services.settings_service import FormSettings

FORM_KEY = "rework_order"


def rework_lines(
    data: ReturnData, line_positions: Sequence[int] | None = None
) -> list[tuple[int, ReturnLineData]]:
    """(0-based position, line) of the lines to print: the given ones, else those with rework.

    Raises ValueError when there is nothing to print or a position does not exist.
    """
    if line_positions is None:
        chosen = [(i, line) for i, line in enumerate(data.lines) if (line.qty_rework or 0) > 0]
        if not chosen:
            raise ValueError(
                f"return {data.number or '(new)'} has no line with a quantity to rework; "
                "a rework order needs one"
            )
        return chosen
    if not line_positions:
        raise ValueError("no line chosen for the rework order")
    count = len(data.lines)
    for position in line_positions:
        if not 0 <= position < count:
            raise ValueError(
                f"line position {position} does not exist: the return has {count} line(s), "
                f"positions 0 to {count - 1}"
            )
    return [(position, data.lines[position]) for position in line_positions]


def instruction_choices(t: FormText, chosen: str, width: float) -> list[Flowable]:
    """重工 / 100%全检 as tick boxes, the chosen one ticked."""
    return tick_options(
        [(t(*pair), key == chosen) for key, pair in REWORK_INSTRUCTION_LABELS.items()], width
    )


def _order(t: FormText, data: ReturnData, position: int, line: ReturnLineData) -> list[Flowable]:
    narrow, wide = value_width(t), value_width(t, 2)
    order = [
        [
            GridField(t("重工工令号", "Rework order no."), line.rework_order_no),
            GridField(
                t("退货单号/行", "Return no. / line"),
                f"{data.number} / {position + 1}" if data.number else "",
            ),
        ],
        [GridField(t("顾客", "Customer"), customer_text(data))],
        [
            GridField(t("料号", "Material no."), line.material_no),
            GridField(t("品名", "Name"), line.material_name),
        ],
        [
            GridField(t("批次号", "Batch / lot"), line.batch_no),
            GridField(
                t("重工数量", "Qty to rework"),
                format_qty(line.qty_rework) if line.qty_rework else "",
            ),
        ],
        [
            GridField(
                t("作业方式", "Instruction"),
                instruction_choices(t, line.rework_instruction, wide),
            )
        ],
        [GridField(t("不良现象", "Defect found"), fill_in(line.defect_found, 2))],
        [
            GridField(
                t("作业要求", "Instructions"),
                fill_in(line.rework_notes, 3),
            )
        ],
        [
            GridField(t("要求完成日期", "Finish by"), ""),
            GridField(
                t("判定人/日期", "Decided by / on"),
                joined(line.disposed_by, format_date(line.disposed_on)),
            ),
        ],
    ]
    issued = [
        [
            GridField(t("开立人", "Issued by"), ""),
            GridField(t("开立日期", "Issued on"), ""),
        ],
    ]
    production = [
        [
            GridField(t("制造单位", "Production unit"), ""),
            GridField(t("接收人", "Received by"), ""),
        ],
        [
            GridField(t("接收日期", "Received on"), ""),
            GridField(t("完成日期", "Finished on"), ""),
        ],
        [
            GridField(t("实际重工数量", "Qty reworked"), ""),
            GridField(t("工时/备注", "Hours / notes"), ""),
        ],
    ]
    check = [
        [
            GridField(t("检验数量", "Qty checked"), ""),
            GridField(t("合格数量", "Qty passed"), ""),
        ],
        [
            GridField(t("不合格数量", "Qty failed"), ""),
            GridField(
                t("判定", "Verdict"),
                tick_options([(t("合格", "Pass"), False), (t("不合格", "Fail"), False)], narrow),
            ),
        ],
        [GridField(t("不合格品处理", "Failed pieces handled"), fill_in("", 2))],
        [
            GridField(t("检验员", "Checked by"), ""),
            GridField(t("检验日期", "Checked on"), ""),
        ],
    ]
    return [
        *kept(heading(t("一、重工工令", "1. Rework order")), grid(t, order)),
        *kept(heading(t("二、生管/PMC开立", "2. Issued by production planning")), grid(t, issued)),
        *kept(heading(t("三、制造单位接收与完成", "3. Production")), grid(t, production)),
        *kept(heading(t("四、重工后品质检验", "4. Quality check after rework")), grid(t, check)),
    ]


def _signatures(t: FormText) -> list[tuple[str, str]]:
    return [
        (t("开立(生管/PMC)", "Issued (PMC)"), ""),
        (t("制造单位", "Production"), ""),
        (t("品质检验", "Quality check"), ""),
        (t("批准", "Approved"), ""),
    ]


def rework_order_pdf(
    data: ReturnData,
    settings: FormSettings,
    lang: str = "zh_CN",
    line_positions: list[int] | None = None,
) -> bytes:
    """Rework orders as PDF bytes (A4, one page per line; "zh_CN", "en" or "bilingual").

    Every line with a quantity to rework, or the lines at the given 0-based positions.
    Raises ValueError when no line has rework (or a position does not exist).
    """
    t = labels(lang)
    chosen = rework_lines(data, line_positions)
    numbers = {line.rework_order_no for _, line in chosen}
    # the page frame is the same on every page: one order prints its number, several the return's
    record_no = numbers.pop() if len(chosen) == 1 and numbers != {""} else data.number
    meta = form_meta(t, settings, FORM_KEY, record_no, _signatures(t))
    story: list[Flowable] = []
    for index, (position, line) in enumerate(chosen):
        if index:
            story.append(PageBreak())
        story += _order(t, data, position, line)
    return build_form_pdf(meta, story)
