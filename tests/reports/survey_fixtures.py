"""Survey records built directly as plain data (no database): templates, campaigns, answers,
results and a customer-loss analysis, with Chinese names and some hostile user text."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.services.complaint_data import ActionData
from app.services.survey_data import (
    DEFAULT_ITEMS,
    AnswerData,
    CampaignData,
    CampaignResults,
    CustomerLoss,
    CustomerResult,
    InviteeData,
    ItemResult,
    LossRow,
    ResponseData,
    TemplateData,
    TemplateItemData,
    TierCoverage,
    TrendPoint,
)

HOSTILE = '<b>&amp;</b> <font size=40>大</font> "&"'
FORMULA = "=1+1"
CUSTOMERS = [
    ("KH001", "长春华通汽车有限公司", "王建国", "13800130001"),
    ("KH002", "上海华东汽车零部件制造有限公司", "李娜", "021-69581234"),
    ("KH003", "宁波北仑制动系统有限公司", "", ""),  # no contact on file: lines to write on
    ("KH004", "重庆长安配套件有限公司", "刘洋", "023-61234567"),
]


def template(**overrides: object) -> TemplateData:
    """The default seven weighted items on the five-level scale, every question asked."""
    data = TemplateData(
        name="顾客满意度调查表",
        scale="five",
        ask_importance=True,
        ask_competitor=True,
        ask_loyalty=True,
        items=[
            TemplateItemData(name=name, weight=weight, key=f"k{i}", id=100 + i)
            for i, (name, weight) in enumerate(DEFAULT_ITEMS, start=1)
        ],
        id=7,
        lineage="lineage-7",
        version=2,
        frozen=True,
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def invitee(n: int, tier: str = "all") -> InviteeData:
    code, name, contact, phone = CUSTOMERS[(n - 1) % len(CUSTOMERS)]
    if n > len(CUSTOMERS):
        code, name = f"KH{n:03d}", f"{name[:-6]}{n:03d}有限公司"
    return InviteeData(
        customer_id=n,
        tier=tier,
        contact_name=contact,
        contact_phone=phone,
        customer_code=code,
        customer_name=name,
    )


def invitees(count: int) -> list[InviteeData]:
    return [invitee(n, ("all", "most", "many")[n % 3]) for n in range(1, count + 1)]


def campaign(**overrides: object) -> CampaignData:
    data = CampaignData(
        name="2025 上半年",
        year=2025,
        period="h1",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        answer_by=date(2025, 7, 30),
        template_id=7,
        target_pct=95.0,
        threshold_pct=80.0,
        volume_year=2024,
        invitees=invitees(4),
        id=3,
        number="MY-2025-02",
        status="open",
        template_label="顾客满意度调查表 v2",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def response(customer_id: int, levels: list[int | None], **overrides: object) -> ResponseData:
    """Answers for the template's items in order: levels, importance 5-4-3…, competitor."""
    choices = ["better", "same", "worse", ""]
    data = ResponseData(
        campaign_id=3,
        customer_id=customer_id,
        answered_on=date(2025, 7, 12),
        respondent="张经理",
        respondent_title="质量部经理",
        method="visit",
        surveyor="周小红",
        keep_buying="yes",
        recommend=8,
        comments="交货期偶有延误，希望改进。",
        answers=[
            AnswerData(
                item_id=100 + i,
                level=level,
                importance=None if level is None else 5 - (i - 1) % 5,
                competitor="" if level is None else choices[(i - 1) % 4],
            )
            for i, level in enumerate(levels, start=1)
        ],
        id=customer_id,
        index_pct=86.0,
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def action(action_id: int, **overrides: object) -> ActionData:
    data = ActionData(
        id=action_id,
        kind="corrective",
        description="交货期：增加安全库存，每周评审交付计划",
        department="生产部",
        owner="李强",
        due=date(2025, 9, 30),
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def results(**overrides: object) -> CampaignResults:
    """The results of campaign MY-2025-02: 4 invited, 3 answered, 交货期 below the threshold."""
    data = CampaignResults(
        campaign=campaign(
            actions=[
                action(51),
                action(
                    52,
                    description=HOSTILE,
                    department="销售部",
                    owner="赵敏",
                    due=date(2025, 8, 31),
                    done_on=date(2025, 8, 20),
                    verification="effective",
                    verified_by="周小红",
                    verified_on=date(2025, 9, 5),
                ),
            ],
            action_items={51: "k2", 52: "k4"},  # 交货期, and the item named "=1+1"
        ),
        template=template(),
        index_pct=88.53,
        invited=4,
        answered=3,
        late=1,
        partial=1,
        items=[
            ItemResult("k1", "产品质量", 25.0, 3, 93.33, False, 4.67, 2, 1, 0, False),
            ItemResult("k2", "交货期", 20.0, 3, 73.33, True, 4.0, 0, 1, 2, True),
            ItemResult("k3", "价格", 15.0, 3, 80.0, False, 3.0, 1, 1, 1, False),
            ItemResult("k4", FORMULA, 10.0, 2, 90.0, False, 2.5, 1, 1, 0, True),
            ItemResult("k5", "投诉处理", 10.0, 3, 86.67, False, None, 0, 3, 0, False),
            ItemResult("k6", "技术支持", 10.0, 3, 100.0, False, 5.0, 3, 0, 0, False),
            ItemResult("k7", "包装", 10.0, 0, None, False, None, 0, 0, 0, False),
        ],
        customers=[
            CustomerResult(
                3, "KH003", FORMULA, "many", 76.0, date(2025, 8, 2), True, False, "maybe", 5
            ),
            CustomerResult(
                2,
                "KH002",
                "上海华东汽车零部件制造有限公司",
                "most",
                91.6,
                date(2025, 7, 12),
                False,
                True,
                "yes",
                9,
            ),  # fmt: skip
            CustomerResult(
                1,
                "KH001",
                "长春华通汽车有限公司",
                "all",
                98.0,
                date(2025, 7, 5),
                False,
                False,
                "yes",
                10,
            ),  # fmt: skip
        ],
        coverage=[
            TierCoverage("all", 100, 2, 2, 1),
            TierCoverage("most", 90, 1, 1, 1),
            TierCoverage("many", 80, 5, 1, 1),
            TierCoverage("optional", None, 3, 0, 0),
        ],
        trend=[
            TrendPoint(1, "MY-2024-01", "2024 上半年", date(2024, 1, 1), 90.5, 95.0, 12),
            TrendPoint(2, "MY-2024-02", "2024 下半年", date(2024, 7, 1), None, 95.0, 0),
            TrendPoint(3, "MY-2025-02", "2025 上半年", date(2025, 1, 1), 88.53, 97.0, 3),
        ],
        keep_buying={"yes": 2, "maybe": 1, "no": 0},
        recommend_avg=8.0,
        promoters=2,
        detractors=1,
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def loss(count: int = 0) -> CustomerLoss:
    """2025 against 2024: one of each kind, biggest decline first (as the service sorts);
    `count` more customers that fell, for a bigger list."""
    rows = [
        LossRow(1, "KH001", "长春华通汽车有限公司", "lost", "赵敏", 320.0, None, "lost"),
        LossRow(2, "KH002", FORMULA, "active", HOSTILE, 500.0, 380.5, "fell"),
        LossRow(3, "KH003", "宁波北仑制动系统有限公司", "active", "钱进", 80.0, 80.0, "stable"),
        LossRow(4, "KH004", "重庆长安配套件有限公司", "active", "赵敏", 120.0, 260.0, "grew"),
        LossRow(5, "KH005", "广州新锐汽车科技有限公司", "active", "钱进", None, 45.0, "new"),
    ]
    extra = [
        LossRow(
            10 + n,
            f"KH{10 + n:03d}",
            f"测试顾客{n:02d}有限公司",
            "active",
            "赵敏",
            100.0 + n,
            100.0 - n,
            "fell",
        )  # fmt: skip
        for n in range(1, count + 1)
    ]
    rows = sorted(rows + extra, key=lambda r: r.change_wan)
    return CustomerLoss(
        year=2025,
        rows=rows,
        previous_total=sum(r.previous_wan or 0 for r in rows),
        current_total=sum(r.current_wan or 0 for r in rows),
    )


def convert_with_libreoffice(source: Path, target_format: str, tmp_path: Path) -> Path:
    """Convert a file with LibreOffice headless into tmp_path/out; skip without it (not in CI)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed")
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{home / 'lo-profile'}",
            "--convert-to",
            target_format,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(home)},
        timeout=300,
    )
    return tmp_path / "out" / f"{source.stem}.{target_format.split(':')[0]}"
