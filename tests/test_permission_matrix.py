"""Every URL × every persona: who gets the page and who gets 404 (or a login redirect).

The matrix must list every named URL of the project; adding a URL without deciding who
may reach it fails ``test_matrix_covers_every_url``.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, reverse

from dangvu.web.tests.permission_personas import (
    API,
    IN_B,
    MANAGE_B,
    OK_ALL,
    OK_ALL_COUNTS,
    PAGE,
    PERSONAS,
    member_in_b,
)

MATRIX = {
    "home": (None, {"anonymous": PAGE, **OK_ALL}),
    "login": (None, {"anonymous": 200, **dict.fromkeys(PERSONAS[1:], 302)}),
    "logout": (None, dict.fromkeys(PERSONAS, 405)),  # GET refused: logout is a POST
    "orgs:tree": (None, {"anonymous": PAGE, **OK_ALL}),
    "orgs:search": (None, {"anonymous": PAGE, **OK_ALL}),
    "orgs:detail": ("unit", {"anonymous": PAGE, **IN_B}),
    "orgs:children": ("unit", {"anonymous": PAGE, **IN_B}),
    "orgs:create_child": ("unit", {"anonymous": PAGE, **MANAGE_B}),
    "orgs:rename": ("unit", {"anonymous": PAGE, **MANAGE_B}),
    "orgs:move": ("unit", {"anonymous": PAGE, **MANAGE_B}),
    "orgs:reclassify": ("unit", {"anonymous": PAGE, **MANAGE_B}),
    "orgs:dissolve": ("unit", {"anonymous": PAGE, **MANAGE_B}),
    "orgs:merge": ("unit", {"anonymous": PAGE, **MANAGE_B}),
    "orgs:split": ("unit", {"anonymous": PAGE, **MANAGE_B}),
    "audit:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "accounts:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "accounts:new": (None, {"anonymous": PAGE, **OK_ALL}),
    "accounts:detail": ("user", {"anonymous": PAGE, **MANAGE_B}),
    "accounts:end_role": (
        "assignment",
        {"anonymous": PAGE, **{**MANAGE_B, "province": 302, "commune_b": 302}},
    ),
    "members:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "members:register": (None, {"anonymous": PAGE, **MANAGE_B, "commune_a": 200}),
    "members:export": (None, {"anonymous": PAGE, **OK_ALL}),
    "members:worklists": (None, {"anonymous": PAGE, **OK_ALL}),
    "members:counts": (None, {"anonymous": PAGE, **OK_ALL}),
    "members:unit_summary": ("unit", {"anonymous": PAGE, **IN_B}),
    "members:detail": ("member", {"anonymous": PAGE, **IN_B}),
    "members:event": ("member", {"anonymous": PAGE, **MANAGE_B}),
    "members:correct": ("member", {"anonymous": PAGE, **MANAGE_B}),
    "members:card": ("member", {"anonymous": PAGE, **MANAGE_B}),
    "members:viewers": ("member", {"anonymous": PAGE, **MANAGE_B}),
    "api:member_list": (None, {"anonymous": API, **OK_ALL}),
    "api:member_detail": ("member", {"anonymous": API, **IN_B}),
    "api:member_events": ("member", {"anonymous": API, **IN_B}),
    "api:add_event": ("member", {"anonymous": API, **IN_B}),  # same path; POST is tested in
    # members/tests/test_api.py (404 without manage_members)
    "api:counts": (None, {"anonymous": API, **OK_ALL_COUNTS}),
    "imports:upload": (None, {"anonymous": PAGE, **MANAGE_B, "commune_a": 200}),
    "imports:detail": ("import", {"anonymous": PAGE, **MANAGE_B}),
    "imports:progress": ("import", {"anonymous": PAGE, **MANAGE_B}),
    "imports:errors": ("import", {"anonymous": PAGE, **MANAGE_B}),
    "imports:commit": ("import", {"anonymous": PAGE, **dict.fromkeys(PERSONAS[1:], 405)}),
    "jobs:list": (None, {"anonymous": PAGE, **OK_ALL}),
    "jobs:detail": ("job", {"anonymous": PAGE, **IN_B}),  # its actor and readers of its unit
    "jobs:progress": ("job", {"anonymous": PAGE, **IN_B}),
    "jobs:download": ("job", {"anonymous": PAGE, **IN_B}),
    "api:job_detail": ("job", {"anonymous": API, **IN_B}),
    "api:job_file": ("job", {"anonymous": API, **IN_B}),
    "api:api-root": (None, dict.fromkeys(PERSONAS, 404)),
    "api:openapi-json": (None, {"anonymous": PAGE, **OK_ALL}),
    "api:openapi-view": (None, {"anonymous": PAGE, **OK_ALL}),
    "api:tree": (None, {"anonymous": API, **OK_ALL}),
    "api:search": (None, {"anonymous": API, **OK_ALL}),
    "api:unit_detail": ("unit", {"anonymous": API, **IN_B}),
    "api:ancestors": ("unit", {"anonymous": API, **IN_B}),
    "api:successors": ("unit", {"anonymous": API, **IN_B}),
    "api:lineage": ("unit", {"anonymous": API, **IN_B}),
}

TARGETS = {}  # filled below from the apps' own permission_matrix modules


def app_matrices():
    for config in apps.get_app_configs():
        if not config.name.startswith("dangvu."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.tests.permission_matrix")
        except ModuleNotFoundError as missing:
            if not missing.name.startswith(config.name):
                raise


for _module in app_matrices():
    assert not (_module.MATRIX.keys() & MATRIX.keys()), _module.__name__
    MATRIX.update(_module.MATRIX)
    TARGETS.update(_module.TARGETS)


def import_in_b(world):
    from dangvu.imports.models import MemberImport

    return MemberImport.objects.create(
        file="imports/x.xlsx",
        filename="x.xlsx",
        unit=world.commune_b,
        actor=world.users["commune_b"],
        state=MemberImport.State.INVALID,
        errors=[[4, "Sinh ngày", "31/02/1980", "ngày không tồn tại"]],
        error_count=1,
    )


def job_in_b(world):
    from django.core.files.base import ContentFile

    from dangvu.jobs.models import Job

    job = Job.objects.create(
        kind="members.export",
        title="Xuất danh sách đảng viên",
        actor=world.users["commune_b"],
        unit=world.commune_b,
        status=Job.Status.SUCCEEDED,
        output_name="Danh sách đảng viên.xlsx",
    )
    job.output_file.save("danh-sach.xlsx", ContentFile(b"PK"), save=True)
    return job


def named_urls(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from named_urls(pattern, full)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_matrix_covers_every_url():
    names = {n for n in named_urls() if not n.startswith("admin:")}
    assert names - MATRIX.keys() == set(), "URL mới chưa có trong ma trận phân quyền"
    assert MATRIX.keys() - names == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, world, client):
    target, expected = MATRIX[name]
    target_user = world.users["commune_b"]
    kwargs = {
        "unit": {"unit_id": world.c4.pk},
        "user": {"user_id": target_user.pk},
        "assignment": {"assignment_id": target_user.role_assignments.get().pk},
        "member": {"member_id": member_in_b(world).pk} if target == "member" else {},
        "import": {"import_id": import_in_b(world).pk} if target == "import" else {},
        "job": {"job_id": job_in_b(world).pk} if target == "job" else {},
    }.get(target, {})
    if target in TARGETS:
        kwargs = TARGETS[target](world)
    url = reverse(name, kwargs=kwargs)
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(world.users[persona])
        status = client.get(url).status_code
        assert status == expected[persona], f"{persona} GET {url}: {status}"


@pytest.mark.parametrize(
    "name",
    [
        n
        for n, (t, _) in MATRIX.items()
        if n.startswith("orgs:") and t == "unit" and n not in ("orgs:detail", "orgs:children")
    ],
)
def test_changes_outside_scope_answer_404_on_post(name, world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(reverse(name, kwargs={"unit_id": world.c4.pk}), {"name": "X"})
    assert response.status_code == 404


def test_admin_is_for_staff_only(world, client):
    client.force_login(world.users["province"])
    assert client.get("/quan-tri/").status_code == 302
