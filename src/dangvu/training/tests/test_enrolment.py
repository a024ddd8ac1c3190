"""Enrolment: who may join a class (subtree at the start, audience, outside with a reason)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.members.lifecycle import EventKind
from dangvu.members.services import record_event
from dangvu.training import services
from dangvu.training.models import Candidate, Enrolment

from .conftest import admit, candidate, new_class


def test_members_of_the_organisers_subtree_at_the_start_are_enrolled(world, training):
    rows = Enrolment.objects.filter(training_class=training.old_a)
    assert {e.member_id for e in rows} == {training.an.pk, training.binh.pk}
    assert all(e.outside_reason == "" for e in rows)
    entry = AuditEntry.objects.get(action="training.class.enrol", object_id=str(training.old_a.pk))
    assert entry.after["members"][0][1] in ("Lê Văn An", "Trần Văn Bình")
    training.old_a.refresh_from_db()
    assert training.old_a.revision == 2  # the enrolment bumped the class


def test_member_outside_the_subtree_needs_a_reason(world, training):
    c = new_class(world.x1, "trung_cap_llct", date(2024, 5, 1), date(2024, 9, 1))
    with pytest.raises(ValidationError) as refused:
        services.enrol(actor=None, training_class=c, members=[training.cuong])
    text = " ".join(refused.value.messages)
    assert "Lê Quốc Cường sinh hoạt ngoài Đảng bộ xã An Bình" in text
    assert "Trường Chính trị tỉnh" in text  # says how to proceed
    assert not Enrolment.objects.filter(training_class=c).exists()
    services.enrol(
        actor=None,
        training_class=c,
        members=[training.cuong, training.an],
        outside_reason="Cử đi học theo Quyết định 12-QĐ/HU",
    )
    reasons = dict(
        Enrolment.objects.filter(training_class=c).values_list("member_id", "outside_reason")
    )
    assert reasons == {training.cuong.pk: "Cử đi học theo Quyết định 12-QĐ/HU", training.an.pk: ""}


def test_the_tree_at_the_start_decides_not_todays(world, training):
    # Đông (c3) was under x2 in 2024, not under x1: outside x1's class even though both
    # are now in commune A; after the merge he is inside A's classes.
    c = new_class(world.x1, "chuyen_de", date(2024, 6, 1), date(2024, 6, 2))
    with pytest.raises(ValidationError, match="Phạm Văn Đông sinh hoạt ngoài"):
        services.enrol(actor=None, training_class=c, members=[training.dong])
    later = new_class(world.commune_a, "chuyen_de", date(2025, 8, 1), date(2025, 8, 2))
    assert services.enrol(actor=None, training_class=later, members=[training.dong])


def test_transferred_member_counts_where_they_were_at_the_start(world, training):
    record_event(
        actor=None,
        member=training.cuong,
        kind=EventKind.TRANSFER,
        date=date(2025, 10, 1),
        unit=world.c1,
    )
    before = new_class(world.commune_a, "chuyen_de", date(2025, 9, 1), date(2025, 9, 2))
    after = new_class(world.commune_a, "chuyen_de", date(2025, 10, 5), date(2025, 10, 6))
    with pytest.raises(ValidationError, match="sinh hoạt ngoài"):
        services.enrol(actor=None, training_class=before, members=[training.cuong])
    assert services.enrol(actor=None, training_class=after, members=[training.cuong])


def test_not_yet_a_member_at_the_start_is_refused(world):
    late = admit(world.c1, "Ngô Văn Mới", date(2000, 1, 1), date(2025, 10, 1))
    c = new_class(world.commune_a, "dang_vien_moi", date(2025, 9, 1), date(2025, 9, 5))
    with pytest.raises(ValidationError, match="không phải là đảng viên vào ngày khai giảng"):
        services.enrol(actor=None, training_class=c, members=[late], outside_reason="x")


def test_programme_audience_is_enforced(world, training):
    awareness = new_class(world.commune_a, "nhan_thuc_ve_dang", date(2025, 9, 1), date(2025, 9, 5))
    with pytest.raises(ValidationError, match="dành cho quần chúng ưu tú"):
        services.enrol(actor=None, training_class=awareness, members=[training.an])
    new_members = new_class(world.commune_a, "dang_vien_moi", date(2025, 9, 1), date(2025, 9, 5))
    with pytest.raises(ValidationError, match="dành cho đảng viên"):
        services.enrol(actor=None, training_class=new_members, candidates=[training.mai])


def test_nobody_twice_and_somebody_at_least(world, training):
    with pytest.raises(ValidationError, match="Đã có trong lớp: Lê Văn An"):
        services.enrol(actor=None, training_class=training.old_a, members=[training.an])
    with pytest.raises(ValidationError, match="ít nhất một người"):
        services.enrol(actor=None, training_class=training.old_a)


def test_stale_enrolment_is_refused(world, training):
    c = training.new_a
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.enrol(
            actor=None,
            training_class=c,
            candidates=[candidate(world.c2, "Vũ Văn Hải", gender="nam")],
            expected_revision=1,
        )


def test_pasted_candidates_are_created_and_enrolled_all_or_nothing(world, training):
    c = training.new_a
    good = {
        "ho": "Hà",
        "ten_dem": "Thị",
        "ten": "Lan",
        "birth_date": date(2001, 2, 3),
        "gender": "nu",
        "cccd": "001301012345",
        "unit": world.c2,
    }
    bad = {**good, "ten": "Huệ", "cccd": "001201012345"}  # male digit for a woman
    with pytest.raises(ValidationError, match="Dòng 2 \\(Hà Thị Huệ\\)"):
        services.enrol(actor=None, training_class=c, new_candidates=[good, bad])
    assert not Candidate.objects.filter(ten__in=["Lan", "Huệ"]).exists()
    rows = services.enrol(actor=None, training_class=c, new_candidates=[good])
    assert rows[0].candidate.full_name == "Hà Thị Lan" and rows[0].candidate.cccd == "001301012345"


def test_candidate_outside_the_organiser_needs_a_reason(world, training):
    far = candidate(world.c4, "Lý Văn Xa", gender="nam")
    with pytest.raises(ValidationError, match="Lý Văn Xa được bồi dưỡng tại Chi bộ thôn Bắc"):
        services.enrol(actor=None, training_class=training.new_a, candidates=[far])
    rows = services.enrol(
        actor=None,
        training_class=training.new_a,
        candidates=[far],
        outside_reason="Lớp chung của Trường Chính trị tỉnh",
    )
    assert rows[0].outside_reason == "Lớp chung của Trường Chính trị tỉnh"


def test_admitted_candidate_enrols_as_a_member(world, training):
    services.mark_admitted(actor=None, candidate=training.mai, member=training.an)
    c = new_class(world.commune_a, "chuyen_de", date(2025, 9, 1), date(2025, 9, 5))
    with pytest.raises(ValidationError, match="đã được kết nạp"):
        services.enrol(actor=None, training_class=c, candidates=[training.mai])


def test_removing_an_enrolment_needs_a_reason_and_no_result(world, training):
    e = training.old_a.enrolments.get(member=training.an)
    with pytest.raises(ValidationError, match="lý do"):
        services.remove_enrolment(actor=None, enrolment=e, reason="", expected_revision=None)
    services.record_results(
        actor=None,
        training_class=training.old_a,
        results=[{"enrolment": e.pk, "result": "bo_hoc"}],
        expected_revision=None,
    )
    e.refresh_from_db()
    with pytest.raises(ValidationError, match="đã có kết quả"):
        services.remove_enrolment(actor=None, enrolment=e, reason="nhầm", expected_revision=None)
    other = training.old_a.enrolments.get(member=training.binh)
    services.remove_enrolment(
        actor=None, enrolment=other, reason="Ghi nhầm người", expected_revision=None
    )
    assert not Enrolment.objects.filter(pk=other.pk).exists()
    assert AuditEntry.objects.filter(
        action="training.class.unenrol", reason="Ghi nhầm người"
    ).exists()
