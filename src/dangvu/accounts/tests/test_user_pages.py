"""Managing users below: create a login with a role, add and end roles, within scope only."""

from conftest import REFORM

from dangvu.accounts.models import Role, RoleAssignment, User
from dangvu.audit.models import AuditEntry


def test_commune_officer_lists_only_users_of_the_commune(
    world, client, django_assert_max_num_queries
):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        response = client.get("/nguoi-dung/")
    names = {u.username for u in response.context["page"]}
    assert names == {"commune_a", "secretary", "member"}


def test_create_user_with_role_in_scope(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        "/nguoi-dung/moi/",
        {
            "username": "bithu2",
            "full_name": "Nguyễn Thị Hoà",
            "password": "Mot-mat-khau-dai-2025",
            "role": Role.objects.get(code="bi_thu_chi_bo").pk,
            "unit": world.c2.pk,
            "valid_from": "2025-08-01",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="bithu2")
    assert user.check_password("Mot-mat-khau-dai-2025")
    assert RoleAssignment.objects.get(user=user).unit_id == world.c2.pk
    assert AuditEntry.objects.filter(action="accounts.user.create", object_id=str(user.pk)).exists()


def test_cannot_grant_a_role_outside_scope(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        "/nguoi-dung/moi/",
        {
            "username": "xau",
            "full_name": "Người Xấu",
            "password": "Mot-mat-khau-dai-2025",
            "role": Role.objects.get(code="to_chuc").pk,
            "unit": world.province.pk,
            "valid_from": "2025-08-01",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="xau").exists()


def test_weak_password_and_duplicate_username_are_explained(world, client):
    client.force_login(world.users["commune_a"])
    data = {
        "username": "member",
        "full_name": "Trùng Tên",
        "password": "123",
        "role": Role.objects.get(code="dang_vien").pk,
        "unit": world.c1.pk,
        "valid_from": "2025-08-01",
    }
    response = client.post("/nguoi-dung/moi/", data)
    assert response.status_code == 200 and "password" in response.context["form"].errors
    data["password"] = "Mot-mat-khau-dai-2025"
    response = client.post("/nguoi-dung/moi/", data)
    assert "đã có người dùng" in response.content.decode()
    assert User.objects.filter(username="member").count() == 1


def test_end_a_role(world, client):
    client.force_login(world.users["commune_a"])
    assignment = RoleAssignment.objects.get(user=world.users["secretary"])
    response = client.post(
        f"/nguoi-dung/vai-tro/{assignment.pk}/ket-thuc/", {"valid_to": "2026-01-01"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert str(assignment.valid_to) == "2026-01-01"
    response = client.post(
        f"/nguoi-dung/vai-tro/{assignment.pk}/ket-thuc/", {"valid_to": str(REFORM)}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert str(assignment.valid_to) == "2026-01-01"  # a date before the start is refused
