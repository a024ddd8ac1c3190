"""Figures for a unit subtree and period: tree at the period end, merged cells at successors."""

from datetime import date

import pytest

from dangvu.meetings import services
from dangvu.meetings.cell_sets import cells_of
from dangvu.meetings.figures import attendance_from_rows, figures
from dangvu.meetings.models import MeetingKind, Presence, Topic
from dangvu.orgs.models import UnitKind
from dangvu.orgs.services import Decision, merge_units

REGULAR = MeetingKind.REGULAR


def meet(cell, day, *, topics=(), absent=None, kind=REGULAR):
    return services.bulk_record_meetings(
        actor=None,
        meetings=[
            {
                "unit_id": cell.pk,
                "kind": kind,
                "date": day,
                "topic_ids": [t.pk for t in topics],
                "absent": absent or {},
                **({"title": "Chuyên đề"} if kind != REGULAR else {}),
            }
        ],
    )


@pytest.fixture
def merged(world, people):
    """c2 and c3 merge into "Chi bộ thôn Hai – Đoài" (c23) on 01/09/2025."""
    return merge_units(
        actor=None,
        sources=[world.c2, world.c3],
        new_name="Chi bộ thôn Hai – Đoài",
        new_kind=UnitKind.objects.get(code="chi_bo"),
        new_parent=world.commune_a,
        effective_date=date(2025, 9, 1),
        decision=Decision(number="15-QĐ/ĐU", date=date(2025, 8, 25), issuer="Đảng ủy xã"),
    )


def test_merged_cells_count_at_their_successor(world, people, merged):
    hcm = Topic.objects.get(is_ho_chi_minh=True)
    meet(world.c1, date(2025, 1, 8), topics=[hcm])
    meet(world.c2, date(2025, 2, 8), topics=[hcm])
    meet(world.c3, date(2025, 2, 9))  # no expected member: attendance not above 85%
    meet(world.c4, date(2025, 2, 9), topics=[hcm])  # commune B
    meet(world.c1, date(2025, 2, 20), kind=MeetingKind.THEMATIC)
    cells = cells_of(world.commune_a, date(2025, 12, 31))
    assert set(cells.current) == {world.c1.pk, merged.pk}
    assert cells.successor_of == {world.c2.pk: merged.pk, world.c3.pk: merged.pk}
    f = figures(world.commune_a, date(2025, 1, 1), date(2025, 12, 1))
    assert (f.regular, f.thematic) == (3, 1)
    assert f.cells_held == 2  # c1 and the merged cell
    assert f.hcm.text() == "2/2 (100,0%)"
    assert f.criteria.text() == "1/2 (50,0%)"
    assert f.criteria_months.text() == "2/3 (66,7%)"
    assert f.merged_cells == 2
    # before the merge the same meetings count at c2 and c3 separately
    before = figures(world.commune_a, date(2025, 1, 1), date(2025, 8, 1))
    assert before.cells_held == 3 and before.hcm.text() == "2/3 (66,7%)"


def test_tree_as_of_period_end_across_the_reform(world, people):
    meet(world.c1, date(2024, 12, 5))
    meet(world.c3, date(2024, 12, 6))
    # 2024: the old commune X1 had c1 (and c2); X2 had c3
    assert figures(world.x1, date(2024, 1, 1), date(2024, 12, 1)).regular == 1
    # 2024 meetings of c1 and c3 both count in the new commune A when its period includes them
    assert figures(world.commune_a, date(2024, 12, 1), date(2025, 7, 1)).regular == 2
    assert figures(world.commune_b, date(2024, 12, 1), date(2025, 7, 1)).regular == 0


def test_attendance_rate_with_numerator_and_denominator(world, people):
    meet(world.c1, date(2025, 9, 10), absent={people.an.pk: (Presence.EXCUSED, "Ốm")})
    meet(world.c4, date(2025, 9, 10), absent={people.khanh.pk: (Presence.UNEXCUSED, "")})
    meet(world.c1, date(2025, 9, 20), kind=MeetingKind.THEMATIC)  # not in the regular rate
    f = figures(world.province, date(2025, 9, 1), date(2025, 9, 1))
    # c1: An, Bình, Chi, Đông expected (Dũng excused); c4: Khánh, Giang
    assert f.attendance.text() == "4/6 (66,7%)"
    cells = cells_of(world.province, date(2025, 9, 30))
    assert attendance_from_rows(cells, date(2025, 9, 1), date(2025, 9, 1)) == f.attendance
    assert (
        attendance_from_rows(cells, date(2025, 9, 1), date(2025, 9, 1), top=world.province.pk)
        == f.attendance
    )


def test_figures_read_a_fixed_number_of_queries(world, people, django_assert_max_num_queries):
    hcm = Topic.objects.get(is_ho_chi_minh=True)
    for month in range(1, 10):
        meet(world.c1, date(2025, month, 5), topics=[hcm])
        meet(world.c4, date(2025, month, 5))
    with django_assert_max_num_queries(9):
        figures(world.province, date(2025, 1, 1), date(2025, 12, 1))
