"""Registry services: registration, events re-checked against the whole history, corrections."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.members import services
from dangvu.members.lifecycle import EventKind, Status
from dangvu.members.models import Correction, Member, MemberEvent, MemberPeriod


def identity(**extra):
    return {
        "ho": "Nguyễn",
        "ten_dem": "Thị",
        "ten": "Hoà",
        "gender": "nu",
        "birth_date": date(1990, 4, 12),
        "cccd": "001190012345",
        **extra,
    }


@pytest.fixture
def hoa(world):
    return services.register_member(
        actor=world.users["commune_a"],
        identity=identity(),
        admission_date=date(2024, 1, 10),
        ceremony_date=date(2024, 2, 3),
        unit=world.c1,
    )


def test_register_derives_status_unit_and_names(hoa, world):
    assert hoa.full_name == "Nguyễn Thị Hoà" and hoa.unit_id == world.c1.pk
    assert hoa.party_since == date(2024, 1, 10) and hoa.probation_end == date(2025, 2, 3)
    period = MemberPeriod.objects.get(member=hoa)
    assert (period.status, period.start, period.end) == (
        Status.PROBATIONARY,
        date(2024, 1, 10),
        None,
    )
    assert AuditEntry.objects.filter(
        action="members.member.register", object_id=str(hoa.pk)
    ).exists()


def test_recognition_is_effective_at_probation_end(hoa, world):
    services.record_event(
        actor=None, member=hoa, kind=EventKind.RECOGNITION, date=date(2025, 3, 10)
    )
    periods = list(MemberPeriod.objects.filter(member=hoa).values_list("status", "start", "end"))
    assert periods == [
        (Status.PROBATIONARY, date(2024, 1, 10), date(2025, 2, 3)),
        (Status.OFFICIAL, date(2025, 2, 3), None),
    ]
    hoa.refresh_from_db()
    assert hoa.official_date == date(2025, 2, 3)


def test_refused_event_writes_nothing(hoa):
    events, audits, revision = MemberEvent.objects.count(), AuditEntry.objects.count(), hoa.revision
    with pytest.raises(ValidationError, match="chưa đủ 12 tháng"):
        services.record_event(
            actor=None, member=hoa, kind=EventKind.RECOGNITION, date=date(2024, 12, 1)
        )
    assert (MemberEvent.objects.count(), AuditEntry.objects.count()) == (events, audits)
    hoa.refresh_from_db()
    assert hoa.revision == revision


def test_transfer_moves_the_member_to_the_other_scope(hoa, world):
    services.record_event(
        actor=None, member=hoa, kind=EventKind.TRANSFER, date=date(2025, 1, 31), unit=world.c4
    )
    hoa.refresh_from_db()
    assert hoa.unit_id == world.c4.pk
    assert not Member.objects.visible_to(world.users["commune_a"]).filter(pk=hoa.pk).exists()
    assert Member.objects.visible_to(world.users["commune_b"]).filter(pk=hoa.pk).exists()


def test_concurrent_event_entry_is_detected(hoa):
    stale = hoa.revision
    services.record_event(
        actor=None,
        member=hoa,
        kind=EventKind.RECOGNITION,
        date=date(2025, 3, 1),
        expected_revision=stale,
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.record_event(
            actor=None,
            member=hoa,
            kind=EventKind.EXCUSED,
            date=date(2025, 6, 1),
            expected_revision=stale,
        )


def test_correction_keeps_old_value_and_masks_sensitive_data_in_the_change_log(hoa, world):
    services.correct_member(
        actor=world.users["commune_a"],
        member=hoa,
        changes={"ten": "Hòa", "religion": "Phật giáo"},
        reason="Sai chính tả khi nhập",
        decision_ref="Tờ trình 12/TTr",
    )
    hoa.refresh_from_db()
    assert hoa.full_name == "Nguyễn Thị Hòa" and hoa.religion == "Phật giáo"
    rows = {c.field: (c.old_value, c.new_value) for c in Correction.objects.filter(member=hoa)}
    assert rows == {"ten": ("Hoà", "Hòa"), "religion": ("", "Phật giáo")}
    entry = AuditEntry.objects.get(action="members.member.correct")
    assert entry.after["religion"] == "(thông tin nhạy cảm)"


def test_correction_needs_a_reason_and_a_change(hoa):
    with pytest.raises(ValidationError, match="lý do"):
        services.correct_member(actor=None, member=hoa, changes={"ten": "Hòa"}, reason=" ")
    with pytest.raises(ValidationError, match="Không có thông tin nào thay đổi"):
        services.correct_member(actor=None, member=hoa, changes={"ten": "Hoà"}, reason="x")


def test_duplicate_or_invalid_cccd_is_refused(hoa, world):
    with pytest.raises(ValidationError) as exc:
        services.register_member(
            actor=None,
            identity=identity(ho="Trần", ten="Lan"),
            admission_date=date(2024, 1, 1),
            ceremony_date=date(2024, 1, 1),
            unit=world.c1,
        )
    assert "đã có trong hồ sơ của Nguyễn Thị Hoà" in str(exc.value)
    with pytest.raises(ValidationError):
        services.register_member(
            actor=None,
            identity=identity(cccd="12345"),
            admission_date=date(2024, 1, 1),
            ceremony_date=date(2024, 1, 1),
            unit=world.c1,
        )
    assert Member.objects.count() == 1


def test_void_event_keeps_it_and_rederives(hoa, world):
    transfer = services.record_event(
        actor=None, member=hoa, kind=EventKind.TRANSFER, date=date(2025, 1, 31), unit=world.c4
    )
    services.void_event(actor=None, member=hoa, event=transfer, reason="Nhập nhầm người")
    hoa.refresh_from_db()
    assert hoa.unit_id == world.c1.pk
    assert MemberEvent.objects.filter(pk=transfer.pk, voided_by__isnull=False).exists()


def test_cards_old_and_new_regime(hoa):
    old = services.issue_card(
        actor=None, member=hoa, number="01.234567", issued_on=date(2005, 3, 3)
    )
    new = services.issue_card(actor=None, member=hoa, number="012345678901")
    assert (old.regime, new.regime) == ("cu", "moi")
    with pytest.raises(ValidationError, match="không đúng dạng"):
        services.issue_card(actor=None, member=hoa, number="1234")
    with pytest.raises(ValidationError, match="đã cấp cho"):
        services.issue_card(actor=None, member=hoa, number="01.234567")


def test_bulk_register_checks_every_history_and_writes_all_or_nothing(
    world, django_assert_max_num_queries
):
    people = [
        {
            "identity": identity(cccd="", ho="Lê", ten=f"Ba{i}"),
            "events": [
                {
                    "kind": EventKind.ADMISSION,
                    "date": date(2000, 1, 1),
                    "ceremony_date": date(2000, 1, 15),
                    "unit": world.c2,
                },
                {"kind": EventKind.RECOGNITION, "date": date(2001, 2, 1)},
            ],
            "cards": [{"number": f"0123456789{i:02d}"}],
        }
        for i in range(30)
    ]
    with django_assert_max_num_queries(12):
        assert services.bulk_register(actor=None, people=people) == 30
    assert Member.objects.filter(unit=world.c2).count() == 30
    assert (
        MemberPeriod.objects.filter(status=Status.OFFICIAL, start=date(2001, 1, 15)).count() == 30
    )
    bad = [
        people[0] | {"identity": identity(cccd="", ten="Mới")},
        {
            "identity": identity(cccd="", ten="Sai"),
            "events": [{"kind": EventKind.RECOGNITION, "date": date(2001, 2, 1)}],
        },
    ]
    with pytest.raises(ValidationError, match="Người thứ 2"):
        services.bulk_register(actor=None, people=bad)
    assert Member.objects.count() == 30
