"""Commands for satisfaction surveys: list campaigns, blank questionnaires, the summary, customer loss."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from app.cli.common import (
    CommandError,
    CommandGroups,
    Handler,
    PagedProgress,
    check_output,
    format_table,
    json_value,
    open_engine,
    print_json,
    whole_number,
    write_output,
)
from app.i18n import current_language, pick


def _year(text: str) -> int:
    year = whole_number(text)
    if not 1900 <= year <= 2999:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    return year


def add_parsers(groups: CommandGroups) -> None:
    listing = groups.list_what.add_parser(
        "surveys", help="print the survey campaigns", parents=[groups.common]
    )
    listing.add_argument(
        "--json", action="store_true", help="a JSON array of campaigns with invitees and actions"
    )
    blank = groups.export_what.add_parser(
        "survey-blank",
        help="the blank questionnaires of a campaign as one PDF",
        parents=[groups.common_bilingual],
        description="One questionnaire 顾客满意度调查表 (Q/JL090101-C) per invited customer, with "
        "the customer's name and contact filled in; --customer limits it to some customers.",
    )
    blank.add_argument("campaign", metavar="CAMPAIGN", help="campaign number, e.g. MY-2026-01")
    blank.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")
    blank.add_argument(
        "--customer", metavar="CODE", action="append", default=[],
        help="only this customer (repeat for more)",
    )  # fmt: skip
    blank.add_argument(
        "--unanswered", action="store_true", help="only the customers who have not answered yet"
    )
    summary = groups.export_what.add_parser(
        "survey-summary",
        help="the survey summary analysis 汇总分析表 as Excel (or PDF)",
        parents=[groups.common],
    )
    summary.add_argument("campaign", metavar="CAMPAIGN", help="campaign number, e.g. MY-2026-01")
    summary.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="workbook (or PDF with --pdf)"
    )
    summary.add_argument("--pdf", action="store_true", help="write the PDF form instead")
    loss = groups.export_what.add_parser(
        "customer-loss",
        help="the customer-loss analysis as Excel",
        parents=[groups.common],
        description="Every customer's annual volume in YEAR against YEAR−1: lost, fell, stable, "
        "grew, new — the biggest decline first.",
    )
    loss.add_argument("--year", type=_year, required=True, metavar="YEAR", help="e.g. 2026")
    loss.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="workbook")


def _campaign(engine, number: str):  # noqa: ANN001, ANN202
    from app.services import survey_service
    from app.services.validation import FieldError

    campaign = survey_service.get_campaign_by_number(engine, number.strip())
    if campaign is None:
        raise CommandError(
            FieldError("survey_campaign_not_found", {"number": number.strip()}).message()
        )
    return campaign


def _list_surveys(args: argparse.Namespace) -> int:
    from app.services import survey_service
    from app.services.complaint_data import label
    from app.services.survey_data import CAMPAIGN_STATUS_LABELS

    engine = open_engine(args)
    rows = survey_service.list_campaigns(engine)
    if args.json:
        campaigns = [survey_service.get_campaign(engine, row.id) for row in rows]
        print_json([json_value(asdict(c)) for c in campaigns if c is not None])  # type: ignore[misc]
        return 0
    headers = [
        pick("编号", "Number"),
        pick("名称", "Name"),
        pick("期间", "Period"),
        pick("模板", "Template"),
        pick("调查数", "Invited"),
        pick("回收数", "Answered"),
        pick("满意度", "Index"),
        pick("目标", "Target"),
        pick("状态", "Status"),
    ]
    table = [
        [
            r.number,
            r.name,
            f"{r.period_start.isoformat()} – {r.period_end.isoformat()}",
            r.template_label,
            str(r.invited),
            str(r.answered),
            "" if r.index_pct is None else f"{r.index_pct:.1f} %",
            f"{r.target_pct:g} %",
            label(CAMPAIGN_STATUS_LABELS, r.status),
        ]
        for r in rows
    ]
    print(format_table(headers, table))
    print(pick(f"共 {len(rows)} 次调查。", f"{len(rows)} campaign(s)."))
    return 0


def _export_blank(args: argparse.Namespace) -> int:
    from app.reports.pdf.survey_questionnaire_pdf import questionnaire_pdf
    from app.services import settings_service, survey_service

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    campaign = _campaign(engine, args.campaign)
    template = survey_service.get_template(engine, campaign.template_id)
    invitees = list(campaign.invitees)
    if args.customer:
        wanted = {code.strip().lower(): code.strip() for code in args.customer}  # as typed
        invitees = [i for i in invitees if i.customer_code.lower() in wanted]
        missing = [typed for key, typed in wanted.items()
                   if key not in {i.customer_code.lower() for i in invitees}]  # fmt: skip
        if missing:
            raise CommandError(
                pick(
                    f"调查 {campaign.number} 没有邀请顾客 {', '.join(sorted(missing))}。",
                    f"Campaign {campaign.number} does not invite {', '.join(sorted(missing))}.",
                )
            )
    if args.unanswered:
        invitees = [i for i in invitees if not i.answered]
    if not invitees:
        raise CommandError(
            pick(
                f"调查 {campaign.number} 没有要打印问卷的顾客。",
                f"Campaign {campaign.number} has no customer to print a questionnaire for.",
            )
        )
    progress = PagedProgress(len(invitees))
    pdf = questionnaire_pdf(
        template,
        campaign,
        invitees,
        settings_service.load(engine),
        lang=current_language(),
        progress=progress,
    )
    progress.finish()
    write_output(output, pdf)
    return 0


def _export_summary(args: argparse.Namespace) -> int:
    from app.services import settings_service
    from app.services.survey_results import campaign_results

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    campaign = _campaign(engine, args.campaign)
    results = campaign_results(engine, campaign.id)
    lang = current_language()
    settings = settings_service.load(engine)
    if args.pdf:
        from app.reports.pdf.survey_summary_pdf import survey_summary_pdf

        content = survey_summary_pdf(results, settings, lang=lang)
    else:
        from app.reports.excel.survey_summary_xlsx import survey_summary_xlsx

        content = survey_summary_xlsx(
            results,
            lang=lang,
            made_at=_now(),
            source_file=engine.url.database or "",
            company=settings.company_name,
        )
    write_output(output, content)
    return 0


def _export_loss(args: argparse.Namespace) -> int:
    from app.reports.excel.customer_loss_xlsx import customer_loss_xlsx
    from app.services import settings_service
    from app.services.customer_loss import customer_loss

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    loss = customer_loss(engine, args.year)
    content = customer_loss_xlsx(
        loss,
        lang=current_language(),
        made_at=_now(),
        source_file=engine.url.database or "",
        company=settings_service.load(engine).company_name,
    )
    write_output(output, content)
    print(
        pick(
            f"{args.year} 年:流失 {loss.count('lost')} 家,下降 {loss.count('fell')} 家。",
            f"{args.year}: {loss.count('lost')} lost, {loss.count('fell')} fell.",
        )
    )
    return 0


def _now():  # noqa: ANN202
    from datetime import datetime

    return datetime.now().astimezone()


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("list", "surveys"): _list_surveys,
    ("export", "survey-blank"): _export_blank,
    ("export", "survey-summary"): _export_summary,
    ("export", "customer-loss"): _export_loss,
}
