"""The figures: 4-tốt pledged / existing and passed, the làm-theo rate's numerator and
denominator (excused members out, members counted at home), models by kind and by
collective / individual, Dân vận khéo steps, recognitions — across the 2025 reform."""

from datetime import date

import pytest

from dangvu.emulation import services
from dangvu.emulation.figures import figures
from dangvu.emulation.models import DvkState, ExampleKind, Movement, Result, Target

from .conftest import all_met, field, recognition_kind

pytestmark = pytest.mark.django_db


def _pledge_and_rate(unit, year, criteria, result, decided_by):
    p = services.create_pledge(actor=None, unit=unit, year=year, pledged_on=date(year, 2, 1))
    if result is not None:
        cs = criteria[(year, p.target)]
        services.evaluate_pledge(
            actor=None,
            pledge=p,
            decided_by=decided_by,
            decided_on=date(year, 12, 20),
            results=all_met(cs, result == Result.PASSED),
            result=result,
        )
    return p


def test_four_good_after_the_reform(world, criteria):
    _pledge_and_rate(world.c1, 2025, criteria, Result.PASSED, world.commune_a)
    _pledge_and_rate(world.c2, 2025, criteria, Result.FAILED, world.commune_a)
    _pledge_and_rate(world.c4, 2025, criteria, Result.PASSED, world.commune_b)
    at_a = figures(world.commune_a, 2025).total.four_good[Target.CELL]
    assert (at_a.existing, at_a.pledged, at_a.evaluated, at_a.passed) == (3, 2, 2, 1)
    assert at_a.sentence().startswith(
        "2/3 chi bộ đăng ký “Chi bộ 4 tốt”, đạt 66,7%; 1 chi bộ được cấp trên công nhận đạt"
    )
    assert "(bằng 50,0% số đăng ký, 33,3% tổng số chi bộ)" in at_a.sentence()
    province = figures(world.province, 2025)
    cells = province.total.four_good[Target.CELL]
    assert (cells.existing, cells.pledged, cells.passed) == (4, 3, 2)
    rows = {r.label: r.four_good[Target.CELL].pledged for r in province.rows}
    assert rows == {"Đảng bộ xã An Hòa": 2, "Đảng bộ xã Phú Mỹ": 1}


def test_four_good_of_2024_counts_the_old_units_at_the_new_commune(world, criteria):
    _pledge_and_rate(world.x1, 2024, criteria, Result.PASSED, world.district)
    _pledge_and_rate(world.c3, 2024, criteria, None, world.x2)
    _pledge_and_rate(world.x3, 2024, criteria, Result.PASSED, world.district)  # commune B's
    result = figures(world.commune_a, 2024)
    committees = result.total.four_good[Target.COMMITTEE]
    cells = result.total.four_good[Target.CELL]
    assert (committees.existing, committees.pledged, committees.passed) == (2, 1, 1)
    assert (cells.existing, cells.pledged, cells.evaluated) == (3, 1, 0)
    assert result.merged
    assert [r.label for r in result.rows] == ["Đảng bộ xã An Bình", "Đảng bộ xã Hòa Lạc"]
    # the province in 2024: the district's row holds everything
    province = figures(world.province, 2024)
    assert [r.label for r in province.rows] == ["Đảng bộ huyện Đông"]
    assert province.total.four_good[Target.COMMITTEE].existing == 3
    assert not province.merged


def test_lam_theo_rate_numerator_and_denominator(world, people):
    day = date(2025, 3, 10)
    for member in (people.an, people.chi, people.em):
        services.register(actor=None, year=2025, registered_on=day, member=member)
    services.register(actor=None, year=2025, registered_on=day, unit=world.c1)
    services.register(  # the registering committee itself
        actor=None, year=2025, registered_on=date(2025, 9, 1), unit=world.commune_a
    )
    lt = figures(world.commune_a, 2025).total.lam_theo
    # members expected at A: an, binh, chi, dung (hoa is excused); em is in B
    assert (lt.members_registered, lt.members_expected) == (2, 4)
    # collectives below A on 31/12/2025: c1, c2, c3 (A itself is the registering committee)
    assert (lt.collectives_registered, lt.collectives_expected) == (1, 3)
    assert lt.sentence().startswith(
        "1 tập thể và 2 đảng viên đăng ký học tập và làm theo, đạt tỷ lệ 50,0% "
        "(2/4 đảng viên thuộc diện đăng ký; tập thể 1/3, đạt 33,3%)"
    )
    province = figures(world.province, 2025).total.lam_theo
    assert (province.members_registered, province.members_expected) == (3, 5)
    assert (province.collectives_registered, province.collectives_expected) == (2, 6)
    # 2024 at A: the old communes and their cells; hoa was not yet excused
    services.register(actor=None, year=2024, registered_on=date(2024, 2, 1), member=people.hoa)
    services.register(actor=None, year=2024, registered_on=date(2024, 2, 1), unit=world.x2)
    old = figures(world.commune_a, 2024).total.lam_theo
    assert (old.members_registered, old.members_expected) == (1, 5)
    assert (old.collectives_registered, old.collectives_expected) == (1, 5)


def test_models_dan_van_kheo_and_recognitions(world, people):
    def make(kind, unit=None, member=None, movement=Movement.LAM_THEO, year=2025):
        return services.save_example(
            actor=None,
            kind=kind,
            movement=movement,
            title="Hiến đất làm đường giao thông",
            unit=unit,
            member=member,
            field=field(),
            year=year,
        )

    make(ExampleKind.GOOD_MODEL, unit=world.c1)
    make(ExampleKind.GOOD_MODEL, member=people.an)
    make(ExampleKind.ADVANCED, member=people.dung)
    make(ExampleKind.GOOD_PRACTICE, unit=world.c4)  # in B
    make(ExampleKind.GOOD_MODEL, unit=world.x1, year=2024)  # another year
    dvk = [make(ExampleKind.GOOD_PRACTICE, unit=world.c2, movement=Movement.DAN_VAN_KHEO)]
    dvk.append(make(ExampleKind.GOOD_MODEL, unit=world.c3, movement=Movement.DAN_VAN_KHEO))
    services.move_example(actor=None, example=dvk[0], state=DvkState.EVALUATED, expected_revision=1)
    services.record_recognition(
        actor=None,
        kind=recognition_kind(),
        member=people.an,
        year=2025,
        recognised_by=world.province,
        recognised_on=date(2025, 12, 1),
    )
    result = figures(world.commune_a, 2025)
    ex = result.examples
    assert (ex.total, ex.collective, ex.individual) == (3, 1, 2)
    assert ex.sentence() == (
        "3 mô hình hay, cách làm hiệu quả, điển hình tiên tiến (1 tập thể, 2 cá nhân): "
        "2 mô hình hay, 1 điển hình tiên tiến"
    )
    assert (ex.dvk_registered, ex.dvk_evaluated, ex.dvk_effective) == (2, 1, 0)
    assert result.recognition_sentence() == "Biểu dương 1 bí thư chi bộ tiêu biểu"
    assert figures(world.commune_a, 2024).examples.total == 1  # x1's, merged into A
    assert figures(world.province, 2025).examples.total == 4


def test_figures_read_in_a_fixed_number_of_queries(
    world, criteria, people, django_assert_max_num_queries
):
    for unit in (world.c1, world.c2, world.c3, world.c4):
        _pledge_and_rate(unit, 2025, criteria, Result.PASSED, world.province)
    with django_assert_max_num_queries(8):
        result = figures(world.province, 2025)
    assert result.total.four_good[Target.CELL].passed == 4
