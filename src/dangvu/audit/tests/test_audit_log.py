"""The change log is written with every change, in the same transaction, and never edited."""

from datetime import date

import pytest
from conftest import kind
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from dangvu.audit.context import audit_source
from dangvu.audit.models import AppendOnlyError, AuditEntry, ReadLogEntry
from dangvu.audit.services import record_read
from dangvu.orgs import services

LATER = date(2026, 1, 1)


def test_entries_cannot_be_changed_or_deleted_through_the_app(world):
    entry = AuditEntry.objects.first()
    entry.reason = "sửa lén"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason != "sửa lén"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL")
def test_database_refuses_update_on_postgresql(world):
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET reason = 'x' WHERE id = %s", [entry.pk])


def test_a_refused_change_leaves_no_audit_entry(world):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.merge_units(
            actor=None,
            sources=[world.c1],
            new_name="",
            new_kind=kind("chi_bo"),
            new_parent=world.commune_a,
            effective_date=LATER,
        )
    assert AuditEntry.objects.count() == before


def test_entry_says_who_what_before_after_and_why(world):
    actor = world.users["province"]
    with audit_source("command"):
        services.rename_unit(
            actor=actor,
            unit=world.c2,
            name="Chi bộ thôn Hai",
            effective_date=LATER,
            decision=services.Decision(number="5-QĐ/ĐU", date=LATER, issuer="Đảng ủy xã An Hòa"),
        )
    entry = AuditEntry.objects.filter(action="orgs.unit.rename").get()
    assert entry.actor == actor and entry.source == "command" and entry.unit_id == world.c2.pk
    assert ("name", "Chi bộ thôn 2", "Chi bộ thôn Hai") in entry.changes()
    assert entry.reason == "Quyết định số 5-QĐ/ĐU ngày 01/01/2026 của Đảng ủy xã An Hòa"


def test_read_log_records_who_viewed_what(world):
    viewer = world.users["commune_a"]
    record_read(actor=viewer, obj=world.c1, unit=world.c1)
    entry = ReadLogEntry.objects.get()
    assert (entry.actor, entry.object_type, entry.object_id) == (
        viewer,
        "orgs.unit",
        str(world.c1.pk),
    )
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_audit_page_is_scoped_to_the_viewers_subtree(world, client):
    services.rename_unit(
        actor=None, unit=world.c4, name="Chi bộ thôn Bắc Mới", effective_date=LATER
    )
    services.rename_unit(actor=None, unit=world.c1, name="Chi bộ thôn Một", effective_date=LATER)
    client.force_login(world.users["commune_a"])
    page = client.get("/nhat-ky/").content.decode()
    assert "Chi bộ thôn Một" in page and "Chi bộ thôn Bắc Mới" not in page
    client.force_login(world.users["province"])
    page = client.get("/nhat-ky/", {"don_vi": world.commune_b.pk}).content.decode()
    assert "Chi bộ thôn Bắc Mới" in page and "Chi bộ thôn Một" not in page
    # a member without view_audit sees nothing
    client.force_login(world.users["member"])
    page = client.get("/nhat-ky/").content.decode()
    assert "không có quyền" in page and "Chi bộ thôn Một" not in page


def test_audit_page_filters_and_query_count(world, client, django_assert_max_num_queries):
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(8):
        response = client.get(
            "/nhat-ky/", {"loai": "orgs.unit", "tu": "2020-01-01", "den": "2099-12-31"}
        )
    assert response.status_code == 200
    assert (
        response.context["page"].paginator.count
        == AuditEntry.objects.filter(object_type="orgs.unit").count()
    )
