"""Site-wide behaviour: Vietnamese formats, security headers, CSRF, the simulated-data label."""

from decimal import Decimal

from django.template import Context, Template
from django.test import Client


def test_numbers_and_dates_render_the_vietnamese_way(settings):
    from datetime import date

    rendered = Template("{{ n }} · {{ p }} · {{ d|date:'SHORT_DATE_FORMAT' }}").render(
        Context({"n": 2229, "p": Decimal("96.1"), "d": date(2023, 9, 6)})
    )
    assert rendered == "2.229 · 96,1 · 06/09/2023"


def test_security_headers(world, client):
    client.force_login(world.users["province"])
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_posts_without_csrf_token_are_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["province"])
    response = client.post(f"/to-chuc/{world.c1.pk}/doi-ten/", {"name": "X"})
    assert response.status_code == 403


def test_pages_say_the_data_is_simulated_in_demo_mode(world, client, settings):
    client.force_login(world.users["province"])
    assert "Dữ liệu mô phỏng" in client.get("/").content.decode()


def test_user_without_role_is_told_why_nothing_shows(world, client):
    client.force_login(world.users["outsider"])
    text = client.get("/").content.decode()
    assert "chưa được phân công vai trò" in text
    assert "Không có tổ chức nào" in client.get("/to-chuc/").content.decode()


def test_static_assets_come_from_installed_packages(world, client):
    client.force_login(world.users["province"])
    page = client.get("/").content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in page
    assert "/static/django_htmx/htmx-2.min.js" in page
    assert "cdn" not in page.lower()


def test_static_files_are_served_without_collectstatic(world, client):
    response = client.get("/static/django_htmx/htmx-2.min.js")
    assert response.status_code == 200
    assert client.get("/static/bootstrap/css/bootstrap.min.css").status_code == 200


def test_not_found_page_is_in_vietnamese(world, client):
    client.force_login(world.users["commune_a"])
    response = client.get(f"/to-chuc/{world.c4.pk}/")
    assert response.status_code == 404
    assert "ngoài phạm vi" in response.content.decode()


def test_capped_paginator_stops_counting(world):
    from dangvu.orgs.models import UnitVersion
    from dangvu.web.pagination import CappedPaginator

    total = UnitVersion.objects.count()
    exact = CappedPaginator(UnitVersion.objects.order_by("pk"), 2, cap=100)
    assert (exact.count, exact.capped) == (total, False)
    capped = CappedPaginator(UnitVersion.objects.order_by("pk"), 2, cap=3)
    assert (capped.count, capped.capped) == (4, True)
    assert [v.pk for v in capped.page(2).object_list] == list(
        UnitVersion.objects.order_by("pk").values_list("pk", flat=True)[2:4]
    )


def test_messages_are_vietnamese_whatever_the_browser_language(world, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        f"/to-chuc/{world.c1.pk}/doi-ten/", {"name": ""}, headers={"accept-language": "en-US"}
    )
    text = response.content.decode()
    assert "This field is required" not in text
    assert "Trường này là bắt buộc" in text


def test_the_navigation_groups_every_entry(world, client):
    from django.apps import apps

    from dangvu.web.context_processors import menu_items

    declared = [e for c in apps.get_app_configs() for e in getattr(c, "menu", ())]
    groups = menu_items()
    shown = [label for group in groups for label, _href in group.entries]
    assert sorted(shown) == sorted(label for _p, label, _n in declared)  # none lost
    assert len(groups) <= 6  # one row on the bar, not seventeen
    client.force_login(world.users["province"])
    page = client.get("/").content.decode()
    assert page.count('class="nav-group"') == sum(
        1 for g in groups if g.label and len(g.entries) > 1
    )
    assert '<summary class="nav-link">Công tác</summary>' in page and "/sinh-hoat/" in page
