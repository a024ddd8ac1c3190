"""Writes through the API: a caller with an API token sends no CSRF token (a script has no
cookie to protect); a browser session must send one, as on the pages. The test client skips
CSRF checks unless asked, which is how token writes failing with "CSRF check Failed" went
unnoticed."""

import json

import pytest
from django.test import Client

from dangvu.accounts.tokens import issue_token

pytestmark = pytest.mark.django_db

TEXT = "năm 2016 kỷ luật 183 đảng viên; năm 2017 kỷ luật 155 đảng viên, giảm 14,4%."


def _post(client, **headers):
    return client.post(
        "/api/checker/", json.dumps({"text": TEXT}), content_type="application/json", **headers
    )


@pytest.mark.parametrize("header", ["Authorization", "X-API-Token"])
def test_a_token_write_needs_no_csrf_token(world, header):
    _, token = issue_token(user=world.users["member"], name="kịch bản")
    value = f"Bearer {token}" if header == "Authorization" else token
    response = _post(Client(enforce_csrf_checks=True), headers={header: value})
    assert response.status_code == 200, response.content


def test_a_session_write_still_needs_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["member"])
    assert _post(client).status_code == 403
    client.get("/kiem-tra-so-lieu/")  # a page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert _post(client, headers={"X-CSRFToken": token}).status_code == 200


def test_a_wrong_token_is_refused(world):
    response = _post(Client(enforce_csrf_checks=True), headers={"Authorization": "Bearer dv_sai"})
    assert response.status_code in (401, 403)
