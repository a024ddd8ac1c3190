"""The module's rules, each both ways: criteria as data per province, evaluation only from the
level above, one pledge / registration a year, who registers, Dân vận khéo states, recognitions
from the member's own level or above, stale edits refused, audit entries written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.emulation import services
from dangvu.emulation.models import (
    CriterionResult,
    DvkState,
    Evaluation,
    ExampleKind,
    Movement,
    Pledge,
    Registration,
    Result,
    Target,
)
from dangvu.orgs.models import UnitKind
from dangvu.orgs.services import create_unit

from .conftest import CELL_CRITERIA, all_met, field, recognition_kind

pytestmark = pytest.mark.django_db
D24, D25 = date(2024, 2, 1), date(2025, 9, 1)


def pledge(unit, year=2025, day=None):
    return services.create_pledge(
        actor=None, unit=unit, year=year, pledged_on=day or date(year, 9 if year == 2025 else 2, 1)
    )


# ---------------------------------------------------------------- criteria as data


def test_criteria_are_per_province_year_and_target(world, criteria):
    other = create_unit(
        actor=None,
        name="Đảng bộ tỉnh Khác",
        kind=UnitKind.objects.get(code="tinh"),
        parent=None,
        effective_date=date(2015, 1, 1),
    )
    own = services.save_criteria_set(
        actor=None,
        province=other,
        year=2025,
        target=Target.CELL,
        title="Tiêu chí riêng",
        criteria=[{"code": "A", "text": "Một tiêu chí duy nhất", "required": True}],
    )
    assert own.criteria.count() == 1
    assert services.criteria_for(world.c1, 2025, Target.CELL) == criteria[(2025, Target.CELL)]
    assert services.criteria_for(world.c1, 2023, Target.CELL) is None
    with pytest.raises(ValidationError, match="đã có bộ tiêu chí"):
        services.save_criteria_set(
            actor=None,
            province=world.province,
            year=2025,
            target=Target.CELL,
            title="Lần hai",
            criteria=CELL_CRITERIA,
        )
    with pytest.raises(ValidationError, match="đảng bộ tỉnh"):
        services.save_criteria_set(
            actor=None,
            province=world.commune_a,
            year=2026,
            target=Target.CELL,
            title="Cấp xã",
            criteria=CELL_CRITERIA,
        )
    with pytest.raises(ValidationError, match="trùng"):
        services.save_criteria_set(
            actor=None,
            province=world.province,
            year=2023,
            target=Target.CELL,
            title="Trùng mã",
            criteria=[{"code": "1", "text": "a"}, {"code": "1", "text": "b"}],
        )


def test_evaluation_needs_the_province_criteria_of_the_year(world):
    p = pledge(world.c1)
    with pytest.raises(ValidationError, match="chưa ban hành bộ tiêu chí"):
        services.evaluate_pledge(
            actor=None,
            pledge=p,
            decided_by=world.commune_a,
            decided_on=date(2025, 12, 20),
            results={},
            result=Result.PASSED,
        )
    assert not Evaluation.objects.exists()


def test_used_criteria_cannot_change(world, criteria):
    cs = criteria[(2025, Target.CELL)]
    p = pledge(world.c1)
    services.evaluate_pledge(
        actor=None,
        pledge=p,
        decided_by=world.commune_a,
        decided_on=date(2025, 12, 20),
        results=all_met(cs),
        result=Result.PASSED,
    )
    with pytest.raises(ValidationError, match="đã được dùng"):
        services.save_criteria_set(
            actor=None,
            province=world.province,
            year=2025,
            target=Target.CELL,
            title=cs.title,
            criteria=CELL_CRITERIA[:2],
            criteria_set=cs,
        )
    renamed = services.save_criteria_set(
        actor=None,
        province=world.province,
        year=2025,
        target=Target.CELL,
        title="Tên mới",
        criteria=CELL_CRITERIA,
        criteria_set=cs,
        expected_revision=cs.revision,
    )
    assert renamed.title == "Tên mới" and renamed.criteria.count() == 4


# ---------------------------------------------------------------- pledges and evaluations


def test_one_pledge_a_year_by_cells_and_grassroots_committees_only(world):
    first = pledge(world.c1)
    assert first.target == Target.CELL
    with pytest.raises(ValidationError, match="đã đăng ký"):
        pledge(world.c1)
    assert pledge(world.c1, 2024).year == 2024
    old = pledge(world.x1, 2024)
    assert old.target == Target.COMMITTEE
    with pytest.raises(ValidationError, match="không phải chi bộ hay đảng bộ cơ sở"):
        pledge(world.commune_a)
    with pytest.raises(ValidationError, match="kết thúc hoạt động"):
        pledge(world.x1, 2025, date(2025, 9, 1))
    assert Pledge.objects.count() == 3
    assert AuditEntry.objects.filter(action="emulation.pledge.create").count() == 3


def test_evaluation_only_from_the_level_above(world, criteria):
    cs = criteria[(2025, Target.CELL)]
    p = pledge(world.c1)
    for unit in (world.c1, world.commune_b):
        with pytest.raises(ValidationError, match="cấp ủy cấp trên"):
            services.evaluate_pledge(
                actor=None,
                pledge=p,
                decided_by=unit,
                decided_on=date(2025, 12, 20),
                results=all_met(cs),
                result=Result.PASSED,
            )
    # the cell's secretary may write at the cell, not at the commune above it
    with pytest.raises(ValidationError, match="không có quyền"):
        services.evaluate_pledge(
            actor=world.users["secretary"],
            pledge=p,
            decided_by=world.commune_a,
            decided_on=date(2025, 12, 20),
            results=all_met(cs),
            result=Result.PASSED,
        )
    assert not Evaluation.objects.exists()
    evaluation = services.evaluate_pledge(
        actor=world.users["commune_a"],
        pledge=p,
        decided_by=world.commune_a,
        decided_on=date(2025, 12, 20),
        results=all_met(cs),
        result=Result.PASSED,
        decision_ref="15-QĐ/ĐU",
    )
    assert evaluation.result == Result.PASSED
    assert CriterionResult.objects.filter(evaluation=evaluation, met=True).count() == 4
    entry = AuditEntry.objects.get(action="emulation.pledge.evaluate")
    assert entry.actor == world.users["commune_a"] and entry.after["result"] == "dat"
    # the province (two levels up) may decide too
    p2 = pledge(world.c4)
    services.evaluate_pledge(
        actor=world.users["province"],
        pledge=p2,
        decided_by=world.province,
        decided_on=date(2025, 12, 20),
        results=all_met(cs),
        result=Result.PASSED,
    )


def test_results_must_follow_the_criteria(world, criteria):
    cs = criteria[(2025, Target.CELL)]
    p = pledge(world.c1)
    common = {"actor": None, "pledge": p, "decided_by": world.commune_a}
    day = date(2025, 12, 20)
    with pytest.raises(ValidationError, match="Chưa đánh giá tiêu chí “4”"):
        services.evaluate_pledge(
            **common, decided_on=day, results={"1": True, "2": True, "3": True}, result="dat"
        )
    failed_required = {**all_met(cs), "1": False}
    with pytest.raises(ValidationError, match="bắt buộc “1” không đạt"):
        services.evaluate_pledge(
            **common, decided_on=day, results=failed_required, result=Result.PASSED
        )
    ok = services.evaluate_pledge(
        **common, decided_on=day, results=failed_required, result=Result.FAILED
    )
    assert ok.result == Result.FAILED
    # a non-required criterion not met may still pass
    p.refresh_from_db()
    again = services.evaluate_pledge(
        **{**common, "pledge": p},
        decided_on=day,
        results={**all_met(cs), "3": False},
        result=Result.PASSED,
        expected_revision=p.revision,
    )
    assert again.result == Result.PASSED and Evaluation.objects.count() == 1


def test_stale_pledge_edit_is_refused(world):
    p = pledge(world.c1)
    services.update_pledge(
        actor=None, pledge=p, expected_revision=p.revision, pledged_on=date(2025, 9, 2), note="a"
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.update_pledge(
            actor=None, pledge=p, expected_revision=1, pledged_on=date(2025, 9, 3), note="b"
        )
    p.refresh_from_db()
    assert p.note == "a" and p.revision == 2


# ---------------------------------------------------------------- làm theo registrations


def test_one_registration_a_year_for_each_collective_and_member(world, people):
    reg = services.register(actor=None, year=2025, registered_on=D25, member=people.an)
    assert reg.unit == world.c1 and not reg.collective
    with pytest.raises(ValidationError, match="đã đăng ký"):
        services.register(actor=None, year=2025, registered_on=D25, member=people.an)
    services.register(actor=None, year=2025, registered_on=D25, unit=world.c1)
    with pytest.raises(ValidationError, match="đã đăng ký"):
        services.register(actor=None, year=2025, registered_on=D25, unit=world.c1)
    with pytest.raises(ValidationError, match="miễn công tác"):
        services.register(actor=None, year=2025, registered_on=D25, member=people.hoa)
    with pytest.raises(ValidationError, match="không thuộc năm"):
        services.register(actor=None, year=2024, registered_on=D25, member=people.binh)
    with pytest.raises(ValidationError, match="không có quyền"):
        services.register(
            actor=world.users["commune_b"], year=2025, registered_on=D25, member=people.binh
        )
    assert Registration.objects.count() == 2
    assert AuditEntry.objects.filter(action="emulation.registration.create").count() == 2


# ---------------------------------------------------------------- models, Dân vận khéo


def example(unit=None, member=None, movement=Movement.LAM_THEO, year=2025, **extra):
    return services.save_example(
        actor=None,
        kind=extra.pop("kind", ExampleKind.GOOD_MODEL),
        movement=movement,
        title=extra.pop("title", "Làng 3 sạch"),
        unit=unit,
        member=member,
        field=field(),
        year=year,
        **extra,
    )


def test_dan_van_kheo_states(world):
    m = example(world.c1, movement=Movement.DAN_VAN_KHEO)
    assert m.state == DvkState.REGISTERED
    with pytest.raises(ValidationError, match="chỉ chuyển được sang: đã đánh giá"):
        services.move_example(
            actor=None, example=m, state=DvkState.EFFECTIVE, expected_revision=m.revision
        )
    m = services.move_example(
        actor=None, example=m, state=DvkState.EVALUATED, expected_revision=m.revision
    )
    with pytest.raises(ValidationError, match="cấp ủy công nhận"):
        services.move_example(
            actor=None, example=m, state=DvkState.EFFECTIVE, expected_revision=m.revision
        )
    with pytest.raises(ValidationError, match="vừa được người khác"):
        services.move_example(
            actor=None, example=m, state=DvkState.NOT_EFFECTIVE, expected_revision=1
        )
    m = services.move_example(
        actor=None,
        example=m,
        state=DvkState.EFFECTIVE,
        expected_revision=m.revision,
        recognised_by=world.commune_a,
        recognised_on=date(2025, 11, 1),
        decision_ref="20-QĐ/ĐU",
    )
    assert (m.state, m.recognised_by, m.decision_ref) == ("hieu_qua", world.commune_a, "20-QĐ/ĐU")
    with pytest.raises(ValidationError, match="không chuyển bước được nữa"):
        services.move_example(
            actor=None, example=m, state=DvkState.EVALUATED, expected_revision=m.revision
        )
    plain = example(world.c1)
    assert plain.state == ""
    with pytest.raises(ValidationError, match="Chỉ mô hình “Dân vận khéo”"):
        services.move_example(
            actor=None, example=plain, state=DvkState.EVALUATED, expected_revision=1
        )
    assert AuditEntry.objects.filter(action="emulation.example.state").count() == 2


def test_an_individual_example_sits_at_the_members_unit(world, people):
    m = example(member=people.dung, year=2024, kind=ExampleKind.ADVANCED)
    assert m.unit == world.c3 and not m.collective
    with pytest.raises(ValidationError, match="tập thể"):
        example()


# ---------------------------------------------------------------- recognitions


def test_recognition_by_the_members_level_or_above(world, people):
    kind = recognition_kind()
    with pytest.raises(ValidationError, match="không sinh hoạt trong"):
        services.record_recognition(
            actor=None,
            kind=kind,
            member=people.an,
            year=2025,
            recognised_by=world.commune_b,
            recognised_on=date(2025, 12, 1),
        )
    rec = services.record_recognition(
        actor=world.users["province"],
        kind=kind,
        member=people.an,
        year=2025,
        recognised_by=world.province,
        recognised_on=date(2025, 12, 1),
        decision_ref="100-QĐ/TU",
    )
    assert rec.unit == world.c1
    with pytest.raises(ValidationError, match="đã được ghi"):
        services.record_recognition(
            actor=None,
            kind=kind,
            member=people.an,
            year=2025,
            recognised_by=world.commune_a,
            recognised_on=date(2025, 12, 2),
        )
    assert AuditEntry.objects.filter(action="emulation.recognition.create").count() == 1


def test_a_pass_below_the_minimum_score_is_refused(world):
    cs = services.save_criteria_set(
        actor=None,
        province=world.province,
        year=2025,
        target=Target.CELL,
        title="Tiêu chí chấm điểm",
        criteria=CELL_CRITERIA,
        pass_score=80,
    )
    p = pledge(world.c1)
    scores = {c.code: (True, 15) for c in cs.criteria.all()}
    with pytest.raises(ValidationError, match="dưới mức tối thiểu 80"):
        services.evaluate_pledge(
            actor=None,
            pledge=p,
            decided_by=world.commune_a,
            decided_on=date(2025, 12, 20),
            results=scores,
            result=Result.PASSED,
        )
    with pytest.raises(ValidationError, match="phải từ 0 đến 25"):
        services.evaluate_pledge(
            actor=None,
            pledge=p,
            decided_by=world.commune_a,
            decided_on=date(2025, 12, 20),
            results={**scores, "1": (True, 30)},
            result=Result.FAILED,
        )
    full = {c.code: (True, 25) for c in cs.criteria.all()}
    evaluation = services.evaluate_pledge(
        actor=None,
        pledge=p,
        decided_by=world.commune_a,
        decided_on=date(2025, 12, 20),
        results=full,
        result=Result.PASSED,
    )
    assert evaluation.score == 100
