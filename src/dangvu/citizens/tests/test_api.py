"""The API: the same services and scopes as the pages; personal data exposed only as kept."""

from datetime import date

from dangvu.citizens.models import Feedback, FeedbackState, PressingIssue

from .conftest import issue, received

FEEDBACK_KEYS = {
    "id",
    "unit_id",
    "unit_name",
    "channel",
    "sector",
    "raised_by",
    "contact",
    "content",
    "received_on",
    "state",
    "state_label",
    "routed_unit_id",
    "routed_agency",
    "routed_on",
    "due_on",
    "referred_to",
    "response",
    "responded_on",
    "on_time",
    "closed_on",
    "revision",
}


def test_create_route_answer_through_the_api(world, login):
    client = login(world.users["commune_b"])
    created = client.post(
        "/api/citizens/feedback",
        {
            "unit_id": world.c4.pk,
            "channel": "tiep_cong_dan",
            "sector": "giai_phong_mat_bang",
            "raised_by": "Nhóm 12 hộ dân thôn Bắc",
            "content": "Kiến nghị về mức bồi thường giải phóng mặt bằng.",
            "received_on": "2025-09-01",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert set(body) == FEEDBACK_KEYS  # nothing more about the person than name and contact
    url = f"/api/citizens/feedback/{body['id']}/transition"
    no_due = client.post(
        url,
        {
            "action": "route",
            "expected_revision": 1,
            "routed_agency": "UBND xã",
            "routed_on": "2025-09-02",
        },
        content_type="application/json",
    )
    assert no_due.status_code == 422 and "hạn trả lời" in no_due.json()["detail"]
    routed = client.post(
        url,
        {
            "action": "route",
            "expected_revision": 1,
            "routed_unit_id": world.commune_b.pk,
            "routed_on": "2025-09-02",
            "due_on": "2025-09-30",
        },
        content_type="application/json",
    )
    assert routed.status_code == 200 and routed.json()["state"] == FeedbackState.ROUTED
    close = client.post(
        url,
        {"action": "close", "expected_revision": 2, "closed_on": "2025-09-03"},
        content_type="application/json",
    )
    assert close.status_code == 422 and "Không thể kết thúc" in close.json()["detail"]
    answer = client.post(
        url,
        {
            "action": "answer",
            "expected_revision": 2,
            "response": "Đã đối thoại",
            "responded_on": "2025-09-20",
        },
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["on_time"] is True
    listed = client.get(
        "/api/citizens/feedback", {"unit": world.commune_b.pk, "status": "dung_han"}
    )
    assert [f["id"] for f in listed.json()["items"]] == [body["id"]]


def test_writes_outside_the_write_scope_answer_404(world, login):
    f = received(world.c4)
    member = login(world.users["member"])
    assert (
        member.post(
            "/api/citizens/feedback",
            {
                "unit_id": world.c1.pk,
                "channel": "truc_tiep",
                "sector": "dat_dai",
                "raised_by": "A",
                "content": "B",
                "received_on": "2025-09-01",
            },
            content_type="application/json",
        ).status_code
        == 404
    )
    commune_a = login(world.users["commune_a"])
    assert (
        commune_a.post(
            f"/api/citizens/feedback/{f.pk}/transition",
            {"action": "close", "expected_revision": 1, "closed_on": "2025-09-03"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert Feedback.objects.count() == 1


def test_issues_and_figures(world, login):
    issue(world.c4, 2025)
    client = login(world.users["commune_b"])
    second = client.post(
        "/api/citizens/issues",
        {
            "unit_id": world.c4.pk,
            "year": 2025,
            "sector": "dat_dai",
            "title": "Hai",
            "plan": "Kế hoạch",
        },
        content_type="application/json",
    )
    assert second.status_code == 201
    third = client.post(
        "/api/citizens/issues",
        {
            "unit_id": world.c4.pk,
            "year": 2025,
            "sector": "dat_dai",
            "title": "Ba",
            "plan": "Kế hoạch",
        },
        content_type="application/json",
    )
    assert third.status_code == 422 and "02" in third.json()["detail"]
    assert PressingIssue.objects.count() == 2
    received(world.c4, date(2025, 9, 1))
    figures = client.get("/api/citizens/figures", {"unit": world.commune_b.pk, "year": 2025})
    data = figures.json()
    assert data["feedback"]["received"] == 1 and data["issues"]["selected"] == 2
    assert data["issues"]["sentence"] == "đã giải quyết được 0/2 vụ việc đạt 0,0%"
    assert client.get("/api/citizens/figures", {"unit": world.commune_a.pk}).status_code == 404
