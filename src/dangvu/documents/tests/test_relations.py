"""Typed links between documents (implements, guides, replaces, amends), shown both ways."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.documents import services
from dangvu.documents.models import DocumentRelation

from .conftest import make


def test_shown_both_ways_on_the_detail_pages(world, register, login):
    client = login(world.users["commune_a"])
    plan = client.get(reverse("documents:detail", args=[register.a_kh.pk])).text
    assert "Thực hiện" in plan and "71-NQ/TU" in plan
    resolution = client.get(reverse("documents:detail", args=[register.province_nq.pk])).text
    assert "Được thực hiện bởi" in resolution and "09-KH/ĐU" in resolution


@pytest.mark.parametrize(
    ("kind", "forward", "backward"),
    [
        ("guides", "Hướng dẫn", "Được hướng dẫn bởi"),
        ("replaces", "Thay thế", "Bị thay thế bởi"),
        ("amends", "Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    ],
)
def test_each_kind_reads_from_both_sides(world, register, kind, forward, backward):
    from dangvu.documents.selectors import relations_of

    new = make(world.province, "HD", "02", "TU", date(2024, 6, 1), "Hướng dẫn mới")
    services.link_documents(actor=None, source=new, target=register.province_ct, kind=kind)
    province = world.users["province"]
    assert [r["label"] for r in relations_of(province, new)] == [forward]
    assert backward in [r["label"] for r in relations_of(province, register.province_ct)]


def test_refusals(world, register):
    r = register
    with pytest.raises(ValidationError, match="chính nó"):
        services.link_documents(actor=None, source=r.a_kh, target=r.a_kh, kind="implements")
    with pytest.raises(ValidationError, match="Đã có quan hệ"):
        services.link_documents(actor=None, source=r.a_kh, target=r.province_nq, kind="implements")
    with pytest.raises(ValidationError, match="không thể có quan hệ ngược lại"):
        services.link_documents(actor=None, source=r.province_nq, target=r.a_kh, kind="implements")
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.link_documents(actor=None, source=r.a_kh, target=r.province_ct, kind="likes")
    with pytest.raises(ValidationError, match="không có quyền"):
        services.link_documents(
            actor=world.users["commune_b"], source=r.a_kh, target=r.province_ct, kind="guides"
        )
    assert DocumentRelation.objects.count() == 1


def test_link_and_unlink_from_the_page_with_audit(world, register, login):
    client = login(world.users["commune_a"])
    url = reverse("documents:relation_add", args=[register.a_kh.pk])
    response = client.post(url, {"kind": "implements", "target": "05-ct/tu"}, follow=True)
    assert "Đã thêm quan hệ" in response.text
    relation = DocumentRelation.objects.get(target=register.province_ct)
    entries = AuditEntry.objects.filter(action="documents.relation.add")
    assert entries.count() == 2  # the fixture's link and this one
    assert entries.order_by("-id").first().after["target_symbol"] == "05-CT/TU"
    # B's 09-KH/ĐU is not A's to see: the symbol names only A's own plan (not ambiguous)
    response = client.post(url, {"kind": "guides", "target": "09-KH/ĐU"}, follow=True)
    assert "chính nó" in response.text
    # a symbol the user cannot read is "not found", never linked
    response = client.post(url, {"kind": "guides", "target": "05-BC/CB"}, follow=True)
    assert "Không tìm thấy văn bản" in response.text
    remove = reverse("documents:relation_remove", args=[register.a_kh.pk, relation.pk])
    assert login(world.users["commune_b"]).post(remove).status_code == 404
    client = login(world.users["commune_a"])
    assert "Đã gỡ quan hệ" in client.post(remove, follow=True).text
    assert not DocumentRelation.objects.filter(pk=relation.pk).exists()
    assert AuditEntry.objects.filter(action="documents.relation.remove").count() == 1


def test_ambiguous_symbol_asks_for_the_year(world, register, login):
    make(world.province, "HD", "01", "TW", date(2016, 3, 1), "Hướng dẫn cũ", term="2015-2020")
    newer = make(
        world.province, "HD", "01", "TW", date(2021, 3, 1), "Hướng dẫn mới", term="2020-2025"
    )
    client = login(world.users["province"])
    url = reverse("documents:relation_add", args=[register.province_ct.pk])
    response = client.post(url, {"kind": "implements", "target": "01-HD/TW"}, follow=True)
    assert "Có 2 văn bản cùng số hiệu" in response.text
    response = client.post(url, {"kind": "implements", "target": "01-HD/TW 2021"}, follow=True)
    assert "Đã thêm quan hệ" in response.text
    assert DocumentRelation.objects.filter(source=register.province_ct, target=newer).exists()


def test_service_refuses_a_target_the_actor_cannot_read(world, register):
    with pytest.raises(ValidationError, match="Không tìm thấy văn bản"):
        services.link_documents(
            actor=world.users["commune_a"],
            source=register.a_kh,
            target=register.b_kh,
            kind="implements",
        )
    assert not DocumentRelation.objects.filter(target=register.b_kh).exists()


def test_export_button_carries_the_current_filters(world, register, login):
    client = login(world.users["province"])
    response = client.get(reverse("documents:list"), {"q": "71 nq"}, HTTP_HX_REQUEST="true")
    assert reverse("documents:export") + "?q=71+nq" in response.text
