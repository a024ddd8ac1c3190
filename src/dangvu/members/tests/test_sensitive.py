"""Dân tộc, tôn giáo are shown only to roles with the sensitive permission, on every surface."""

from conftest import REFORM

from dangvu.accounts.models import Role, RoleAssignment
from dangvu.members import services
from dangvu.members.models import Member

SECRETS = ("Tày", "Phật giáo")


def test_profile_hides_sensitive_fields_without_the_permission(people, world, client):
    services.correct_member(
        actor=None, member=people.hoa, changes={"religion": "Công giáo"}, reason="Theo lý lịch"
    )
    client.force_login(world.users["commune_a"])
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    assert "Tày" in page and "Công giáo" in page
    client.force_login(world.users["secretary"])
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    for secret in (*SECRETS, "Công giáo", "Dân tộc"):
        assert secret not in page
    assert "(thông tin nhạy cảm)" in page  # the correction is listed, its values are not


def test_list_filter_by_ethnicity_only_with_the_permission(people, world, client):
    client.force_login(world.users["province"])
    response = client.get("/dang-vien/", {"ethnicity": "Tày"})
    assert [m.full_name for m in response.context["page"]] == ["Nguyễn Thị Hòa"]
    client.force_login(world.users["secretary"])
    response = client.get("/dang-vien/", {"ethnicity": "Mường"})
    assert "ethnicity" not in response.context["form"].fields
    assert "Dân tộc" not in response.content.decode()


def test_counts_by_ethnicity_only_with_the_permission(people, world, client):
    client.force_login(world.users["secretary"])
    figures = client.get("/dang-vien/thong-ke/", {"don_vi": world.c1.pk}).context["figures"]
    assert figures["total"] == 1 and "by_ethnicity" not in figures


def test_correction_form_offers_sensitive_fields_only_with_the_permission(people, world, client):
    role = Role.objects.create(code="thu_ky", name="Thư ký", permissions=["manage_members"])
    clerk = world.users["outsider"]
    RoleAssignment.objects.create(user=clerk, role=role, unit=world.commune_a, valid_from=REFORM)
    client.force_login(clerk)
    url = f"/dang-vien/{people.hoa.pk}/dinh-chinh/"
    choices = [c for c, _ in client.get(url).context["form"].fields["field"].choices]
    assert "religion" not in choices and "ethnicity" not in choices and "ten" in choices
    response = client.post(
        url,
        {"field": "religion", "new_value": "Không", "reason": "x", "revision": people.hoa.revision},
    )
    assert response.status_code == 200
    assert Member.objects.get(pk=people.hoa.pk).religion == "Phật giáo"
