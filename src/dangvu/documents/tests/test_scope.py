"""Who reads which document: the issuing unit's subtree, plus the units above the reader
(now or before the 2025 reorganisation) and the units the reader's unit took over.
Every rule both ways; a document outside answers 404 on the page and the API."""

import pytest
from django.urls import reverse

from dangvu.documents.models import Document


def visible(world, persona):
    return set(Document.objects.visible_to(world.users[persona]).values_list("pk", flat=True))


def test_province_reads_everything(world, register):
    assert visible(world, "province") == set(Document.objects.values_list("pk", flat=True))


def test_commune_a_reads_its_subtree_the_province_and_what_it_took_over(world, register):
    seen = visible(world, "commune_a")
    r = register
    # own subtree
    assert {r.a_kh.pk, r.c1_nq.pk} <= seen
    # issued above: the province (now) and the district (before the reorganisation)
    assert {r.province_nq.pk, r.province_ct.pk, r.district_nq.pk} <= seen
    # the old commune X1 merged into A
    assert r.x1_kh.pk in seen
    # never commune B's side: its own documents, its cell's, the old commune X3's
    assert not {r.b_kh.pk, r.c4_bc.pk, r.x3_kh.pk} & seen


def test_commune_b_mirror(world, register):
    seen = visible(world, "commune_b")
    r = register
    assert {r.b_kh.pk, r.c4_bc.pk, r.x3_kh.pk, r.province_nq.pk, r.district_nq.pk} <= seen
    assert not {r.a_kh.pk, r.c1_nq.pk, r.x1_kh.pk} & seen


def test_cell_secretary_reads_own_cell_and_every_level_above(world, register):
    seen = visible(world, "secretary")
    r = register
    # c1 sat under X1 and the district before 01/07/2025, under A since
    assert seen == {
        r.c1_nq.pk,
        r.a_kh.pk,
        r.x1_kh.pk,
        r.district_nq.pk,
        r.province_nq.pk,
        r.province_ct.pk,
    }


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_without_read_nothing(world, register, persona):
    assert visible(world, persona) == set()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("commune_a", 404), ("secretary", 404), ("commune_b", 200), ("province", 200)],
)
def test_commune_b_document_page(world, register, login, persona, status):
    client = login(world.users[persona])
    assert client.get(reverse("documents:detail", args=[register.b_kh.pk])).status_code == status
    api = client.get(reverse("api:document_detail", args=[register.b_kh.pk]))
    assert api.status_code == status


@pytest.mark.parametrize("persona", ["commune_a", "commune_b", "secretary", "province"])
def test_province_document_page_open_to_every_level(world, register, login, persona):
    client = login(world.users[persona])
    assert (
        client.get(reverse("documents:detail", args=[register.province_nq.pk])).status_code == 200
    )


def test_reading_from_below_is_not_writing(world, register, login):
    """Commune A reads the province resolution but may not edit it."""
    client = login(world.users["commune_a"])
    assert client.get(reverse("documents:edit", args=[register.province_nq.pk])).status_code == 404
    assert client.get(reverse("documents:edit", args=[register.a_kh.pk])).status_code == 200
    response = client.get(reverse("documents:detail", args=[register.province_nq.pk]))
    assert reverse("documents:edit", args=[register.province_nq.pk]) not in response.text


def test_relation_to_an_unreadable_document_is_hidden(world, register, login):
    from dangvu.documents import services

    services.link_documents(
        actor=None, source=register.b_kh, target=register.province_nq, kind="implements"
    )
    client = login(world.users["commune_a"])
    page = client.get(reverse("documents:detail", args=[register.province_nq.pk])).text
    assert register.a_kh.title in page  # A's plan implementing it
    assert register.b_kh.title not in page  # B's plan: not A's business
    page_b = login(world.users["commune_b"]).get(
        reverse("documents:detail", args=[register.province_nq.pk])
    )
    assert register.b_kh.title in page_b.text
