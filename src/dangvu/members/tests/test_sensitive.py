"""Dân tộc, tôn giáo are shown only to roles with the sensitive permission, on every surface:
list filters, profile, correction form, registration form, counts (page and API), API list
and detail. Province and commune officers hold ``see_sensitive``; the cell secretary does
not."""

import json

import pytest
from conftest import REFORM

from dangvu.accounts.models import Role, RoleAssignment
from dangvu.members import services
from dangvu.members.models import Member

SECRETS = ("Tày", "Phật giáo")
LABELS = ("Dân tộc", "Tôn giáo", "ethnicity", "religion")


@pytest.fixture
def clerk(world):
    """Manages (and reads) commune A's members without the sensitive permission."""
    role = Role.objects.create(code="thu_ky", name="Thư ký", permissions=["manage_members"])
    user = world.users["outsider"]
    RoleAssignment.objects.create(user=user, role=role, unit=world.commune_a, valid_from=REFORM)
    return user


def assert_hidden(text: str):
    for secret in (*SECRETS, *LABELS):
        assert secret not in text, secret


@pytest.mark.parametrize("persona", ["province", "commune_a"])
def test_profile_shows_sensitive_fields_with_the_permission(people, world, client, persona):
    client.force_login(world.users[persona])
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    assert "Dân tộc" in page and "Tày" in page and "Phật giáo" in page


def test_profile_hides_sensitive_fields_without_the_permission(people, world, client):
    services.correct_member(
        actor=None,
        member=people.hoa,
        changes={"religion": "Công giáo"},
        reason="Theo lý lịch, tôn giáo Công giáo",
    )
    client.force_login(world.users["commune_a"])
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    assert "Tày" in page and "Công giáo" in page
    client.force_login(world.users["secretary"])
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    assert_hidden(page)
    assert "Công giáo" not in page  # neither the values nor the reason of the correction
    assert "(thông tin nhạy cảm)" in page  # the correction is listed, its content is not


def test_list_filters_only_with_the_permission(people, world, client):
    client.force_login(world.users["province"])
    response = client.get("/dang-vien/", {"ethnicity": "Tày"})
    assert [m.full_name for m in response.context["page"]] == ["Nguyễn Thị Hòa"]
    response = client.get("/dang-vien/", {"religion": "Phật giáo"})
    assert [m.full_name for m in response.context["page"]] == ["Nguyễn Thị Hòa"]
    page = response.content.decode()
    assert 'name="ethnicity"' in page and 'name="religion"' in page
    client.force_login(world.users["commune_a"])
    response = client.get("/dang-vien/", {"ethnicity": "Mường"})  # Cường is in B
    assert [m.full_name for m in response.context["page"]] == []
    client.force_login(world.users["secretary"])
    response = client.get("/dang-vien/", {"ethnicity": "Mường", "religion": "Phật giáo"})
    form = response.context["form"]
    assert "ethnicity" not in form.fields and "religion" not in form.fields
    # the parameters are ignored, not used to probe: the list is the unfiltered one
    assert [m.full_name for m in response.context["page"]] == ["Nguyễn Thị Hòa"]
    assert_hidden(response.content.decode())


def test_correction_form_offers_sensitive_fields_only_with_the_permission(
    people, world, client, clerk
):
    client.force_login(world.users["commune_a"])
    url = f"/dang-vien/{people.hoa.pk}/dinh-chinh/"
    choices = [c for c, _ in client.get(url).context["form"].fields["field"].choices]
    assert "religion" in choices and "ethnicity" in choices
    client.force_login(clerk)
    response = client.get(url)
    choices = [c for c, _ in response.context["form"].fields["field"].choices]
    assert "religion" not in choices and "ethnicity" not in choices and "ten" in choices
    assert_hidden(response.content.decode())
    response = client.post(
        url,
        {"field": "religion", "new_value": "Không", "reason": "x", "revision": people.hoa.revision},
    )
    assert response.status_code == 200
    assert "Không được đính chính thông tin này." in response.content.decode()
    assert Member.objects.get(pk=people.hoa.pk).religion == "Phật giáo"


def test_registration_form_offers_sensitive_fields_only_with_the_permission(world, client, clerk):
    client.force_login(world.users["commune_a"])
    assert "ethnicity" in client.get("/dang-vien/moi/").context["form"].fields
    client.force_login(clerk)
    response = client.get("/dang-vien/moi/")
    assert "ethnicity" not in response.context["form"].fields
    assert_hidden(response.content.decode())


def test_counts_by_ethnicity_only_with_the_permission(people, world, client):
    client.force_login(world.users["commune_a"])
    figures = client.get("/dang-vien/thong-ke/").context["figures"]
    assert figures["by_ethnicity"] == {"Kinh": 1, "Tày": 1}
    client.force_login(world.users["secretary"])
    response = client.get("/dang-vien/thong-ke/", {"don_vi": world.c1.pk})
    figures = response.context["figures"]
    assert figures["total"] == 1 and "by_ethnicity" not in figures
    assert_hidden(response.content.decode())
    body = client.get("/api/members/counts", {"unit": world.c1.pk}).json()
    assert body["total"] == 1
    assert_hidden(json.dumps(body, ensure_ascii=False))


def test_api_list_and_detail(people, world, client):
    client.force_login(world.users["province"])
    items = {m["full_name"]: m for m in client.get("/api/members/").json()["items"]}
    assert items["Nguyễn Thị Hòa"]["ethnicity"] == "Tày"
    assert items["Lê Quốc Cường"]["ethnicity"] == "Mường"
    detail = client.get(f"/api/members/{people.hoa.pk}").json()
    assert (detail["ethnicity"], detail["religion"]) == ("Tày", "Phật giáo")
    client.force_login(world.users["secretary"])
    listing = json.dumps(client.get("/api/members/").json(), ensure_ascii=False)
    assert "Nguyễn Thị Hòa" in listing
    detail = json.dumps(client.get(f"/api/members/{people.hoa.pk}").json(), ensure_ascii=False)
    assert "Nguyễn Thị Hòa" in detail
    for text in (listing, detail):
        assert_hidden(text)
    # filtering by a sensitive value matches nobody for the secretary
    probe = client.get("/api/members/", {"ethnicity": "Tày"}).json()
    assert probe["count"] == 0


def test_api_rows_follow_the_sensitive_scope_per_member(people, world, client):
    """Reads the whole province, sees sensitive data in commune B only."""
    user = world.users["outsider"]
    for code, perms, unit in (
        ("doc", ["read"], world.province),
        ("nc", ["see_sensitive"], world.commune_b),
    ):
        role = Role.objects.create(code=code, name=code, permissions=perms)
        RoleAssignment.objects.create(user=user, role=role, unit=unit, valid_from=REFORM)
    client.force_login(user)
    items = {m["full_name"]: m for m in client.get("/api/members/").json()["items"]}
    assert items["Lê Quốc Cường"]["ethnicity"] == "Mường"
    assert "ethnicity" not in items["Nguyễn Thị Hòa"]
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    assert "Tày" not in page
    page = client.get(f"/dang-vien/{people.cuong.pk}/").content.decode()
    assert "Mường" in page
