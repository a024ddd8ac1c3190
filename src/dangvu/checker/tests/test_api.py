"""POST /api/checker/: JSON in, claims out; authenticated callers only."""

import json

import pytest
from django.urls import reverse

from dangvu.accounts.tokens import issue_token

TEXT = "năm 2016 kỷ luật 183 đảng viên; năm 2017 kỷ luật 155 đảng viên, giảm 14,4%."


def post(client, payload, **headers):
    return client.post(
        reverse("api:check_report"), json.dumps(payload), content_type="application/json", **headers
    )


def test_claims_as_json(world, client):
    client.force_login(world.users["outsider"])
    response = post(client, {"text": TEXT})
    assert response.status_code == 200
    data = response.json()
    assert data["counts"]["inconsistent"] == 1
    [claim] = data["claims"]
    assert claim["kind"] == "change" and claim["verdict"] == "inconsistent"
    assert claim["correct"] == "15,3%" and claim["computed_text"] == "15,30%"
    assert data["text"][claim["anchor"]["start"] : claim["anchor"]["end"]] == "14,4%"
    assert [p["text"] for p in claim["parts"]] == ["183", "155", "14,4%"]
    assert claim["system"] is None


def test_token_auth(world, client):
    _, token = issue_token(user=world.users["member"], name="kiểm thử")
    response = post(client, {"text": TEXT}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("payload", "status"), [({"text": "  "}, 422), ({}, 422), ({"text": 5}, 422)]
)
def test_bad_payloads(world, client, payload, status):
    client.force_login(world.users["member"])
    response = post(client, payload)
    assert response.status_code == status
    assert response.json()["detail"]


def test_anonymous_refused(client):
    assert post(client, {"text": TEXT}).status_code == 401
