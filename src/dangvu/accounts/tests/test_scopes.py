"""One scope rule for lists, pages and API: a role at a unit reaches its subtree only."""

from datetime import date

import pytest
from conftest import PASSWORD, REFORM

from dangvu.accounts import permissions
from dangvu.accounts.models import Role, RoleAssignment
from dangvu.accounts.scopes import Scope, scope_for
from dangvu.accounts.services import assign_role, end_role
from dangvu.audit.models import AuditEntry
from dangvu.orgs.models import Unit


def visible(user, perm=permissions.VIEW_UNITS):
    return set(Unit.objects.visible_to(user, perm).values_list("pk", flat=True))


def test_commune_officer_sees_own_subtree_and_predecessors_only(world):
    seen = visible(world.users["commune_a"])
    assert {world.commune_a.pk, world.c1.pk, world.c2.pk, world.c3.pk} <= seen
    # the old communes merged into A are A's history
    assert {world.x1.pk, world.x2.pk} <= seen
    assert seen.isdisjoint(
        {world.province.pk, world.district.pk, world.commune_b.pk, world.x3.pk, world.c4.pk}
    )


def test_province_officer_sees_everything_in_the_province(world):
    assert visible(world.users["province"]) == set(Unit.objects.values_list("pk", flat=True))


def test_outsider_and_inactive_users_see_nothing(world):
    assert visible(world.users["outsider"]) == set()
    member = world.users["member"]
    member.is_active = False
    member.save()
    assert visible(member) == set()


def test_permissions_are_per_role(world):
    secretary, member = world.users["secretary"], world.users["member"]
    assert visible(secretary, permissions.READ) == {world.c1.pk}
    assert visible(secretary, permissions.MANAGE_UNITS) == set()
    assert visible(member, permissions.VIEW_UNITS) == {world.c1.pk}
    assert visible(member, permissions.READ) == set()


def test_role_validity_dates_are_respected(world):
    user = world.users["commune_b"]
    assert scope_for(user, permissions.READ, on=date(2025, 6, 30)).is_empty
    assert not scope_for(user, permissions.READ, on=REFORM).is_empty
    assignment = RoleAssignment.objects.get(user=user)
    end_role(actor=world.users["province"], assignment=assignment, valid_to=date(2025, 12, 1))
    assert scope_for(user, permissions.READ, on=date(2025, 11, 30)).covers(world.c4.path)
    assert scope_for(user, permissions.READ, on=date(2025, 12, 1)).is_empty
    assert AuditEntry.objects.filter(action="accounts.role.end").count() == 1


def test_scope_is_one_query_per_request(world, django_assert_num_queries):
    user = world.users["commune_a"]
    with django_assert_num_queries(1):
        scope_for(user, permissions.READ)
        scope_for(user, permissions.VIEW_UNITS)
        scope_for(user, permissions.READ)


def test_nested_roles_collapse_to_minimal_roots(world):
    user = world.users["commune_a"]
    assign_role(
        actor=None,
        user=user,
        role=Role.objects.get(code="bi_thu_chi_bo"),
        unit=world.c1,
        valid_from=REFORM,
    )
    assert scope_for(user, permissions.READ).roots == (world.commune_a.path,)


def test_scope_q_matches_covers():
    scope = Scope(roots=("/1/2/", "/1/30/"))
    assert scope.covers("/1/2/5/") and scope.covers("/1/30/")
    assert not scope.covers("/1/20/") and not scope.covers("/1/")
    assert Scope(everything=True).covers("/9/")
    assert not Scope().covers("/1/")


def test_unknown_permission_is_an_error(world):
    with pytest.raises(ValueError):
        scope_for(world.users["province"], "fly")
    with pytest.raises(ValueError):
        permissions.expand(["read", "nope"])


def test_passwords_are_hashed_with_argon2(db, settings):
    from dangvu import settings as project_settings
    from dangvu.accounts.models import User

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = User.objects.create_user(username="argon", password=PASSWORD)
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


def test_login_locks_out_after_repeated_failures(world, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        response = client.post("/dang-nhap/", {"username": "province", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "province", "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    # another user is not locked
    response = client.post("/dang-nhap/", {"username": "commune_a", "password": PASSWORD})
    assert response.status_code == 302


def test_login_with_password_works(world, client):
    response = client.post("/dang-nhap/", {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
