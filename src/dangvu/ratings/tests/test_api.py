"""The API: same scope (404 outside) and same all-or-nothing service as the form."""

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.ratings import services
from dangvu.ratings.models import Rating

from .conftest import entry

pytestmark = pytest.mark.django_db


def test_submit_ratings_all_or_nothing(world, people, login):
    client = login(world.users["secretary"])
    url = f"/api/ratings/rounds/{people.members_a.pk}/ratings"
    bad = {
        "entries": [
            {"member_id": people.an.pk, "score": 95},
            {"member_id": people.dung.pk, "score": 80},
        ]
    }
    response = client.post(url, bad, content_type="application/json")
    assert response.status_code == 422
    assert "miễn công tác" in response.json()["errors"][0]
    assert not Rating.objects.exists()
    good = {
        "entries": [
            {"member_id": people.an.pk, "score": 95},
            {"member_id": people.chi.pk, "score": 85},
        ]
    }
    response = client.post(url, good, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["created"] == 2 and response.json()["warnings"]
    assert AuditEntry.objects.get(action="ratings.rating.record").source == "api"


def test_reads_are_scoped(world, people, login):
    services.rate_members(actor=None, round_=people.members_a, entries=[entry(people.an, "95")])
    outsider = login(world.users["commune_b"])
    assert outsider.get(f"/api/ratings/rounds/{people.members_a.pk}").status_code == 404
    assert outsider.get("/api/ratings/").json()["count"] == 0
    mine = login(world.users["commune_a"])
    detail = mine.get(f"/api/ratings/rounds/{people.members_a.pk}").json()
    assert detail["quota"]["exceeded"] is True and detail["unit_name"] == "Đảng bộ xã An Hòa"
    assert mine.get("/api/ratings/?year=2025").json()["items"][0]["member_name"] == "Lê Văn An"
    f = mine.get(f"/api/ratings/figures?unit={world.commune_a.pk}&year=2025").json()
    assert f["members"]["good_or_better"] == {"numerator": 1, "denominator": 1, "percent": 100.0}
    outsider = login(world.users["commune_b"])  # the same test client, signed in again
    figures_a = f"/api/ratings/figures?unit={world.commune_a.pk}&year=2025"
    assert outsider.get(figures_a).status_code == 404
