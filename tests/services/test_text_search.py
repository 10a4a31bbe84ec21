"""The lists' search: the first page, the count, stopping a search, and the text index."""

from __future__ import annotations

import pytest

from app.services import complaint_service, customer_service, field_list, return_service
from app.services.complaint_data import ComplaintFilter
from app.services.customer_service import CustomerFilter
from app.services.field_data import FieldFilter
from app.services.list_query import Cancelled, QueryCancel
from app.services.return_data import ReturnFilter
from tests.services import complaint_factory as cf
from tests.services import field_factory as ff
from tests.services import return_factory as rf


@pytest.fixture
def records(engine):
    first = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    second = cf.customer(engine, "KH002", "吉林一汽配件厂")
    for n in range(3, 7):
        cf.customer(engine, f"KH00{n}", f"配件厂 {n}")
    for n in range(7):
        cf.register(engine, first if n % 2 else second, description=f"制动钳异响 {n}")
        return_service.create(engine, rf.return_data(first if n % 3 else second), "clerk")
    for n in range(3):
        ff.write_report(engine, first, work_done=f"更换单向器 {n}")
        ff.write_visit(engine, second)
    return engine


LISTS = [
    (complaint_service, ComplaintFilter, "number"),
    (customer_service, CustomerFilter, "code"),
    (return_service, ReturnFilter, "number"),
    (field_list, FieldFilter, "date"),
]


@pytest.mark.parametrize(("service", "make_filter", "sort"), LISTS)
def test_the_first_page_is_the_head_of_the_whole_list_and_the_count_its_length(
    records, service, make_filter, sort
):
    for flt in (None, make_filter(), make_filter(text="KH002"), make_filter(text="没有这个")):
        for descending in (True, False):
            whole = service.search_ids(records, flt, sort, descending)
            assert service.search_ids(records, flt, sort, descending, limit=3) == whole[:3]
            assert service.search_ids(records, flt, sort, descending, limit=0) == []
            assert service.count_matching(records, flt) == len(whole)
    assert len(service.search_ids(records)) > 3


@pytest.mark.parametrize(("service", "make_filter", "sort"), LISTS)
def test_a_search_stopped_before_it_runs_gives_no_result(records, service, make_filter, sort):
    cancel = QueryCancel()
    cancel.cancel()
    with pytest.raises(Cancelled):
        service.search_ids(records, make_filter(text="KH"), sort, cancel=cancel)
    with pytest.raises(Cancelled):
        service.count_matching(records, make_filter(text="KH"), cancel=cancel)
    # a fresh search on the same engine runs normally
    assert service.search_ids(records, make_filter(text="KH"), sort, cancel=QueryCancel())
