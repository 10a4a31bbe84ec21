"""The customers a record's window suggests: every customer's code and names, read at once."""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import Session

from app.models import Customer
from app.services import customer_names
from app.services.customer_names import CustomerName, CustomerNames
from tests.services.complaint_factory import customer


def test_the_names_come_in_code_order_as_the_suggestions_show_them(engine):
    customer(engine, code="KH-0200", name="长春华通汽车有限公司", short_name="华通")
    customer(engine, code="KH-0100", name="浙江恒通汽车部件有限公司", short_name="恒通")
    customer(engine, code="KH-0300", name="重庆长安配件厂")

    names = customer_names.load(engine)

    assert names.texts() == [
        "KH-0100  浙江恒通汽车部件有限公司",  # a short name within the name is not repeated
        "KH-0200  长春华通汽车有限公司",
        "KH-0300  重庆长安配件厂",
    ]
    assert names.display(names.by_text["KH-0300  重庆长安配件厂"]) == "KH-0300  重庆长安配件厂"
    assert names.display(None) == "" and names.display(10**9) == ""


def test_a_short_name_not_in_the_name_is_shown_after_it():
    assert CustomerName(1, "KH-9", "上海汽车制动系统有限公司", "上汽制动").display == (
        "KH-9  上海汽车制动系统有限公司(上汽制动)"
    )


def test_what_was_typed_matches_one_customer_several_or_none():
    names = CustomerNames(
        [
            CustomerName(1, "KH-0101", "浙江恒通汽车部件有限公司", "恒通"),
            CustomerName(2, "KH-0102", "恒通机械厂", ""),
            CustomerName(3, "KH-0200", "长春华通汽车有限公司", "华通"),
        ]
    )
    assert names.match("KH-0200  长春华通汽车有限公司") == (3, 1)  # a suggestion taken
    assert names.match("kh-0101") == (1, 1)  # a code in full, any case
    assert names.match("恒通") == (1, 1)  # a short name in full beats the parts of names
    assert names.match("华通汽车") == (3, 1)  # a part of one suggestion only
    assert names.match("KH-01") == (None, 2)
    assert names.match("无此顾客") == (None, 0)


def test_every_customer_is_read_in_one_statement_without_contacts_or_volumes(engine):
    with Session(engine) as session:
        session.add_all(Customer(code=f"KH{i:04}", name=f"顾客{i}") for i in range(1, 1201))
        session.commit()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        names = customer_names.load(engine)
    finally:
        event.remove(engine, "before_cursor_execute", seen)

    assert len(names.texts()) == 1200 and names.texts()[0] == "KH0001  顾客1"
    assert len(statements) == 1
    assert "customer_contact" not in statements[0] and "annual_volume" not in statements[0]
