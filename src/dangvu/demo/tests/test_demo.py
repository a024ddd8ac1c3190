"""The demo province: deterministic, reorganised on 01/7/2025, with its personas."""

import hashlib
import random
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.accounts.models import RoleAssignment, User
from dangvu.demo import names
from dangvu.demo.generator import DEMO_PASSWORD, MARKER_CODE, REFORM, build_demo
from dangvu.members.models import Member, MemberEvent
from dangvu.orgs import selectors
from dangvu.orgs.models import LineageEvent, Unit, UnitVersion

pytestmark = pytest.mark.django_db

BEFORE = date(2025, 6, 30)


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # Argon2 is the real hasher; six Argon2 hashes per build would dominate these tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _digest() -> str:
    """Everything a user sees of the demo, without database ids."""
    rows = sorted(
        UnitVersion.objects.values_list(
            "name", "code", "kind__code", "parent__name", "valid_from", "valid_to"
        ),
        key=repr,
    )
    rows += sorted(
        LineageEvent.objects.values_list(
            "kind", "effective_date", "decision_number", "decision_date", "summary"
        ),
        key=repr,
    )
    rows += sorted(User.objects.values_list("username", "full_name"))
    rows += sorted(
        Member.objects.values_list("full_name", "birth_date", "cccd", "unit__name"), key=repr
    )
    rows += sorted(MemberEvent.objects.values_list("member__full_name", "kind", "date"), key=repr)
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _build_and_forget(seed: int, scale: float = 0.05) -> str:
    savepoint = transaction.savepoint()
    try:
        result = build_demo(seed=seed, scale=scale, work_records=False)
        assert result.created
        return _digest()
    finally:
        transaction.savepoint_rollback(savepoint)


def test_same_seed_gives_the_same_demo():
    first = _build_and_forget(seed=11)
    assert Unit.objects.filter(code=MARKER_CODE).count() == 0
    assert _build_and_forget(seed=11) == first
    assert _build_and_forget(seed=12) != first


def test_tree_before_and_after_the_2025_reform():
    result = build_demo(seed=3, scale=0.1, work_records=False)
    province = result.province
    before = list(selectors.subtree_on(province, BEFORE).select_related("kind"))
    after = list(selectors.subtree_on(province, REFORM).select_related("kind"))

    districts = {v.unit_id for v in before if v.kind.code == "huyen"}
    old_communes = [
        v for v in before if v.kind.code == "dang_bo_co_so" and v.parent_id in districts
    ]
    old_communes = [v for v in old_communes if v.name.startswith(("Đảng bộ xã", "Đảng bộ phường"))]
    assert districts and len(old_communes) >= 4
    after_ids = {v.unit_id for v in after}
    assert not any(v.kind.code == "huyen" for v in after)
    assert not districts & after_ids
    assert not {v.unit_id for v in old_communes} & after_ids
    assert all(v.parent_id == province.pk for v in after if v.kind.code == "xa")

    # Each old commune maps to exactly one new commune directly under the province.
    new_communes = set()
    for version in old_communes:
        old = version.unit
        assert selectors.successors_on(old, BEFORE) == [old]
        (new,) = selectors.successors_on(old, REFORM)
        assert new.kind.code == "xa" and new.parent_id == province.pk
        assert new.created_on == REFORM
        new_communes.add(new.pk)
    assert 2 <= len(new_communes) < len(old_communes)

    merge = LineageEvent.objects.filter(kind="merged", effective_date=REFORM).first()
    assert merge.decision_number.endswith("-QĐ/TU")
    assert merge.decision_date == BEFORE
    kinds = set(LineageEvent.objects.values_list("kind", flat=True))
    assert {"created", "renamed", "moved", "merged", "split", "dissolved"} <= kinds
    # Some history between 2015 and 2025 for the lineage pages.
    assert (
        LineageEvent.objects.filter(
            effective_date__gt=date(2015, 1, 1), effective_date__lt=BEFORE
        ).count()
        >= 6
    )
    assert result.counts["districts_2025_07_01"] == 0
    assert result.counts["tccs"] > 0 and result.counts["cells"] > result.counts["tccs"]


def test_personas_have_their_roles():
    result = build_demo(seed=5, scale=0.05, work_records=False)
    assert [row[0] for row in result.logins] == [
        "tinh", "xa_a", "xa_b", "bithu", "dangvien", "ngoai",
    ]  # fmt: skip

    def assignment(username):
        return RoleAssignment.objects.select_related("role", "unit__kind").get(
            user__username=username
        )

    tinh = assignment("tinh")
    assert (tinh.role.code, tinh.unit_id) == ("to_chuc", result.province.pk)
    xa_a, xa_b = assignment("xa_a"), assignment("xa_b")
    assert xa_a.role.code == xa_b.role.code == "to_chuc"
    assert xa_a.unit.kind.code == xa_b.unit.kind.code == "xa"
    assert xa_a.unit_id != xa_b.unit_id
    bithu, dangvien = assignment("bithu"), assignment("dangvien")
    assert (bithu.role.code, dangvien.role.code) == ("bi_thu_chi_bo", "dang_vien")
    assert bithu.unit_id == dangvien.unit_id
    assert bithu.unit.kind.code == "chi_bo"
    assert selectors.version_on(bithu.unit, date.today()).parent_id == xa_a.unit_id
    assert not RoleAssignment.objects.filter(user__username="ngoai").exists()
    assert all(a.valid_from == REFORM for a in RoleAssignment.objects.all())
    for user in User.objects.filter(username__in=[row[0] for row in result.logins]):
        assert user.check_password(DEMO_PASSWORD)
        assert len(user.full_name.split()) >= 3


def test_command_builds_once_and_reuses(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path / "var"
    out = StringIO()
    call_command("demo", "--no-serve", "--scale", "0.05", stdout=out)
    text = out.getvalue()
    assert "DỮ LIỆU MÔ PHỎNG" in text and "dangvu-demo" in text and "xa_a" in text
    # the dashboards' aggregates are built with the data
    from dangvu.reports.models import Aggregate

    assert "Đã tổng hợp số liệu báo cáo" in text
    assert Aggregate.objects.filter(indicator="sinh_hoat.du_hop", period="2025").exists()
    # the Party work records of every module, counted in the banner
    for label in (
        "Văn bản (nghị quyết",
        "Chỉ tiêu, nhiệm vụ giao",
        "Hội nghị học tập",
        "Lớp đào tạo",
        "Buổi sinh hoạt chi bộ",
        "Lượt điểm danh",
        "Đăng ký học tập và làm theo",
        "Mô hình, điển hình",
    ):
        (line,) = [row for row in text.splitlines() if label in row]
        assert int(line.split()[-1].replace(".", "")) > 0, line
    # … and the commune officer reads each module's figures for the last full year
    client.force_login(User.objects.get(username="xa_a"))
    year = {"nam": date.today().year - 1}
    for url in (
        "/hoc-tap/so-lieu/",
        "/dao-tao/so-lieu/",
        "/sinh-hoat/so-lieu/",
        "/thi-dua/so-lieu/",
    ):
        assert client.get(url, year).status_code == 200, url
    assert (tmp_path / "var").is_dir()
    units, events = Unit.objects.count(), LineageEvent.objects.count()

    out = StringIO()
    call_command("demo", "--no-serve", "--scale", "0.05", stdout=out)
    assert "đã có sẵn" in out.getvalue()
    assert (Unit.objects.count(), LineageEvent.objects.count()) == (units, events)
    assert Unit.objects.filter(code=MARKER_CODE).count() == 1


def test_random_person_is_plausible():
    rng = random.Random(1)
    people = [names.random_person(rng) for _ in range(2000)]
    assert {p[3] for p in people} == {"nam", "nu"}
    share = sum(p[0] == "Nguyễn" for p in people) / len(people)
    assert 0.33 < share < 0.43
    assert not any(p[3] == "nu" and "Văn" in p[1] for p in people)
    assert not any(p[3] == "nam" and "Thị" in p[1] for p in people)
    assert names.random_person(random.Random(9)) == names.random_person(random.Random(9))
