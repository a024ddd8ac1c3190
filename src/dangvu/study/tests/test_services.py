"""Writing sessions: counts and lists, the refusals (nothing written), revision, audit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.study import services
from dangvu.study.models import Attendee, AudienceGroup, StudySession

from .conftest import counted, kind, listed


def test_session_with_counts_is_written_with_its_audit_entry(world, document):
    session = counted(
        world.province, date(2025, 3, 5), expected=968, attended=941, documents=[document]
    )
    group = session.groups.get()
    assert (group.expected, group.attended, group.by_list) == (968, 941, False)
    assert list(session.documents.all()) == [document]
    entry = AuditEntry.objects.get(action="study.session.create")
    assert entry.object_id == str(session.pk) and entry.unit_id == world.province.pk
    assert entry.after["groups"][0]["attended"] == 941


def test_attended_above_expected_is_refused_and_nothing_written(world):
    with pytest.raises(ValidationError) as refused:
        counted(world.province, date(2025, 3, 5), expected=10, attended=11)
    assert "lớn hơn số được triệu tập" in refused.value.messages[0]
    assert not StudySession.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="study.").exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, "Thiếu tên hội nghị"),
        ({"date": date.today() + timedelta(days=2)}, "ở tương lai"),
        ({"end_date": date(2025, 3, 1)}, "trước ngày bắt đầu"),
        ({"form": "qua_thu"}, "Hình thức"),
    ],
)
def test_bad_fields_are_refused_in_vietnamese(world, change, message):
    data = {"title": "Hội nghị", "date": date(2025, 3, 5), **change}
    with pytest.raises(ValidationError) as refused:
        counted(world.province, **{"day": data.pop("date")}, **data)
    assert message in " ".join(refused.value.messages)
    assert not StudySession.objects.exists()


def test_groups_need_a_kind_each_once_and_positive_counts(world):
    with pytest.raises(ValidationError, match="ít nhất một đối tượng"):
        services.create_session(
            actor=None, unit=world.c1, date=date(2025, 3, 1), title="X", groups=[]
        )
    twice = [{"kind": kind("dang_vien"), "expected": 3, "attended": 3}] * 2
    with pytest.raises(ValidationError, match="hai lần"):
        services.create_session(
            actor=None, unit=world.c1, date=date(2025, 3, 1), title="X", groups=twice
        )
    with pytest.raises(ValidationError, match="lớn hơn 0"):
        counted(world.c1, date(2025, 3, 1), expected=0, attended=0)


def test_unit_must_be_alive_on_the_session_date(world):
    with pytest.raises(ValidationError, match="chưa thành lập hoặc đã kết thúc"):
        counted(world.commune_a, date(2024, 5, 1))  # A was formed on 01/07/2025
    with pytest.raises(ValidationError, match="chưa thành lập hoặc đã kết thúc"):
        counted(world.x1, date(2025, 8, 1))  # X1 ended on 01/07/2025
    assert counted(world.x1, date(2024, 5, 1)).unit == world.x1


def test_list_counts_are_derived_from_the_members(world, people):
    session = listed(
        world.commune_a,
        date(2025, 9, 1),
        [(people.an, True), (people.binh, False, "Ốm"), (people.dung, True)],
    )
    group = session.groups.get()
    assert (group.by_list, group.expected, group.attended) == (True, 3, 2)
    assert Attendee.objects.get(member=people.binh).note == "Ốm"


def test_member_outside_the_subtree_on_the_session_date_is_refused(world, people):
    # Em is in c4 (commune B): not a member of commune A
    with pytest.raises(ValidationError) as refused:
        listed(world.commune_a, date(2025, 9, 1), [(people.an, True), (people.em, True)])
    assert "Đỗ Thị Em không sinh hoạt trong Đảng bộ xã An Hòa" in refused.value.messages[0]
    assert not StudySession.objects.exists() and not Attendee.objects.exists()
    # Giang moved from c4 to c1 on 01/03/2025: refused at c1 before, accepted after
    with pytest.raises(ValidationError, match="Vũ Thị Giang"):
        listed(world.c1, date(2025, 2, 1), [(people.giang, True)])
    assert listed(world.c1, date(2025, 3, 2), [(people.giang, True)]).groups.get().attended == 1
    # before the merge Dũng (c3) belonged to X2, not X1
    with pytest.raises(ValidationError, match="Hoàng Văn Dũng"):
        listed(world.x1, date(2024, 6, 1), [(people.dung, True)])
    assert listed(world.x2, date(2024, 6, 1), [(people.dung, True)]).unit == world.x2


def test_document_issued_after_the_session_is_refused(world, document):
    with pytest.raises(ValidationError, match="sau ngày hội nghị"):
        counted(world.province, date(2024, 1, 5), documents=[document])


def test_actor_needs_write_at_the_organising_unit(world):
    with pytest.raises(ValidationError, match="không có quyền"):
        counted(world.c4, date(2025, 9, 1), actor=world.users["commune_a"])
    assert counted(world.c4, date(2025, 9, 1), actor=world.users["commune_b"]).unit == world.c4


def test_set_attendance_replaces_the_list_in_one_go(world, people):
    session = listed(world.commune_a, date(2025, 9, 1), [(people.an, True), (people.binh, True)])
    group = session.groups.get()
    services.set_attendance(
        actor=None,
        group=group,
        entries=[(people.an, False, "Đi công tác"), (people.chi, True), (people.dung, True)],
        expected_revision=session.revision,
    )
    group.refresh_from_db()
    assert (group.expected, group.attended) == (3, 2)
    rows = dict(Attendee.objects.values_list("member__ten", "present"))
    assert rows == {"An": False, "Chi": True, "Dũng": True}
    entry = AuditEntry.objects.get(action="study.session.attendance")
    assert entry.after["removed"] == [people.binh.pk] and entry.after["changed"] == [people.an.pk]
    session.refresh_from_db()
    assert session.revision == 2


def test_set_attendance_refuses_an_outsider_and_keeps_the_old_list(world, people):
    session = listed(world.commune_a, date(2025, 9, 1), [(people.an, True)])
    group = session.groups.get()
    with pytest.raises(ValidationError, match="Đỗ Thị Em"):
        services.set_attendance(
            actor=None,
            group=group,
            entries=[(people.an, False), (people.em, True)],
            expected_revision=session.revision,
        )
    assert list(Attendee.objects.values_list("member_id", "present")) == [(people.an.pk, True)]
    group.refresh_from_db()
    assert (group.expected, group.attended) == (1, 1)


def test_stale_revision_is_detected_not_overwritten(world, people):
    session = counted(world.c1, date(2025, 9, 1), title="Cũ")
    services.update_session(
        actor=None,
        session=session,
        expected_revision=1,
        title="Người thứ nhất sửa",
        groups=[{"kind": kind("can_bo_chu_chot"), "expected": 10, "attended": 10}],
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.update_session(
            actor=None,
            session=session,
            expected_revision=1,
            title="Người thứ hai sửa",
            groups=[{"kind": kind("can_bo_chu_chot"), "expected": 10, "attended": 8}],
        )
    session.refresh_from_db()
    assert session.title == "Người thứ nhất sửa" and session.groups.get().attended == 10
    group = session.groups.get()
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.set_attendance(actor=None, group=group, entries=[], expected_revision=1)


def test_update_keeps_lists_and_refuses_dropping_a_listed_group(world, people):
    session = listed(world.c1, date(2025, 9, 1), [(people.an, True), (people.binh, False)])
    with pytest.raises(ValidationError, match="đang có danh sách 2 người"):
        services.update_session(
            actor=None,
            session=session,
            expected_revision=session.revision,
            groups=[{"kind": kind("dang_vien"), "expected": 5, "attended": 5}],
        )
    with pytest.raises(ValidationError, match="Không bỏ được"):
        services.update_session(
            actor=None,
            session=session,
            expected_revision=session.revision,
            groups=[{"kind": kind("can_bo_chu_chot"), "expected": 5, "attended": 5}],
        )
    updated = services.update_session(
        actor=None,
        session=session,
        expected_revision=session.revision,
        title="Học tập chuyên đề",
        groups=[
            {"kind": kind("dang_vien"), "by_list": True},
            {"kind": kind("can_bo_chu_chot"), "expected": 5, "attended": 4},
        ],
    )
    groups = {g.kind.code: (g.expected, g.attended) for g in updated.groups.all()}
    assert groups == {"dang_vien": (2, 1), "can_bo_chu_chot": (5, 4)}
    assert AuditEntry.objects.filter(action="study.session.update").count() == 1
    # a group kept as counts may become a list (then filled on the attendance form)
    switched = services.update_session(
        actor=None,
        session=updated,
        expected_revision=updated.revision,
        groups=[
            {"kind": kind("dang_vien"), "by_list": True},
            {"kind": kind("can_bo_chu_chot"), "by_list": True},
        ],
    )
    chu_chot = switched.groups.get(kind__code="can_bo_chu_chot")
    assert (chu_chot.by_list, chu_chot.expected, chu_chot.attended) == (True, 0, 0)


def test_moving_a_listed_session_rechecks_its_members(world, people):
    session = listed(world.c1, date(2025, 9, 1), [(people.an, True)])
    with pytest.raises(ValidationError, match="Lê Văn An"):
        services.update_session(
            actor=None,
            session=session,
            expected_revision=session.revision,
            unit=world.c2,
            groups=[{"kind": kind("dang_vien"), "by_list": True}],
        )


def test_bulk_create_checks_every_session_and_audits_once(world, people, document):
    good = {
        "unit": world.c1,
        "date": date(2025, 9, 1),
        "title": "Quán triệt nghị quyết",
        "documents": [document],
        "groups": [{"kind": kind("dang_vien"), "by_list": True, "members": [(people.an, True)]}],
    }
    bad = {**good, "groups": [{"kind": kind("dang_vien"), "expected": 3, "attended": 4}]}
    with pytest.raises(ValidationError, match="Hội nghị thứ 2"):
        services.bulk_create_sessions(actor=None, sessions=[good, bad])
    assert not StudySession.objects.exists()
    ended = {
        **good,
        "unit": world.x1,
        "groups": [{"kind": kind("dang_vien"), "expected": 3, "attended": 3}],
    }
    with pytest.raises(
        ValidationError, match="Hội nghị thứ 1: Ngày 01/09/2025, “Đảng bộ xã An Bình” chưa"
    ):
        services.bulk_create_sessions(actor=None, sessions=[ended])
    assert services.bulk_create_sessions(actor=None, sessions=[good, good], reason="Thử") == 2
    assert AudienceGroup.objects.filter(expected=1, attended=1).count() == 2
    assert StudySession.documents.through.objects.count() == 2
    assert AuditEntry.objects.filter(action="study.session.bulk_create").count() == 1
