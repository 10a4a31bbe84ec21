"""The product failure history: which records belong to a part, in which order, with what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services import complaint_workflow, return_service
from app.services.complaint_data import ActionData, StepData
from app.services.failure_history import case_variants, failure_history, known_parts
from app.services.summary_data import FailureEntry
from tests.services import field_factory as ff
from tests.services import return_factory as rf
from tests.services.complaint_factory import customer, local, register


@dataclass
class Known:
    """The records of the known data set that the history of P-1001 must show."""

    first: int  # KS-2026-0001, P-1001, reopened
    reopening: int  # KS-2026-0001-1
    by_model: int  # KS-2026-0003: product model P-1001, another part no.
    lower_case: int  # KS-2026-0004: p-1001 (KS-2026-0002 is cancelled)
    returned: int  # TH-2026-0001: one line of P-1001, one of another part
    bulk: int  # TH-2026-0002: bulk, p-1001, not inspected
    field_part: int  # FW-2026-0001: P-1001 replaced twice
    field_model: int  # FW-2026-0002: product model p-1001, no parts


def steps(**content: str) -> list[StepData]:
    """D1…D8 with the given content (d3="…")."""
    return [StepData(i, content=content.get(f"d{i}", "")) for i in range(1, 9)]


def known_data(engine) -> Known:  # noqa: ANN001
    """A data set around part P-1001, with the records that must be left out of its history."""
    hua = customer(engine)  # KH001 长春华通汽车有限公司
    dong = customer(engine, code="KH002", name="一汽解放青岛汽车有限公司")

    # KS-2026-0001, answered and reopened on 04-01 as KS-2026-0001-1
    first = register(
        engine,
        hua,
        received_at=local(2026, 3, 2, 16, 0),
        part_no="P-1001",
        product_model="ZQ-200",
        batch_no="B2603",
        qty_defective=12,
        defect_category="异响",
        description="制动钳异响,装车后发现",
        occurrence_category="machine",
        occurrence_cause="刀具磨损导致尺寸超差",
        escape_category="measurement",
        escape_cause="检具未覆盖该尺寸",
        responsibility="ours",
        responsible_department="生产部",
        steps=steps(d3="库存 200 件全检", d4="5-Why:刀具寿命未管控", d5="更换刀具"),
        actions=[
            ActionData(description="刀具寿命纳入点检", department="生产部", due=date(2026, 4, 30)),
            ActionData(description="检具增加该尺寸", department="质量部", due=date(2026, 4, 30)),
        ],
        reply_at=local(2026, 3, 20, 10, 0),
        reply_content="已更换刀具",
    )
    reopening = complaint_workflow.reopen(
        engine, first.id, reason="顾客仍发现异响", user="sales", now=local(2026, 4, 1, 9, 0)
    )
    # KS-2026-0002: cancelled, left out
    cancelled = register(engine, hua, received_at=local(2026, 5, 9, 9, 0), part_no="P-1001")
    complaint_workflow.cancel(engine, cancelled.id, reason="重复登记", user="clerk")
    # numbered before the lower-case one although received later the same day
    by_model = register(
        engine,
        dong,
        received_at=local(2026, 5, 10, 15, 0),
        part_no="Q-9",
        product_model="P-1001",
        batch_no="",
        qty_defective=None,
        defect_category="漏油",
        description="总成漏油",
    )
    lower_case = register(
        engine,
        dong,
        received_at=local(2026, 5, 10, 9, 0),
        part_no="p-1001",
        product_model="ZQ-200",
        description="小写零件号",
    )
    # other parts: another number, and one that only begins with P-1001
    register(engine, hua, received_at=local(2026, 5, 11, 9, 0), part_no="P-2002")
    register(engine, hua, received_at=local(2026, 5, 11, 9, 0), part_no="P-1001X")

    # TH-2026-0001 on the day of the first complaint: a line of P-1001 and one of P-2002
    returned = rf.book(
        engine,
        hua,
        rf.inspected(
            5,
            quantity=40,
            batch_no="B2602",
            customer_reason="装车异响",
            defect_found="活塞密封圈划伤",
            qty_rework=3,
            rework_order_no="RW-2603-01",
            rework_instruction="rework",
            qty_scrap=2,
            scrap_report_no="NCR-07",
            warranty="replace",
            disposed_by="王检验",
            disposed_on=date(2026, 3, 5),
            inspected_on=date(2026, 3, 4),
        ),
        rf.line(material_no="P-2002", material_name="制动主缸"),
        received_on=date(2026, 3, 2),
        analysis_result="密封圈来料划伤",
    )
    # TH-2026-0002: bulk, lower case, not inspected yet
    bulk = rf.book(
        engine,
        dong,
        rf.line(material_no="p-1001", material_name="制动钳", batch_no="", customer_reason=""),
        received_on=date(2026, 6, 1),
        bulk=True,
    )
    # TH-2026-0003: cancelled, left out
    void = rf.book(engine, hua, received_on=date(2026, 6, 2))
    return_service.cancel(engine, void.id, reason="重复登记", user="clerk")

    # FW-2026-0001 on the same day again: P-1001 replaced (1 + 1) on a starter QD-1
    field_part = ff.write_report(
        engine,
        hua,
        arrived_at=ff.at(2026, 3, 2, 9, 0),
        departed_at=ff.at(2026, 3, 2, 12, 0),
        requested_on=date(2026, 3, 1),
        product_model="QD-1",
        serial_no="SN-0302",
        problem_found="起动机异响",
        work_done="拆检,更换制动钳",
        parts=[
            ff.part(part_no="P-1001", name="制动钳总成", quantity=1, charged=False),
            ff.part(part_no="QD-1021", name="单向器", quantity=1, charged=True),
            ff.part(part_no="p-1001", name="制动钳总成", quantity=1, charged=False),
        ],
    )
    # FW-2026-0002: the product itself is p-1001, no parts replaced
    field_model = ff.write_report(
        engine,
        dong,
        arrived_at=ff.at(2026, 7, 1, 9, 0),
        departed_at=ff.at(2026, 7, 1, 10, 0),
        requested_on=date(2026, 6, 30),
        product_model="p-1001",
        serial_no="SN-0701",
        problem_found="漏油",
        work_done="紧固油管接头",
        result="temporary",
        parts=[],
    )
    # another part only: left out
    ff.write_report(
        engine,
        hua,
        arrived_at=ff.at(2026, 7, 2, 9, 0),
        departed_at=ff.at(2026, 7, 2, 10, 0),
        requested_on=date(2026, 7, 1),
        product_model="QD-1",
        parts=[ff.part(part_no="P-2002")],
    )
    return Known(
        first=first.id,
        reopening=reopening.id,
        by_model=by_model.id,
        lower_case=lower_case.id,
        returned=returned.id,
        bulk=bulk.id,
        field_part=field_part.id,
        field_model=field_model.id,
    )


def expected_entries(k: Known) -> list[FailureEntry]:
    """The history of P-1001 in Chinese, worked out by hand from known_data."""
    hua = ("KH001", "长春华通汽车有限公司")
    dong = ("KH002", "一汽解放青岛汽车有限公司")
    return [
        FailureEntry(
            on=date(2026, 3, 2),
            source="complaint",
            number="KS-2026-0001",
            record_id=k.first,
            customer_code=hua[0],
            customer_name=hua[1],
            item="P-1001",
            batch="B2603",
            quantity=12,
            defect="异响",
            description="制动钳异响,装车后发现",
            cause="5-Why:刀具寿命未管控\n发生原因(机):刀具磨损导致尺寸超差\n"
            "流出原因(测):检具未覆盖该尺寸",
            action="临时措施:库存 200 件全检\n纠正措施:1. 刀具寿命纳入点检\n2. 检具增加该尺寸",
            responsibility="本公司(生产部)",
            status="已重开",
        ),
        FailureEntry(
            on=date(2026, 3, 2),
            source="return",
            number="TH-2026-0001",
            record_id=k.returned,
            customer_code=hua[0],
            customer_name=hua[1],
            item="P-1001",
            batch="B2602",
            quantity=5,
            defect="异响",
            description="装车异响",
            cause="活塞密封圈划伤\n制造分析:密封圈来料划伤",
            action="重工 3(RW-2603-01)、报废 2(NCR-07);三包:包换",
            responsibility="本公司责任",
            status="处理中",  # the other line is not inspected yet
        ),
        FailureEntry(
            on=date(2026, 3, 2),
            source="field",
            number="FW-2026-0001",
            record_id=k.field_part,
            customer_code=hua[0],
            customer_name=hua[1],
            item="P-1001",
            batch="SN-0302",
            quantity=2,
            defect="",
            description="起动机异响",
            cause="拆检,更换制动钳",
            action="更换零件:P-1001 制动钳总成 ×1(保修);QD-1021 单向器 ×1(收费);"
            "p-1001 制动钳总成 ×1(保修)",
            responsibility="",
            status="已解决",
        ),
        FailureEntry(
            on=date(2026, 4, 1),
            source="complaint",
            number="KS-2026-0001-1",
            record_id=k.reopening,
            customer_code=hua[0],
            customer_name=hua[1],
            item="P-1001",
            batch="B2603",
            quantity=12,
            defect="异响",
            description="第 1 次重开(原单 KS-2026-0001):顾客仍发现异响\n制动钳异响,装车后发现",
            # the team and the problem carry over to a reopening; the analysis starts again
            cause="",
            action="",
            responsibility="本公司(生产部)",
            status="处理中",
        ),
        FailureEntry(
            on=date(2026, 5, 10),
            source="complaint",
            number="KS-2026-0003",
            record_id=k.by_model,
            customer_code=dong[0],
            customer_name=dong[1],
            item="P-1001",
            batch="",
            quantity=None,
            defect="漏油",
            description="总成漏油",
            cause="",
            action="",
            responsibility="待定",
            status="处理中",
        ),
        FailureEntry(
            on=date(2026, 5, 10),
            source="complaint",
            number="KS-2026-0004",
            record_id=k.lower_case,
            customer_code=dong[0],
            customer_name=dong[1],
            item="p-1001",
            batch="B2609",
            quantity=None,
            defect="异响",
            description="小写零件号",
            cause="",
            action="",
            responsibility="待定",
            status="处理中",
        ),
        FailureEntry(
            on=date(2026, 6, 1),
            source="return",
            number="TH-2026-0002",
            record_id=k.bulk,
            customer_code=dong[0],
            customer_name=dong[1],
            item="p-1001",
            batch="",
            quantity=None,
            defect="",
            description="【统退货】",
            cause="",
            action="",
            responsibility="待判定",
            status="处理中",
        ),
        FailureEntry(
            on=date(2026, 7, 1),
            source="field",
            number="FW-2026-0002",
            record_id=k.field_model,
            customer_code=dong[0],
            customer_name=dong[1],
            item="p-1001",
            batch="SN-0701",
            quantity=None,
            defect="",
            description="漏油",
            cause="紧固油管接头",
            action="",
            responsibility="",
            status="临时解决",
        ),
    ]


# ---------------------------------------------------------------- the history


def test_every_entry_of_the_part_in_order_with_every_field(engine):
    k = known_data(engine)
    history = failure_history(engine, "P-1001", lang="zh_CN")
    expected = expected_entries(k)
    assert [e.number for e in history.entries] == [e.number for e in expected]
    for got, want in zip(history.entries, expected, strict=True):
        assert got == want, want.number
    assert history.part == "P-1001"
    assert history.counts == {"complaint": 4, "return": 2, "field": 2}


def test_case_and_spaces_do_not_matter_and_only_the_whole_value_matches(engine):
    k = known_data(engine)
    expected = [e.number for e in expected_entries(k)]
    for asked in ("p-1001", "  P-1001 ", "P-1001"):
        history = failure_history(engine, asked)
        assert [e.number for e in history.entries] == expected
        assert history.part == asked.strip()
    numbers = {e.number for e in failure_history(engine, "P-1001X").entries}
    assert numbers == {"KS-2026-0006"}
    other = failure_history(engine, "P-2002")
    assert [(e.source, e.number) for e in other.entries] == [
        ("return", "TH-2026-0001"),
        ("complaint", "KS-2026-0005"),
        ("field", "FW-2026-0003"),
    ]
    assert other.entries[0].item == "P-2002"
    assert other.names == ("制动主缸", "ZQ-200", "单向器", "QD-1")


def test_cancelled_records_are_left_out(engine):
    known_data(engine)
    numbers = {e.number for e in failure_history(engine, "P-1001").entries}
    assert "KS-2026-0002" not in numbers  # the cancelled ticket
    assert "TH-2026-0003" not in numbers  # the cancelled return


def test_names_the_records_give_most_given_first(engine):
    known_data(engine)
    history = failure_history(engine, "P-1001")
    # ZQ-200: three tickets found by their part no. (first seen); 制动钳总成: the returned line
    # and two replaced parts; QD-1: the product the part was replaced on; 制动钳: the bulk line
    assert history.names == ("ZQ-200", "制动钳总成", "QD-1", "制动钳")


def test_labels_in_english(engine):
    known_data(engine)
    entries = failure_history(engine, "P-1001", lang="en").entries
    first, returned, field, reopening = entries[:4]
    assert (first.status, first.responsibility) == ("Reopened", "Ours (生产部)")
    assert first.cause.startswith("5-Why:刀具寿命未管控\nOccurrence (Machine): ")
    assert first.action.startswith("Containment: 库存 200 件全检\nCorrective: 1. ")
    assert reopening.description.startswith("Reopening 1 (of KS-2026-0001): 顾客仍发现异响")
    assert (returned.status, returned.responsibility) == ("Open", "Ours")
    assert returned.action == "Rework 3 (RW-2603-01); Scrap 2 (NCR-07); Warranty: Replace"
    assert field.status == "Solved"
    assert field.action.startswith("Parts replaced: P-1001 制动钳总成 ×1 (Warranty); ")
    bulk = entries[6]
    assert (bulk.description, bulk.status) == ("[Bulk return]", "Open")


def test_a_single_corrective_action_is_not_numbered_and_d5_stands_in_for_none(engine):
    c = customer(engine)
    one = register(
        engine,
        c,
        actions=[ActionData(description="修模", due=date(2026, 10, 20))],
        steps=steps(d5="不会出现"),
    )
    none = register(engine, c, steps=steps(d5="更换刀具"))
    entries = {e.record_id: e for e in failure_history(engine, "P-1001").entries}
    assert entries[one.id].action == "纠正措施:修模"
    assert entries[none.id].action == "纠正措施:更换刀具"


def test_nothing_for_an_empty_or_unknown_part(engine):
    c = customer(engine)
    register(engine, c, part_no="", product_model="")  # records without a part are no part
    assert failure_history(engine, "").entries == []
    assert failure_history(engine, "   ").entries == []
    history = failure_history(engine, "NO-SUCH")
    assert (history.entries, history.names, history.counts) == (
        [],
        (),
        {"complaint": 0, "return": 0, "field": 0},
    )


def test_a_part_with_many_letters_is_found_whatever_its_case(engine):
    c = customer(engine)
    ticket = register(engine, c, part_no="abcdefghij-7", product_model="")
    rf.book(engine, c, rf.line(material_no="ABCDEFGHIJ-7"))
    assert case_variants("AbCdEfGhIj-7") is None  # 1024 spellings: looked up by a scan
    entries = failure_history(engine, "AbCdEfGhIj-7").entries
    assert [(e.source, e.item) for e in entries] == [
        ("complaint", "abcdefghij-7"),
        ("return", "ABCDEFGHIJ-7"),
    ]
    assert entries[0].record_id == ticket.id


def test_letters_beyond_ascii_keep_their_case_as_in_sql(engine):
    c = customer(engine)
    ticket = register(engine, c, part_no="ÄB-1", product_model="")
    assert [e.record_id for e in failure_history(engine, "Äb-1").entries] == [ticket.id]
    assert known_parts(engine, "äB") == []  # SQL's lower() leaves Ä as it is
    assert known_parts(engine, "Äb") == ["ÄB-1"]


def test_case_variants_are_every_ascii_spelling():
    assert sorted(case_variants("p-1a")) == ["P-1A", "P-1a", "p-1A", "p-1a"]
    assert case_variants("制动钳-1") == ["制动钳-1"]
    assert sorted(case_variants("Äb")) == ["ÄB", "Äb"]
    assert case_variants("12345") == ["12345"]
    assert len(case_variants("ABCDEFGH")) == 256
    assert case_variants("ABCDEFGHI") is None


# ---------------------------------------------------------------- part numbers for a completer


def test_known_parts_one_spelling_each_beginning_first(engine):
    known_data(engine)
    assert known_parts(engine, "p-10") == ["P-1001", "P-1001X"]
    # the ones beginning with the text first, then the ones containing it
    assert known_parts(engine, "q") == ["Q-9", "QD-1", "QD-1021", "ZQ-200"]
    assert known_parts(engine, "1001") == ["P-1001", "P-1001X"]
    everything = known_parts(engine)
    assert everything == [
        "P-1001",
        "P-1001X",
        "P-2002",
        "Q-9",
        "QD-1",
        "QD-1021",
        "ZQ-200",
    ]
    assert known_parts(engine, "", limit=2) == ["P-1001", "P-1001X"]
    assert known_parts(engine, "%") == [] and known_parts(engine, "_") == []


def test_known_parts_prefers_the_spelling_used_most(engine):
    c = customer(engine)
    register(engine, c, part_no="ab-1", product_model="")
    register(engine, c, part_no="AB-1", product_model="")
    rf.book(engine, c, rf.line(material_no="AB-1"))
    assert known_parts(engine, "b-") == ["AB-1"]
