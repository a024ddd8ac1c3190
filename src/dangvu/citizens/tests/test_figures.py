"""The figures: received / answered or referred / on time for a unit subtree and period,
pressing issues resolved by field, the seed sentences, the 2025 reform mapping, and every
number linking to a list that holds exactly those records."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.citizens import services
from dangvu.citizens.figures import feedback_figures, issue_figures
from dangvu.citizens.models import IssueState
from dangvu.study.selectors import period_of

from .conftest import answered, issue, received, routed

YEAR_2025 = period_of(year=2025)


@pytest.fixture
def records(world):
    """Commune B in 2025: 2 received by the old commune X3 before the reform (one answered on
    time), 3 by cell c4 after it (one answered late, one overdue, one not routed); and one in
    commune A. Issues: c4 selects 2 in 2025 (one resolved), X3 one in 2024 (resolved)."""
    answered(world.x3, date(2025, 3, 1), on=date(2025, 3, 10), due=date(2025, 3, 31))
    received(world.x3, date(2025, 4, 1), code="giao_thong")
    answered(world.c4, date(2025, 9, 1), on=date(2025, 10, 5), due=date(2025, 9, 30))
    routed(world.c4, date(2025, 9, 2), due=date(2025, 9, 30), code="moi_truong")
    received(world.c4, date(2025, 9, 3))
    received(world.c1, date(2025, 9, 3))
    received(world.district, date(2025, 5, 1))  # H is dissolved without successor
    first = issue(world.c4, 2025, title="Giải phóng mặt bằng đường tỉnh")
    issue(world.c4, 2025, code="dat_dai", title="Tranh chấp đất")
    old = issue(world.x3, 2024, code="dat_dai", title="Cấp giấy chứng nhận")
    for item, day in ((first, date(2025, 11, 1)), (old, date(2024, 12, 1))):
        services.record_issue_result(
            actor=None,
            issue=item,
            expected_revision=1,
            state=IssueState.RESOLVED,
            resolved_on=day,
            result="Đã giải quyết dứt điểm.",
        )
    return world


def test_feedback_figures_of_a_commune_across_the_reform(records):
    world = records
    f = feedback_figures(world.users["province"], world.commune_b, YEAR_2025)
    t = f.total
    assert (t.received, t.responded, t.on_time, t.overdue) == (5, 2, 1, 1)
    assert f.via_successor  # X3 ended on 01/07/2025 and counts at commune B
    assert t.sentence() == (
        "Tổng số 5 lượt ý kiến phản ánh; đã trả lời và đề nghị cơ quan chức năng trả lời "
        "2 lượt ý kiến, kiến nghị đạt 40,0%"
    )
    by_sector = {r.code.code: r.received for r in f.by_sector}
    assert by_sector == {"dat_dai": 3, "giao_thong": 1, "moi_truong": 1}
    rows = {r.label: (r.received, r.responded) for r in f.units}
    assert rows == {"Đảng bộ xã Phú Mỹ (trực tiếp)": (2, 1), "Chi bộ thôn Bắc": (3, 1)}


def test_judged_at_the_end_of_the_period(records):
    world = records
    # the first half of 2025: X3's two (one answered) and H's own; the tree of 30/06
    f = feedback_figures(
        world.users["province"],
        world.district,
        period_of(start=date(2025, 1, 1), end=date(2025, 6, 30)),
    )
    assert (f.total.received, f.total.responded, f.total.overdue) == (3, 1, 0)
    # September: the late answer (05/10) was not yet given on 30/09
    sept = feedback_figures(world.users["province"], world.commune_b, period_of(year=2025, month=9))
    assert (sept.total.received, sept.total.responded, sept.total.overdue) == (3, 0, 0)
    # at the province over the year: every commune's feedback, A included
    province = feedback_figures(world.users["province"], world.province, YEAR_2025)
    assert province.total.received == 7
    assert {r.label: r.received for r in province.units if r.received} == {
        "Đảng bộ tỉnh Thử Nghiệm (trực tiếp)": 1,  # the dissolved district, at its parent
        "Đảng bộ xã An Hòa": 1,
        "Đảng bộ xã Phú Mỹ": 5,
    }


def test_figures_stay_inside_the_readers_scope(records):
    world = records
    f = feedback_figures(world.users["commune_a"], world.province, YEAR_2025)
    assert f.total.received == 1


def test_issue_figures_by_field(records):
    world = records
    f = issue_figures(
        world.users["province"],
        world.commune_b,
        period_of(start=date(2024, 1, 1), end=date(2025, 12, 31)),
    )
    assert (f.total.selected, f.total.resolved) == (3, 2)
    assert f.total.sentence() == "đã giải quyết được 2/3 vụ việc đạt 66,7%"
    assert {r.code.code: (r.resolved, r.selected) for r in f.by_sector} == {
        "giai_phong_mat_bang": (1, 1),
        "dat_dai": (1, 2),
    }
    only_2025 = issue_figures(world.users["province"], world.commune_b, YEAR_2025)
    assert (only_2025.total.selected, only_2025.total.resolved) == (2, 1)


def _count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


@pytest.mark.parametrize("where", ["commune_b", "province"])
def test_every_number_on_the_page_links_to_its_records(
    records, login, django_assert_max_num_queries, where
):
    world = records
    client = login(world.users["province"])
    url = reverse("citizens:figures") + f"?don_vi={getattr(world, where).pk}&nam=2025"
    with django_assert_max_num_queries(30):
        response = client.get(url)
    page = response.content.decode()
    if where == "commune_b":
        assert "Tổng số <a" in page and "lượt ý kiến, kiến nghị đạt 40,0%" in page
        assert "vụ việc đạt 50,0%" in page
    f = response.context["feedback"]
    for row in [f.total, *f.units, *f.by_sector, *f.by_channel]:
        for key in ("received", "responded", "on_time", "overdue"):
            assert _count(client, row.links[key]) == getattr(row, key), (row.label, key)
    issues = response.context["issues"]
    for row in [issues.total, *issues.units, *issues.by_sector]:
        assert _count(client, row.links["selected"]) == row.selected, row.label
        assert _count(client, row.links["resolved"]) == row.resolved, row.label


def test_the_figures_page_reads_a_fixed_number_of_queries(
    records, login, django_assert_max_num_queries
):
    world = records
    for i in range(20):
        answered(
            world.c4, date(2025, 10, 1 + i % 20), on=date(2025, 10, 25), due=date(2025, 10, 30)
        )
    client = login(world.users["province"])
    with django_assert_max_num_queries(30):
        response = client.get(reverse("citizens:figures") + f"?don_vi={world.province.pk}&nam=2025")
    assert response.context["feedback"].total.received == 27
