"""The meetings API: scoped like the pages, attendance through the service."""

from datetime import date

from dangvu.audit.models import AuditEntry, Source
from dangvu.meetings import services
from dangvu.meetings.models import MeetingKind, Presence
from dangvu.meetings.roster import roster

DAY = date(2025, 9, 10)


def entries(meeting, **override):
    return [
        {"member_id": e.member.pk, "status": int(Presence.PRESENT), "reason": ""}
        for e in roster(meeting.unit, meeting.date)
        if e.expected
    ]


def test_list_detail_and_attendance(world, people, login, django_assert_max_num_queries):
    meeting = services.create_meeting(actor=None, unit=world.c1, kind=MeetingKind.REGULAR, date=DAY)
    services.create_meeting(actor=None, unit=world.c4, kind=MeetingKind.REGULAR, date=DAY)
    client = login(world.users["secretary"])
    with django_assert_max_num_queries(8):
        listed = client.get("/api/meetings/").json()
    assert [m["id"] for m in listed["items"]] == [meeting.pk]
    payload = {"expected_revision": meeting.revision, "entries": entries(meeting)}
    payload["entries"][0]["status"] = int(Presence.EXCUSED)
    refused = client.post(
        f"/api/meetings/{meeting.pk}/attendance", payload, content_type="application/json"
    )
    assert refused.status_code == 422 and "phải ghi lý do" in refused.json()["detail"]
    payload["entries"][0]["reason"] = "Ốm"
    done = client.post(
        f"/api/meetings/{meeting.pk}/attendance", payload, content_type="application/json"
    )
    assert done.status_code == 200, done.json()
    assert done.json()["present"] == 3 and done.json()["exempt"] == 1
    assert AuditEntry.objects.get(action="meetings.attendance.record").source == Source.API
    detail = client.get(f"/api/meetings/{meeting.pk}").json()
    assert len(detail["attendance"]) == 5 and detail["revision"] == 2


def test_outside_scope_is_404(world, people, login):
    other = services.create_meeting(actor=None, unit=world.c4, kind=MeetingKind.REGULAR, date=DAY)
    client = login(world.users["commune_a"])
    assert client.get(f"/api/meetings/{other.pk}").status_code == 404
    response = client.post(
        f"/api/meetings/{other.pk}/attendance",
        {"expected_revision": 1, "entries": []},
        content_type="application/json",
    )
    assert response.status_code == 404
    # the secretary reads c1 only, and may not write c2
    c2 = services.create_meeting(actor=None, unit=world.c2, kind=MeetingKind.REGULAR, date=DAY)
    secretary = login(world.users["secretary"])
    assert secretary.get(f"/api/meetings/{c2.pk}").status_code == 404


def test_figures(world, people, login, django_assert_max_num_queries):
    services.bulk_record_meetings(
        actor=None,
        meetings=[{"unit_id": world.c1.pk, "kind": MeetingKind.REGULAR, "date": DAY}],
    )
    client = login(world.users["commune_a"])
    with django_assert_max_num_queries(12):
        response = client.get(
            "/api/meetings/figures",
            {"unit": world.commune_a.pk, "first_month": "2025-01-01", "last_month": "2025-12-01"},
        )
    body = response.json()
    assert body["regular_meetings"] == 1
    assert body["attendance"] == {"numerator": 4, "denominator": 4, "percent": 100.0}
    assert body["cells_meeting_criteria"]["numerator"] == 1
    assert (
        client.get(
            "/api/meetings/figures", {"unit": world.commune_b.pk, "first_month": "2025-01-01"}
        ).status_code
        == 404
    )
