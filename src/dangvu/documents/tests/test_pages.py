"""The list (search by symbol, diacritic-free title, type, issuer, date range; paginated;
query count pinned), the create and edit forms, the detail page and its sections hook."""

from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from dangvu.documents import sections
from dangvu.documents.models import Document

from .conftest import doc_type


def listed(client, **params) -> list[str]:
    response = client.get(reverse("documents:list"), params)
    assert response.status_code == 200
    return [d.symbol for d in response.context["page"].object_list]


@pytest.fixture
def province(world, register, login):
    return login(world.users["province"])


@pytest.mark.parametrize("query", ["71-NQ/TU", "71 nq", "71-nq/tu", "071 NQ TU", "71 – NQ / TU"])
def test_search_by_symbol(province, query):
    assert listed(province, q=query) == ["71-NQ/TU"]


def test_search_partial_symbol_lists_every_issuer(province):
    assert sorted(listed(province, q="09 kh")) == ["09-KH/ĐU", "09-KH/ĐU"]
    assert listed(province, q="5 ct") == ["05-CT/TU"]


@pytest.mark.parametrize(
    "query", ["chuyển đổi số", "chuyen doi so", "CHUYỂN ĐỔI SỐ", "chuyển đổi số"]
)
def test_search_title_ignores_diacritics(province, query):
    assert sorted(listed(province, q=query)) == ["09-KH/ĐU", "71-NQ/TU"]


def test_filters(world, province, register):
    assert listed(province, loai=doc_type("NQ").pk) == ["02-NQ/CB", "12-NQ/HU", "71-NQ/TU"]
    assert listed(province, don_vi=world.commune_a.pk) == ["09-KH/ĐU"]
    assert listed(province, don_vi=world.commune_a.pk, cap_duoi="1") == [
        "02-NQ/CB",
        "09-KH/ĐU",
        "03-KH/ĐU",
    ]
    assert listed(province, co_quan="btv") == ["05-CT/TU"]
    assert listed(province, tu_ngay="01/01/2024", den_ngay="31/05/2024") == [
        "04-KH/ĐU",
        "03-KH/ĐU",
        "05-CT/TU",
        "12-NQ/HU",
    ]
    response = province.get(
        reverse("documents:list"), {"tu_ngay": "01/06/2024", "den_ngay": "01/01/2024"}
    )
    assert "“Đến ngày” phải sau “Từ ngày”" in response.text


def test_list_is_scoped(world, register, login):
    seen = listed(login(world.users["commune_a"]))
    assert "05-BC/CB" not in seen and "04-KH/ĐU" not in seen
    assert seen.count("09-KH/ĐU") == 1
    assert "71-NQ/TU" in seen
    assert listed(login(world.users["outsider"])) == []


def test_issuer_filter_outside_the_scope_is_404(world, register, login):
    client = login(world.users["commune_a"])
    response = client.get(reverse("documents:list"), {"don_vi": world.commune_b.pk})
    assert response.status_code == 404
    # the province is above A: its own documents can be filtered
    assert listed(client, don_vi=world.province.pk) == ["05-CT/TU", "71-NQ/TU"]


def test_htmx_returns_the_results_only(province):
    response = province.get(reverse("documents:list"), {"q": "71 nq"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.text and "71-NQ/TU" in response.text


def test_pagination_and_query_count(world, login, django_assert_max_num_queries):
    from dangvu.documents import services

    items = [
        {
            "unit": world.commune_a,
            "body": "bch",
            "agency": "ĐU",
            "doc_type": doc_type("CV"),
            "number": str(n),
            "date": date(2025, 9, 1),
            "title": f"Công văn số {n}",
        }
        for n in range(1, 121)
    ]
    services.bulk_create_documents(actor=None, items=items)
    client = login(world.users["secretary"])
    client.get(reverse("documents:list"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("documents:list"))
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count == 120
    with django_assert_max_num_queries(12):
        last = client.get(reverse("documents:list"), {"trang": 3})
    assert len(last.context["page"].object_list) == 20


def test_create_form(world, login):
    client = login(world.users["commune_a"])
    page = client.get(reverse("documents:create"))
    assert page.status_code == 200
    units = dict(page.context["form"].fields["unit"].choices)
    assert world.commune_a.pk in units and world.commune_b.pk not in units
    response = client.post(
        reverse("documents:create"),
        {
            "unit": world.commune_a.pk,
            "body": "btv",
            "doc_type": doc_type("KH").pk,
            "number": "012",
            "agency": "ĐU",
            "date": "05/09/2025",
            "term": "2025-2030",
            "title": "Kế hoạch  học tập  Nghị quyết",
            "summary": "",
        },
        follow=True,
    )
    document = Document.objects.get()
    assert response.redirect_chain[-1][0] == reverse("documents:detail", args=[document.pk])
    assert document.symbol == "012-KH/ĐU" and document.date == date(2025, 9, 5)
    assert "Đã ghi văn bản" in response.text


def test_create_form_refuses_a_foreign_unit_and_shows_errors(world, login):
    client = login(world.users["commune_a"])
    response = client.post(
        reverse("documents:create"),
        {
            "unit": world.commune_b.pk,
            "body": "bch",
            "doc_type": doc_type("KH").pk,
            "number": "1",
            "agency": "ĐU",
            "date": "05/09/2025",
            "title": "Kế hoạch",
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    fields = {
        "unit": world.commune_a.pk,
        "body": "bch",
        "doc_type": doc_type("KH").pk,
        "number": "1",
        "agency": "ĐU",
        "date": "31/02/2025",
        "title": "Kế hoạch",
    }
    response = client.post(reverse("documents:create"), fields)
    assert list(response.context["form"].errors) == ["date"]
    response = client.post(
        reverse("documents:create"), {**fields, "date": "05/09/2025", "number": "x1"}
    )
    assert "Số văn bản “x1” chỉ gồm chữ số" in response.text
    assert not Document.objects.exists()


def test_create_needs_write_somewhere(world, login):
    assert login(world.users["member"]).get(reverse("documents:create")).status_code == 404


def test_edit_form_and_stale_edit(world, register, login):
    client = login(world.users["commune_a"])
    url = reverse("documents:edit", args=[register.a_kh.pk])
    form = client.get(url).context["form"]
    fields = {name: form.initial.get(name) for name in form.fields}
    fields["date"] = "01/08/2025"
    fields["title"] = "Kế hoạch đã sửa"
    fields["summary"] = ""
    response = client.post(url, fields, follow=True)
    assert "Đã lưu thay đổi" in response.text
    register.a_kh.refresh_from_db()
    assert register.a_kh.title == "Kế hoạch đã sửa" and register.a_kh.revision == 2
    # the same form sent again with the old revision: refused, nothing overwritten
    fields["title"] = "Bản cũ ghi đè"
    response = client.post(url, fields)
    assert "vừa được người khác sửa" in response.text
    register.a_kh.refresh_from_db()
    assert register.a_kh.title == "Kế hoạch đã sửa"


def test_detail_page_and_query_count(world, register, login, django_assert_max_num_queries):
    client = login(world.users["commune_a"])
    url = reverse("documents:detail", args=[register.province_nq.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert "Nghị quyết số 71-NQ/TU" in response.text
    assert "2020-2025" in response.text


def section_for_resolutions(request, document):
    if document.doc_type.code != "NQ":
        return None
    return sections.Section(
        title="Tổ chức thực hiện", template="other/_section.html", context={"count": 8}
    )


def test_sections_other_apps_declare(world, register, login, tmp_path, settings, monkeypatch):
    template_dir = tmp_path / "templates"
    (template_dir / "other").mkdir(parents=True)
    (template_dir / "other" / "_section.html").write_text(
        "<p>Chỉ tiêu của {{ document.symbol }}: {{ section.context.count }}</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0].get("DIRS", []), template_dir]}
    ]
    monkeypatch.setattr(
        apps.get_app_config("web"),
        "document_sections",
        ["dangvu.documents.tests.test_pages.section_for_resolutions"],
        raising=False,
    )
    client = login(world.users["province"])
    page = client.get(reverse("documents:detail", args=[register.province_nq.pk])).text
    assert "Tổ chức thực hiện" in page and "Chỉ tiêu của 71-NQ/TU: 8" in page
    plan = client.get(reverse("documents:detail", args=[register.a_kh.pk])).text
    assert "Tổ chức thực hiện" not in plan


def test_ended_units_can_still_have_their_documents_registered(world, login):
    """Commune A registers a 2024 plan of the old commune X1 it took over."""
    client = login(world.users["commune_a"])
    form = client.get(reverse("documents:create")).context["form"]
    labels = dict(form.fields["unit"].choices)
    assert "chấm dứt 01/07/2025" in labels[world.x1.pk]
    assert world.x3.pk not in labels  # B's predecessor
    response = client.post(
        reverse("documents:create"),
        {
            "unit": world.x1.pk,
            "body": "btv",
            "doc_type": doc_type("KH").pk,
            "number": "05",
            "agency": "ĐU",
            "date": "12/03/2024",
            "title": "Kế hoạch năm 2024 của xã An Bình",
        },
    )
    assert response.status_code == 302
    assert Document.objects.get().unit == world.x1
