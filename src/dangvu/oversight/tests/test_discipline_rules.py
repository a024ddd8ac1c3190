"""Discipline decisions: the allowed forms per subject (every combination), khai trừ → the
member's exit, giải tán → the unit dissolved, the historical unit kept after a merge,
members who left or died, stale edits and the audit entries."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.members.lifecycle import EventKind, Status
from dangvu.members.models import MemberEvent
from dangvu.members.selectors import period_on
from dangvu.orgs.models import LineageEvent, LineageKind, Unit
from dangvu.orgs.services import merge_units
from dangvu.oversight.models import DisciplineDecision, Form, SubjectKind
from dangvu.oversight.services import decide_discipline, update_decision

from .conftest import event

DAY = date(2025, 10, 1)
ALLOWED = {
    "unit": {Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION},
    "official": {Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION},
    "excused": {Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION},
    "probationary": {Form.REPRIMAND, Form.WARNING},
}


def _subject(world, people, who):
    return {
        "unit": {"subject_unit": world.c4},
        "official": {"subject_member": people.khanh},
        "excused": {"subject_member": people.nam},
        "probationary": {"subject_member": people.lan},
    }[who]


def decide(world, violation, *, form, actor=None, day=DAY, unit=None, number="05-QĐ/UBKT", **s):
    return decide_discipline(
        actor=actor,
        unit=unit or world.commune_b,
        number=number,
        date=day,
        violation=violation,
        form=form,
        text="Vi phạm quy định về những điều đảng viên không được làm.",
        **s,
    )


def _oversight_audit():
    return AuditEntry.objects.filter(action__startswith="oversight.")


@pytest.mark.parametrize("who", sorted(ALLOWED))
@pytest.mark.parametrize("form", [f.value for f in Form])
def test_allowed_forms_for_every_subject(world, people, violation, who, form):
    subject = _subject(world, people, who)
    if form in ALLOWED[who]:
        decision = decide(world, violation, form=form, **subject)
        assert decision.form == form
        expected_kind = {"unit": SubjectKind.UNIT, "probationary": SubjectKind.PROBATIONARY}
        assert decision.subject_kind == expected_kind.get(who, SubjectKind.OFFICIAL)
        assert _oversight_audit().filter(action="oversight.decision.create").count() == 1
    else:
        with pytest.raises(ValidationError) as refused:
            decide(world, violation, form=form, **subject)
        assert "chỉ được" in refused.value.messages[0]
        assert Form(form).label.lower() in refused.value.messages[0]
        assert not DisciplineDecision.objects.exists()
        assert not _oversight_audit().exists()


def test_probationary_reason_names_the_allowed_forms(world, people, violation):
    with pytest.raises(ValidationError) as refused:
        decide(world, violation, form=Form.DISMISSAL, subject_member=people.lan)
    assert refused.value.messages == [
        "Không thể thi hành hình thức “cách chức” đối với đảng viên dự bị: chỉ được khiển "
        "trách hoặc cảnh cáo."
    ]


def test_status_is_read_at_the_decision_date(world, people, violation):
    """Lan is probationary in October 2025; once recognised official she may be dismissed."""
    lan = event(people.lan, EventKind.RECOGNITION, date(2026, 3, 1))
    with pytest.raises(ValidationError):
        decide(world, violation, form=Form.DISMISSAL, subject_member=lan)
    decision = decide(
        world, violation, form=Form.DISMISSAL, subject_member=lan, day=date(2026, 4, 1)
    )
    assert decision.subject_kind == SubjectKind.OFFICIAL


def test_dead_or_expelled_members_cannot_be_disciplined(world, people, violation):
    with pytest.raises(ValidationError, match="đã từ trần"):
        decide(world, violation, form=Form.REPRIMAND, subject_member=people.mai)
    decide(world, violation, form=Form.EXPULSION, subject_member=people.khanh)
    with pytest.raises(ValidationError, match="đã ra khỏi Đảng"):
        decide(
            world, violation, form=Form.WARNING, subject_member=people.khanh, day=date(2025, 11, 1)
        )
    assert DisciplineDecision.objects.count() == 1


def test_expulsion_records_the_exit_event(world, people, violation, ubkt_b):
    decision = decide(
        world, violation, form=Form.EXPULSION, subject_member=people.khanh, actor=ubkt_b
    )
    exit_event = MemberEvent.objects.get(member=people.khanh, kind=EventKind.EXPELLED)
    assert decision.member_event == exit_event
    assert (exit_event.date, exit_event.decision_number) == (DAY, "05-QĐ/UBKT")
    assert period_on(DAY).get(member=people.khanh).status == Status.LEFT
    assert period_on(date(2025, 9, 30)).get(member=people.khanh).status == Status.OFFICIAL
    actions = set(AuditEntry.objects.filter(actor=ubkt_b).values_list("action", flat=True))
    assert {"members.event.khai_tru", "oversight.decision.create"} <= actions


def test_a_refused_exit_rolls_the_decision_back(world, people, violation):
    """Khánh has a later event (excused from 01/11/2025): expelling him on 01/10/2025 would
    leave that event after his exit, which the registry refuses — so nothing is kept."""
    event(people.khanh, EventKind.EXCUSED, date(2025, 11, 1))
    with pytest.raises(ValidationError):
        decide(world, violation, form=Form.EXPULSION, subject_member=people.khanh)
    assert not DisciplineDecision.objects.exists()
    assert not MemberEvent.objects.filter(kind=EventKind.EXPELLED).exists()
    assert not _oversight_audit().exists()


def test_dissolution_dissolves_the_unit(world, people, violation):
    # c4's members first leave (a unit with members can still be dissolved: the tree rule
    # is about live child units only)
    decision = decide(world, violation, form=Form.DISSOLUTION, subject_unit=world.c4)
    c4 = Unit.objects.get(pk=world.c4.pk)
    assert c4.ended_on == DAY
    dissolved = LineageEvent.objects.get(unit=c4, kind=LineageKind.DISSOLVED)
    assert dissolved.decision_number == "05-QĐ/UBKT"
    assert decision.subject_unit == c4 and decision.subject_name == "Chi bộ thôn Bắc"
    # an ended unit cannot be dissolved again, but may still be reprimanded for the past
    with pytest.raises(ValidationError, match="không hoạt động"):
        decide(world, violation, form=Form.DISSOLUTION, subject_unit=c4, day=date(2025, 11, 1))
    decide(world, violation, form=Form.REPRIMAND, subject_unit=c4, day=date(2025, 11, 1))


def test_dissolution_of_a_unit_with_live_children_is_refused(world, violation, ubkt_p):
    with pytest.raises(ValidationError, match="còn 1 tổ chức trực thuộc đang hoạt động"):
        decide(
            world,
            violation,
            form=Form.DISSOLUTION,
            subject_unit=world.commune_b,
            unit=world.province,
        )
    assert Unit.objects.get(pk=world.commune_b.pk).ended_on is None
    assert not DisciplineDecision.objects.exists()
    assert not _oversight_audit().exists()


def test_a_merged_unit_keeps_its_decisions(world, violation):
    """A decision on c3 stays on c3 (with its name then) after c3 is merged into c2; the
    old commune X1, ended at the reform, can still be disciplined for 2024."""
    decision = decide(
        world, violation, form=Form.WARNING, subject_unit=world.c3, unit=world.commune_a
    )
    merged = merge_units(
        actor=None, sources=[world.c3], into=world.c2, effective_date=date(2025, 11, 1)
    )
    decision.refresh_from_db()
    assert decision.subject_unit_id == world.c3.pk != merged.pk
    assert decision.subject_name == "Chi bộ thôn Đoài"
    assert Unit.objects.get(pk=world.c3.pk).ended_on == date(2025, 11, 1)
    old = decide(
        world,
        violation,
        form=Form.REPRIMAND,
        subject_unit=world.x1,
        unit=world.district,
        day=date(2024, 5, 1),
    )
    assert (old.subject_unit_id, old.subject_name) == (world.x1.pk, "Đảng bộ xã An Bình")


def test_bad_input_writes_nothing(world, people, violation):
    with pytest.raises(ValidationError, match="tương lai"):
        decide(world, violation, form=Form.REPRIMAND, subject_unit=world.c4, day=date(2999, 1, 1))
    with pytest.raises(ValidationError, match="không hoạt động"):  # district ended at the reform
        decide(world, violation, form=Form.REPRIMAND, subject_unit=world.c4, unit=world.district)
    with pytest.raises(ValidationError, match="đúng một đối tượng"):
        decide(world, violation, form=Form.REPRIMAND)
    with pytest.raises(ValidationError, match="Số quyết định"):
        decide(world, violation, form=Form.REPRIMAND, subject_unit=world.c4, number="  ")
    with pytest.raises(ValidationError, match="Hình thức kỷ luật không hợp lệ"):
        decide(world, violation, form="phat_tien", subject_unit=world.c4)
    assert not DisciplineDecision.objects.exists()


def _edit(decision, violation, **changes):
    fields = {
        "number": decision.number,
        "date": decision.date,
        "violation": violation,
        "form": decision.form,
        "text": decision.text,
        "expected_revision": decision.revision,
        **changes,
    }
    return update_decision(actor=None, decision=decision, **fields)


def test_edits_recheck_the_form_and_refuse_stale_ones(world, people, violation):
    decision = decide(world, violation, form=Form.REPRIMAND, subject_member=people.khanh)
    edited = _edit(decision, violation, form=Form.DISMISSAL)
    assert (edited.form, edited.revision) == (Form.DISMISSAL, 2)
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        _edit(decision, violation, number="06-QĐ/UBKT", expected_revision=1)
    with pytest.raises(ValidationError, match="hãy ghi một quyết định mới"):
        _edit(edited, violation, form=Form.EXPULSION)
    assert DisciplineDecision.objects.get().number == "05-QĐ/UBKT"
    probationary = decide(world, violation, form=Form.WARNING, subject_member=people.lan)
    with pytest.raises(ValidationError, match="đảng viên dự bị"):
        _edit(probationary, violation, form=Form.DISMISSAL)
    assert AuditEntry.objects.filter(action="oversight.decision.update").count() == 1


def test_an_expulsion_keeps_its_form_and_date(world, people, violation):
    decision = decide(world, violation, form=Form.EXPULSION, subject_member=people.khanh)
    for change in ({"form": Form.WARNING}, {"date": date(2025, 10, 2)}):
        with pytest.raises(ValidationError, match="đã được ghi vào hồ sơ"):
            _edit(decision, violation, **change)
    edited = _edit(decision, violation, number="05b-QĐ/UBKT", text="Sửa lỗi chính tả")
    assert edited.number == "05b-QĐ/UBKT"
