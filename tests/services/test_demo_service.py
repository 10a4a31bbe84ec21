"""Demo customers: reproducible, valid, and varied enough to exercise every rule."""

from __future__ import annotations

import re
from datetime import date

from app.services import customer_service, demo_service
from app.services.customer_service import CustomerData

TODAY = date(2026, 6, 30)
CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def last_full_year(customer: CustomerData, today: date = TODAY) -> float | None:
    return next((v.amount_wan for v in customer.volumes if v.year == today.year - 1), None)


def test_same_seed_same_customers_other_seed_other_customers():
    first = demo_service.generate_customers(60, seed=7, today=TODAY)
    assert first == demo_service.generate_customers(60, seed=7, today=TODAY)
    other = demo_service.generate_customers(60, seed=8, today=TODAY)
    assert [c.code for c in other] == [c.code for c in first]
    assert sum(a.name != b.name for a, b in zip(first, other, strict=True)) > 40


def test_a_customer_does_not_depend_on_the_count():
    assert (
        demo_service.generate_customers(10, today=TODAY)
        == (demo_service.generate_customers(30, today=TODAY)[:10])
    )
    assert (
        demo_service.generate_customers(5, start=11, today=TODAY)
        == (demo_service.generate_customers(15, today=TODAY)[10:])
    )


def test_every_generated_customer_passes_validation_and_codes_are_unique():
    customers = demo_service.generate_customers(500, seed=3)
    codes = [c.code for c in customers]
    assert codes[:2] == ["KH00001", "KH00002"] and codes[-1] == "KH00500"
    assert len({c.lower() for c in codes}) == 500
    for customer in customers:
        customer_service.validate(customer_service.normalize(customer))


def test_data_looks_like_chinese_customer_files():
    customers = demo_service.generate_customers(300, today=TODAY)
    assert all(CJK.match(c.name) for c in customers)
    assert all(c.name.endswith(("公司", "商行", "经营部", "配件城")) for c in customers)
    assert all(re.match(r"^0\d{2,3}-\d{7,8}$", c.phone) for c in customers)
    assert all(1 <= len(c.contacts) <= 4 for c in customers)
    assert {len(c.contacts) for c in customers} == {1, 2, 3, 4}
    assert all(CJK.match(p.name) for c in customers for p in c.contacts)
    departments = {p.department for c in customers for p in c.contacts}
    assert {"采购部", "质量部", "技术部", "售后服务部"} <= departments
    assert any(re.match(r"^1[3-9]\d{9}$", p.phone) for c in customers for p in c.contacts)
    assert any(
        p.model == "QDJ2040" and p.spec == "起动机 24V 5.5kW" for c in customers for p in c.products
    )
    assert all(c.products and c.sales_rep and c.address and c.cooperation_since for c in customers)
    assert {c.type for c in customers} == {"oem", "aftermarket", "distributor", "end_user"}
    assert {c.grade for c in customers} == {"A", "B", "C", "D"}


def test_volumes_cover_every_survey_tier_new_and_lost_customers():
    customers = demo_service.generate_customers(200, today=TODAY)
    amounts = [a for a in map(last_full_year, customers) if a is not None]
    assert any(a >= 100 for a in amounts)  # 100 % surveyed
    assert any(50 <= a < 100 for a in amounts)  # ≥ 90 %
    assert any(a < 50 for a in amounts)  # ≥ 80 % if two years or potential

    new = [c for c in customers if (TODAY - c.cooperation_since).days < 365]
    assert new and all(last_full_year(c) is None or c.cooperation_since.year == 2025 for c in new)
    assert any(c.potential for c in customers)
    two_years_small = [
        c
        for c in customers
        if (TODAY - c.cooperation_since).days >= 730 and (last_full_year(c) or 0) < 50
    ]
    assert two_years_small

    lost = [c for c in customers if c.status == "lost"]
    assert lost
    for customer in lost:
        amounts_by_year = [v.amount_wan for v in sorted(customer.volumes, key=lambda v: v.year)]
        assert amounts_by_year[-1] < amounts_by_year[0]  # the loss shows in the volumes
        assert not customer.potential
    declining_active = [
        c
        for c in customers
        if c.status == "active"
        and len(c.volumes) >= 3
        and c.volumes[-1].year < TODAY.year
        and c.volumes[-1].amount_wan < 0.8 * c.volumes[0].amount_wan
    ]
    assert declining_active  # the customer-loss analysis has something to find
    for customer in customers:
        years = [v.year for v in customer.volumes]
        assert years == sorted(years) and max(years) <= TODAY.year
        assert min(years) >= customer.cooperation_since.year


def test_load_demo_stores_once_and_skips_existing_codes(engine):
    customer_service.create(engine, CustomerData(code="kh00003", name="真实顾客"), "clerk")

    assert demo_service.load_demo(engine, customers=12, seed=1, user="demo") == 11
    assert customer_service.count(engine) == 12
    assert customer_service.get_by_code(engine, "KH00003").name == "真实顾客"
    assert demo_service.load_demo(engine, customers=12, seed=1) == 0
    assert demo_service.load_demo(engine, customers=15, seed=1) == 3
    assert customer_service.count(engine) == 15

    stored = customer_service.get_by_code(engine, "KH00001")
    expected = demo_service.generate_customers(1, seed=1)[0]
    assert (stored.name, stored.contacts, stored.volumes) == (
        expected.name,
        expected.contacts,
        expected.volumes,
    )
    assert {r.user for r in customer_service.history(engine, stored)} == {"demo"}
