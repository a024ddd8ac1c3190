"""The rules of the services: the state machine, the due date at routing, overdue at a date,
the on-time rule, stale edits, audit entries, and 1–2 pressing issues per unit per year."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.citizens import services
from dangvu.citizens.models import (
    Feedback,
    FeedbackState,
    IssueState,
    PressingIssue,
    on_time_q,
    overdue_q,
)

from .conftest import answered, channel, issue, received, routed, sector

S = FeedbackState


def test_the_whole_path_received_routed_answered_closed(world):
    f = received(world.c4)
    assert f.state == S.RECEIVED and f.revision == 1
    f = services.route_feedback(
        actor=None,
        feedback=f,
        expected_revision=1,
        routed_on=date(2025, 9, 2),
        due_on=date(2025, 9, 30),
        routed_unit=world.commune_b,
    )
    assert (f.state, f.routed_unit, f.revision) == (S.ROUTED, world.commune_b, 2)
    f = services.answer_feedback(
        actor=None,
        feedback=f,
        expected_revision=2,
        response="Đã trả lời trực tiếp tại buổi đối thoại.",
        responded_on=date(2025, 9, 25),
    )
    assert f.state == S.ANSWERED and f.on_time is True
    f = services.close_feedback(
        actor=None, feedback=f, expected_revision=3, closed_on=date(2025, 9, 26)
    )
    assert f.state == S.CLOSED
    actions = list(
        AuditEntry.objects.filter(object_id=str(f.pk), action__startswith="citizens.feedback")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "citizens.feedback.create",
        "citizens.feedback.route",
        "citizens.feedback.answer",
        "citizens.feedback.close",
    ]
    last = AuditEntry.objects.filter(action="citizens.feedback.close").get()
    assert last.before["state"] == S.ANSWERED and last.after["state"] == S.CLOSED


def test_referral_to_the_competent_agency(world):
    f = routed(world.c4)
    f = services.refer_feedback(
        actor=None,
        feedback=f,
        expected_revision=f.revision,
        referred_to="Văn phòng Đăng ký đất đai tỉnh",
        responded_on=date(2025, 10, 3),
    )
    assert f.state == S.REFERRED and f.on_time is False  # after the due date 30/09
    with pytest.raises(ValidationError, match="cơ quan có thẩm quyền"):
        other = routed(world.c4)
        services.refer_feedback(
            actor=None,
            feedback=other,
            expected_revision=other.revision,
            referred_to="",
            responded_on=date(2025, 9, 5),
        )


@pytest.mark.parametrize(
    ("state_of", "action"),
    [
        ("received", "answer"),
        ("received", "refer"),
        ("received", "close"),
        ("routed", "route"),
        ("routed", "close"),
        ("answered", "answer"),
        ("answered", "route"),
        ("closed", "close"),
        ("closed", "answer"),
    ],
)
def test_illegal_transitions_are_refused_in_vietnamese(world, state_of, action):
    f = {"received": received, "routed": routed, "answered": answered}.get(state_of, answered)(
        world.c4
    )
    if state_of == "closed":
        f = services.close_feedback(
            actor=None, feedback=f, expected_revision=f.revision, closed_on=date(2025, 9, 21)
        )
    before = (f.state, f.revision, AuditEntry.objects.count())
    calls = {
        "route": lambda: services.route_feedback(
            actor=None,
            feedback=f,
            expected_revision=f.revision,
            routed_on=date(2025, 9, 2),
            due_on=date(2025, 9, 30),
            routed_agency="UBND xã",
        ),
        "answer": lambda: services.answer_feedback(
            actor=None,
            feedback=f,
            expected_revision=f.revision,
            response="Trả lời",
            responded_on=date(2025, 9, 22),
        ),
        "refer": lambda: services.refer_feedback(
            actor=None,
            feedback=f,
            expected_revision=f.revision,
            referred_to="Sở Tài nguyên và Môi trường",
            responded_on=date(2025, 9, 22),
        ),
        "close": lambda: services.close_feedback(
            actor=None, feedback=f, expected_revision=f.revision, closed_on=date(2025, 9, 23)
        ),
    }
    with pytest.raises(ValidationError, match=r"Không thể .* ý kiến đang ở trạng thái"):
        calls[action]()
    f.refresh_from_db()
    assert (f.state, f.revision, AuditEntry.objects.count()) == before


def test_routing_requires_a_due_date_and_one_target(world):
    f = received(world.c4)
    cases = [
        ({"due_on": None, "routed_agency": "UBND xã"}, "phải đặt hạn trả lời"),
        ({"due_on": date(2025, 8, 30), "routed_agency": "UBND xã"}, "Hạn trả lời .* trước"),
        ({"due_on": date(2025, 9, 30)}, "chỉ một"),
        (
            {"due_on": date(2025, 9, 30), "routed_agency": "UBND xã", "routed_unit": world.c4},
            "chỉ một",
        ),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.route_feedback(
                actor=None,
                feedback=f,
                expected_revision=f.revision,
                routed_on=date(2025, 9, 1),
                **kwargs,
            )
    f.refresh_from_db()
    assert f.state == S.RECEIVED and f.due_on is None and f.revision == 1
    with pytest.raises(ValidationError, match="trước ngày tiếp nhận"):
        services.route_feedback(
            actor=None,
            feedback=f,
            expected_revision=f.revision,
            routed_on=date(2025, 8, 1),
            due_on=date(2025, 9, 30),
            routed_agency="UBND xã",
        )


def test_overdue_is_computed_at_a_date(world):
    late = routed(world.c4, due=date(2025, 9, 30))  # never answered
    on_time = answered(world.c4, on=date(2025, 9, 20))
    answered_late = answered(world.c4, on=date(2025, 10, 10))
    fresh = received(world.c4)  # not routed: no due date, never overdue

    def overdue_at(day):
        return set(Feedback.objects.filter(overdue_q(day)).values_list("pk", flat=True))

    assert overdue_at(date(2025, 9, 30)) == set()  # the due day itself is not late
    assert overdue_at(date(2025, 10, 1)) == {late.pk, answered_late.pk}
    assert overdue_at(date(2025, 10, 10)) == {late.pk}  # answered that day
    assert overdue_at(date(2026, 1, 1)) == {late.pk}
    for f in (late, on_time, answered_late, fresh):
        for day in (date(2025, 9, 30), date(2025, 10, 1), date(2025, 10, 10)):
            assert f.overdue_at(day) == (f.pk in overdue_at(day))


def test_answered_on_time_means_response_date_not_after_due_date(world):
    exact = answered(world.c4, on=date(2025, 9, 30), due=date(2025, 9, 30))
    late = answered(world.c4, on=date(2025, 10, 1), due=date(2025, 9, 30))
    assert exact.on_time is True and late.on_time is False
    kept = set(Feedback.objects.filter(on_time_q(date(2026, 1, 1))).values_list("pk", flat=True))
    assert kept == {exact.pk}
    # judged at a day before the answer, neither was answered yet
    assert not Feedback.objects.filter(on_time_q(date(2025, 9, 29))).exists()


def test_a_stale_edit_is_refused(world):
    f = received(world.c4)
    services.update_feedback(actor=None, feedback=f, expected_revision=1, content="Nội dung mới")
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.update_feedback(actor=None, feedback=f, expected_revision=1, content="Cũ")
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.route_feedback(
            actor=None,
            feedback=f,
            expected_revision=1,
            routed_on=date(2025, 9, 2),
            due_on=date(2025, 9, 30),
            routed_agency="UBND xã",
        )
    f.refresh_from_db()
    assert (f.content, f.revision, f.state) == ("Nội dung mới", 2, S.RECEIVED)


def test_bad_input_is_refused_and_writes_nothing(world):
    with pytest.raises(ValidationError) as refused:
        services.record_feedback(
            actor=None,
            unit=world.c4,
            channel=channel(),
            sector=sector(),
            raised_by="",
            content="",
            received_on=date(2099, 1, 1),
        )
    messages = " ".join(refused.value.messages)
    assert "người hoặc nhóm phản ánh" in messages and "nội dung" in messages
    assert "tương lai" in messages
    # cell c1 did not exist under commune A yet… but X1 ended on 01/07/2025
    with pytest.raises(ValidationError, match="kết thúc hoạt động"):
        received(world.x1, date(2025, 8, 1))
    assert not Feedback.objects.exists()


def test_a_signed_in_actor_needs_write_at_the_unit(world):
    with pytest.raises(ValidationError, match="không có quyền"):
        received(world.c4, actor=world.users["commune_a"])
    f = routed(world.c4, to=world.commune_a)
    # the unit it was routed to may answer, not re-route or close
    services.answer_feedback(
        actor=world.users["commune_a"],
        feedback=f,
        expected_revision=f.revision,
        response="Xã An Hòa đã trả lời.",
        responded_on=date(2025, 9, 10),
    )
    f.refresh_from_db()
    with pytest.raises(ValidationError, match="không có quyền"):
        services.close_feedback(
            actor=world.users["commune_a"],
            feedback=f,
            expected_revision=f.revision,
            closed_on=date(2025, 9, 11),
        )


def test_bulk_rows_must_carry_what_their_state_needs(world):
    base = {
        "unit": world.c4,
        "channel": channel(),
        "sector": sector(),
        "raised_by": "Nhóm hộ dân",
        "content": "Nội dung",
        "received_on": date(2025, 9, 1),
    }
    good = {
        **base,
        "state": S.ANSWERED,
        "routed_agency": "UBND xã",
        "routed_on": date(2025, 9, 2),
        "due_on": date(2025, 9, 20),
        "response": "Đã trả lời",
        "responded_on": date(2025, 9, 10),
    }
    bad = {**good, "due_on": None}
    with pytest.raises(ValidationError, match="Ý kiến thứ 2: Khi chuyển xử lý phải đặt hạn"):
        services.bulk_record_feedback(actor=None, items=[good, bad])
    assert not Feedback.objects.exists()
    assert services.bulk_record_feedback(actor=None, items=[good, base]) == 2
    assert AuditEntry.objects.filter(action="citizens.feedback.bulk_create").count() == 1


# ---------------------------------------------------------------- pressing issues


def test_one_or_two_pressing_issues_per_unit_per_year(world):
    issue(world.c4, 2025, title="Vụ thứ nhất")
    issue(world.c4, 2025, title="Vụ thứ hai")
    with pytest.raises(ValidationError, match="đã lựa chọn 02 việc nổi cộm, bức xúc năm 2025"):
        issue(world.c4, 2025, title="Vụ thứ ba")
    assert PressingIssue.objects.filter(unit=world.c4, year=2025).count() == 2
    issue(world.c4, 2026, title="Năm sau")  # another year
    issue(world.commune_b, 2025, title="Cấp ủy xã")  # another unit
    third = issue(world.c4, 2024, title="Năm trước")
    with pytest.raises(ValidationError, match="đã lựa chọn 02"):
        services.update_issue(actor=None, issue=third, expected_revision=1, year=2025)
    third.refresh_from_db()
    assert third.year == 2024
    with pytest.raises(ValidationError, match=r"Vụ việc thứ 4: .* đã có 02 việc năm 2027"):
        services.bulk_select_issues(
            actor=None,
            items=[
                {
                    "unit": world.c4,
                    "year": 2026 + (i > 0),
                    "sector": sector(),
                    "title": f"Vụ {i}",
                    "plan": "Kế hoạch",
                }
                for i in range(4)
            ],
        )


def test_following_an_issue_to_resolution(world):
    item = issue(world.c4, 2025)
    with pytest.raises(ValidationError, match="ngày giải quyết xong"):
        services.record_issue_result(
            actor=None, issue=item, expected_revision=1, state=IssueState.RESOLVED, result="Xong"
        )
    with pytest.raises(ValidationError, match="kết quả giải quyết"):
        services.record_issue_result(
            actor=None,
            issue=item,
            expected_revision=1,
            state=IssueState.RESOLVED,
            resolved_on=date(2025, 11, 1),
        )
    done = services.record_issue_result(
        actor=None,
        issue=item,
        expected_revision=1,
        state=IssueState.RESOLVED,
        resolved_on=date(2025, 11, 1),
        result="Đã bàn giao mặt bằng cho dự án.",
    )
    assert (done.state, done.resolved_on, done.revision) == (
        IssueState.RESOLVED,
        date(2025, 11, 1),
        2,
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.record_issue_result(
            actor=None, issue=item, expected_revision=1, state=IssueState.IN_PROGRESS
        )
    entry = AuditEntry.objects.get(action="citizens.issue.result")
    assert entry.before["state"] == IssueState.IN_PROGRESS
    assert entry.after["state"] == IssueState.RESOLVED
