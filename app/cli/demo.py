"""The demo command: plausible customers, complaints, returns and surveys to try the app with."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from app.cli.common import (
    Progress,
    open_engine,
    seed_number,
    whole_number,
    whole_number_or_none,
    writing,
)
from app.i18n import pick


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo",
        help="add demo customers, complaints, returns, surveys and field work",
        parents=[common],
        description="Add demo customers KH00001 … KH<N>; codes already present are skipped, "
        "so running it twice adds nothing.",
    )
    demo.add_argument(
        "--customers", type=whole_number, default=200, metavar="N", help="default 200"
    )
    demo.add_argument(
        "--complaints",
        type=whole_number_or_none,
        default=60,
        metavar="N",
        help="add demo complaint tickets until there are N (default 60; 0 for none)",
    )
    demo.add_argument(
        "--returns",
        type=whole_number_or_none,
        default=40,
        metavar="N",
        help="add demo returns until there are N (default 40; 0 for none)",
    )
    demo.add_argument(
        "--surveys",
        type=whole_number_or_none,
        default=4,
        metavar="N",
        help="satisfaction surveys of the last N half-years, the current one still open "
        "(default 4; 0 for none)",
    )
    demo.add_argument(
        "--no-field",
        dest="field",
        action="store_false",
        help="no demo field work (by default a month of service reports and visits)",
    )
    demo.add_argument("--seed", type=seed_number, default=1, metavar="S", help="default 1")


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
    with writing(args):
        return _add_demo_records(args)


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
