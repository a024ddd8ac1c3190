"""Shared fixtures: a small province with its 2025 reorganisation, and personas at each level.

Tree (built through the services, as a user would):

    Tỉnh (P, 2015) ─ Huyện Đông (H, 2015 → ended 01/07/2025)
                       ├ Đảng bộ xã An Bình (X1) ─ Chi bộ thôn 1 (c1), Chi bộ thôn 2 (c2)
                       ├ Đảng bộ xã Hòa Lạc (X2) ─ Chi bộ thôn Đoài (c3)
                       └ Đảng bộ xã Phú Mỹ (X3) ─ Chi bộ thôn Bắc (c4)
    On 01/07/2025: X1 + X2 → new commune A "Đảng bộ xã An Hòa"; X3 → new commune B
    "Đảng bộ xã Phú Mỹ" (new); the district H is dissolved.

Personas: ``province`` (Ban Tổ chức at P), ``commune_a`` and ``commune_b`` (Ban Tổ chức at A
and B), ``secretary`` (Bí thư chi bộ at c1), ``member`` (Đảng viên at c1), ``outsider``.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from dangvu.accounts.models import Role, RoleAssignment, User
from dangvu.orgs.models import Unit, UnitKind
from dangvu.orgs.services import Decision, create_unit, dissolve_unit, merge_units

BEFORE = date(2025, 6, 30)
REFORM = date(2025, 7, 1)
PASSWORD = "mat-khau-kiem-thu"


@dataclass
class World:
    province: Unit
    district: Unit
    x1: Unit
    x2: Unit
    x3: Unit
    c1: Unit
    c2: Unit
    c3: Unit
    c4: Unit
    commune_a: Unit
    commune_b: Unit
    users: dict


def kind(code: str) -> UnitKind:
    return UnitKind.objects.get(code=code)


def build_world() -> World:
    start = date(2015, 1, 1)
    p = create_unit(
        actor=None,
        name="Đảng bộ tỉnh Thử Nghiệm",
        kind=kind("tinh"),
        parent=None,
        effective_date=start,
    )
    h = create_unit(
        actor=None, name="Đảng bộ huyện Đông", kind=kind("huyen"), parent=p, effective_date=start
    )
    communes = {}
    for key, name in [
        ("x1", "Đảng bộ xã An Bình"),
        ("x2", "Đảng bộ xã Hòa Lạc"),
        ("x3", "Đảng bộ xã Phú Mỹ"),
    ]:
        communes[key] = create_unit(
            actor=None, name=name, kind=kind("dang_bo_co_so"), parent=h, effective_date=start
        )
    cells = {}
    for key, name, parent in [
        ("c1", "Chi bộ thôn 1", "x1"),
        ("c2", "Chi bộ thôn 2", "x1"),
        ("c3", "Chi bộ thôn Đoài", "x2"),
        ("c4", "Chi bộ thôn Bắc", "x3"),
    ]:
        cells[key] = create_unit(
            actor=None,
            name=name,
            kind=kind("chi_bo"),
            parent=communes[parent],
            effective_date=date(2016, 3, 1),
        )
    decision = Decision(number="1234-QĐ/TU", date=BEFORE, issuer="Ban Thường vụ Tỉnh ủy")
    a = merge_units(
        actor=None,
        sources=[communes["x1"], communes["x2"]],
        new_name="Đảng bộ xã An Hòa",
        new_kind=kind("xa"),
        new_parent=p,
        effective_date=REFORM,
        decision=decision,
    )
    b = merge_units(
        actor=None,
        sources=[communes["x3"]],
        new_name="Đảng bộ xã Phú Mỹ",
        new_kind=kind("xa"),
        new_parent=p,
        effective_date=REFORM,
        decision=decision,
    )
    dissolve_unit(actor=None, unit=h, effective_date=REFORM, decision=decision)
    users = {}
    for username, role, unit in [
        ("province", "to_chuc", p),
        ("commune_a", "to_chuc", a),
        ("commune_b", "to_chuc", b),
        ("secretary", "bi_thu_chi_bo", cells["c1"]),
        ("member", "dang_vien", cells["c1"]),
        ("outsider", None, None),
    ]:
        user = User.objects.create_user(username=username, password=PASSWORD)
        if role:
            RoleAssignment.objects.create(
                user=user, role=Role.objects.get(code=role), unit=unit, valid_from=REFORM
            )
        users[username] = user
    refresh = {k: Unit.objects.get(pk=v.pk) for k, v in {**communes, **cells}.items()}
    return World(
        province=Unit.objects.get(pk=p.pk),
        district=Unit.objects.get(pk=h.pk),
        commune_a=Unit.objects.get(pk=a.pk),
        commune_b=Unit.objects.get(pk=b.pk),
        users=users,
        **refresh,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
