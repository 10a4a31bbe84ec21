"""The demo command: plausible customers, complaints, returns and surveys to try the app with.

Without --scale it goes through the services record by record (a few hundred records, to try
the app); --scale small/medium/large fills an empty data file in bulk (demo_scale): large is
ten years of a big plant, 100,000 complaint tickets, made in minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date, datetime

from app.cli.common import (
    CommandError,
    Progress,
    day_arg,
    open_engine,
    seed_number,
    whole_number,
    writing,
)
from app.i18n import pick

SCALES = {"small": 1_000, "medium": 10_000, "large": 100_000}  # complaint tickets
MAX_COUNT = 10_000_000
ONE_BY_ONE_MAX = 99_999  # without --scale: through the services, one record at a time


def count_arg(text: str) -> int:
    """A count of records, 0 for none."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_COUNT}, not {value}")
    return value


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo",
        help="add demo customers, complaints, returns, surveys and field work",
        parents=[common],
        description="Add demo customers KH00001 … KH<N>; codes already present are skipped, "
        "so running it twice adds nothing. With --scale: ten years of records in bulk, into "
        "a data file that holds no customers, complaints, returns, surveys or field records.",
    )
    demo.add_argument(
        "--scale",
        choices=tuple(SCALES),
        help="bulk demo data over ten years: large = 5,000 customers, 100,000 complaints, "
        "100,000 return lines, 20,000 survey answers, 10,000 service reports (minutes); "
        "medium and small a tenth and a hundredth of it",
    )
    demo.add_argument(
        "--customers", type=whole_number, default=None, metavar="N", help="default 200"
    )
    demo.add_argument(
        "--complaints",
        type=count_arg,
        default=None,
        metavar="N",
        help="add demo complaint tickets until there are N (default 60; 0 for none); "
        "with --scale the other counts follow it unless given",
    )
    demo.add_argument(
        "--returns",
        type=count_arg,
        default=None,
        metavar="N",
        help="add demo returns until there are N (default 40; 0 for none); "
        "with --scale: returned lines",
    )
    demo.add_argument(
        "--surveys",
        type=count_arg,
        default=None,
        metavar="N",
        help="satisfaction surveys of the last N half-years, the current one still open "
        "(default 4; 0 for none)",
    )
    demo.add_argument(
        "--survey-answers",
        type=count_arg,
        default=None,
        metavar="N",
        help="with --scale: answers to survey items",
    )
    demo.add_argument(
        "--service-reports",
        type=count_arg,
        default=None,
        metavar="N",
        help="with --scale: field service reports (and six visits for every ten)",
    )
    demo.add_argument(
        "--no-field",
        dest="field",
        action="store_false",
        help="no demo field work (by default a month of service reports and visits)",
    )
    demo.add_argument(
        "--seed",
        type=seed_number,
        default=1,
        metavar="S",
        help="default 1; the same seed gives the same records",
    )
    demo.add_argument(
        "--as-of",
        type=day_arg,
        default=None,
        metavar="DATE",
        help="with --scale: the ten years end when DATE begins (default: now); with the same "
        "seed and DATE the data file is the same whenever it is made",
    )


def _timed(load: Callable[[Progress], int], total: int) -> tuple[int, float]:
    """Run a demo loader with progress on stderr; (records added, seconds)."""
    started = time.perf_counter()
    progress = Progress(total)
    try:
        added = load(progress)
    finally:
        progress.finish()
    return added, time.perf_counter() - started


def run(args: argparse.Namespace) -> int:
    """Add the demo records while holding the data file's lock (the window must be closed)."""
    plan = _scale_plan(args) if args.scale else None
    if plan is None:
        _check_one_by_one(args)
    with writing(args):
        return _add_demo_records(args) if plan is None else _build_at_scale(args, plan)


def _check_one_by_one(args: argparse.Namespace) -> None:
    only_scale = [
        option
        for option, value in (
            ("--survey-answers", args.survey_answers),
            ("--service-reports", args.service_reports),
            ("--as-of", args.as_of),
        )
        if value is not None
    ]
    if only_scale:
        raise CommandError(
            pick(
                f"{only_scale[0]} 只能与 --scale 一起使用。",
                f"{only_scale[0]} goes with --scale only.",
            )
        )
    for option, value in (("--complaints", args.complaints), ("--returns", args.returns)):
        if value is not None and value > ONE_BY_ONE_MAX:
            raise CommandError(
                pick(
                    f"{option} 不加 --scale 时最多 {ONE_BY_ONE_MAX};更多请用 --scale。",
                    f"{option} is at most {ONE_BY_ONE_MAX} without --scale; use --scale for more.",
                )
            )
    args.customers = 200 if args.customers is None else args.customers
    args.complaints = 60 if args.complaints is None else args.complaints
    args.returns = 40 if args.returns is None else args.returns
    args.surveys = 4 if args.surveys is None else args.surveys


def _scale_plan(args: argparse.Namespace):  # noqa: ANN202  (a demo_scale.ScalePlan)
    """The preset, or the large plant's mix scaled to --complaints, with the counts given."""
    from dataclasses import replace

    from app.services.demo_scale import ScalePlan

    complaints = SCALES[args.scale] if args.complaints is None else args.complaints
    plan = ScalePlan.for_complaints(complaints, seed=args.seed)
    if args.scale == "large" and args.complaints is None:
        plan = ScalePlan.large(seed=args.seed)
    overrides: dict[str, object] = {}
    if args.customers is not None:
        overrides["customers"] = args.customers
    if args.returns is not None:
        overrides["return_lines"] = args.returns
    if args.as_of is not None:
        if args.as_of > date.today():
            raise CommandError(
                pick(
                    f"--as-of {args.as_of} 在今天之后。",
                    f"--as-of {args.as_of} is after today.",
                )
            )
        overrides["now"] = datetime.combine(args.as_of, datetime.min.time()).astimezone()
    if args.survey_answers is not None:
        overrides["survey_answers"] = args.survey_answers
    if args.service_reports is not None:
        overrides["service_reports"] = args.service_reports
        overrides["visits"] = round(args.service_reports * 0.6)
    if args.surveys is not None or not args.field:
        raise CommandError(
            pick(
                "--surveys 与 --no-field 不能与 --scale 一起使用(用 --survey-answers 0、"
                "--service-reports 0)。",
                "--surveys and --no-field do not go with --scale (use --survey-answers 0, "
                "--service-reports 0).",
            )
        )
    return replace(plan, **overrides)


_KIND_LABELS = {
    "customers": ("顾客", "customers"),
    "complaints": ("抱怨单", "complaints"),
    "return lines": ("退货行", "return lines"),
    "survey answers": ("调查答项", "survey answers"),
    "service reports": ("现场服务报告", "service reports"),
    "visits": ("走访报告", "visits"),
}


class _KindProgress:
    """ "抱怨单 12000/100000" on stderr, a line per kind, when someone watches it."""

    def __init__(self) -> None:
        self.kind = ""
        self.line = Progress(0)

    def __call__(self, kind: str, done: int, total: int) -> None:
        if kind != self.kind:
            self.line.finish()
            self.kind, self.line = kind, Progress(total)
        label = pick(*_KIND_LABELS.get(kind, (kind, kind)))
        if sys.stderr.isatty():
            print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)
            self.line.shown = True

    def finish(self) -> None:
        self.line.finish()


def _build_at_scale(args: argparse.Namespace, plan) -> int:  # noqa: ANN001
    from app.cli.common import data_file
    from app.services import demo_scale

    engine = open_engine(args)
    progress = _KindProgress()
    started = time.perf_counter()
    try:
        made = demo_scale.build(engine, plan, progress=progress)
    except demo_scale.NotEmpty as exc:
        held = [f"{name} {count}" for name, count in exc.counts.items()]
        raise CommandError(
            pick(
                f"数据文件中已有记录({'、'.join(held)}):大规模演示数据只能生成到空的数据文件中"
                "(可用 --data-dir 指定一个新文件夹)。",
                f"The data file already holds records ({', '.join(held)}); the scale demo fills an "
                "empty data file only (give a new folder with --data-dir).",
            )
        ) from exc
    finally:
        progress.finish()
    seconds = time.perf_counter() - started
    engine.dispose()
    try:
        megabytes = f"{data_file(args).stat().st_size / 1024 / 1024:.0f} MB"
    except CommandError:  # a database server: its size is not a file's
        megabytes = "—"
    print(
        pick(
            f"已生成演示数据(--scale {args.scale},种子 {plan.seed}):顾客 {made['customers']} 位,"
            f"抱怨单 {made['complaints']} 张(措施 {made['complaint_actions']} 项),"
            f"退货 {made['returns']} 张 {made['return_lines']} 行,"
            f"满意度调查 {made['survey_campaigns']} 次 {made['survey_responses']} 份答卷 "
            f"{made['survey_answers']} 项,现场服务报告 {made['service_reports']} 份,"
            f"走访报告 {made['visits']} 份,照片 {made['photo_files']} 张,"
            f"用时 {seconds:.0f} 秒;数据文件 {megabytes}。",
            f"Demo data made (--scale {args.scale}, seed {plan.seed}): "
            f"{made['customers']} customers, {made['complaints']} complaint tickets "
            f"({made['complaint_actions']} actions), {made['returns']} returns with "
            f"{made['return_lines']} lines, {made['survey_campaigns']} survey campaigns with "
            f"{made['survey_responses']} responses and {made['survey_answers']} answers, "
            f"{made['service_reports']} service reports, {made['visits']} visits, "
            f"{made['photo_files']} photos, in {seconds:.0f} s; data file {megabytes}.",
        )
    )
    return 0


def _add_demo_records(args: argparse.Namespace) -> int:
    from app.services import (
        demo_complaints,
        demo_field,
        demo_returns,
        demo_service,
        demo_surveys,
        settings_service,
    )

    engine = open_engine(args)
    user = settings_service.current_user(engine)
    stored, seconds = _timed(
        lambda progress: demo_service.load_demo(
            engine, customers=args.customers, seed=args.seed, user=user, progress=progress
        ),
        args.customers,
    )
    first, last = demo_service.demo_code(1), demo_service.demo_code(args.customers)
    print(
        pick(
            f"已添加 {stored} 位演示顾客(编号 {first}–{last},已有的跳过),用时 {seconds:.1f} 秒。",
            f"{stored} demo customer(s) added (codes {first}–{last}, "
            f"existing ones skipped) in {seconds:.1f} s.",
        )
    )
    if args.complaints:
        added, seconds = _timed(
            lambda progress: demo_complaints.load_demo_complaints(
                engine, count=args.complaints, seed=args.seed, user=user, progress=progress
            ),
            args.complaints,
        )
        print(
            pick(
                f"已添加 {added} 张演示抱怨单(共 {args.complaints} 张为止),用时 {seconds:.1f} 秒。",
                f"{added} demo complaint ticket(s) added (up to {args.complaints}) "
                f"in {seconds:.1f} s.",
            )
        )
    if args.returns:
        added, seconds = _timed(
            lambda progress: demo_returns.load_demo_returns(
                engine, count=args.returns, seed=args.seed, user=user, progress=progress
            ),
            args.returns,
        )
        print(
            pick(
                f"已添加 {added} 张演示退货单(共 {args.returns} 张为止),用时 {seconds:.1f} 秒。",
                f"{added} demo return(s) added (up to {args.returns}) in {seconds:.1f} s.",
            )
        )
    if args.surveys:
        added, seconds = _timed(
            lambda progress: demo_surveys.load_demo_surveys(
                engine, campaigns=args.surveys, seed=args.seed, user=user, progress=progress
            ),
            args.surveys,
        )
        print(
            pick(
                f"已添加 {added} 次演示满意度调查(含答卷),用时 {seconds:.1f} 秒。",
                f"{added} demo survey campaign(s) with answers added in {seconds:.1f} s.",
            )
        )
    if args.field:
        started = time.perf_counter()
        added = demo_field.load_demo_field(engine, seed=args.seed, user=user)
        seconds = time.perf_counter() - started
        print(
            pick(
                f"已添加 {added} 份演示现场服务报告和走访报告(一个月),用时 {seconds:.1f} 秒。",
                f"{added} demo service and visit report(s) (a month) added in {seconds:.1f} s.",
            )
        )
    return 0
