"""A unit's rating is decided by the level above, never by the unit itself."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.ratings import services
from dangvu.ratings.models import Level, Rating

pytestmark = pytest.mark.django_db


def test_the_commune_rates_its_cell(world, people):
    rating, outcome = services.rate_unit(
        actor=world.users["commune_a"], round_=people.units_a, unit=world.c1, score="91"
    )
    assert rating.level == Level.EXCELLENT and rating.subject_unit == world.c1
    assert outcome.quota.excellent == 1
    audit = AuditEntry.objects.get(action="ratings.rating.unit")
    assert audit.actor == world.users["commune_a"] and audit.after["level"] == "HTXSNV"


def test_the_cell_itself_may_not_record_its_rating(world, people):
    with pytest.raises(ValidationError) as caught:
        services.rate_unit(
            actor=world.users["secretary"], round_=people.units_a, unit=world.c1, score="95"
        )
    assert "cấp ủy cấp trên" in caught.value.messages[0]
    assert not Rating.objects.exists()


def test_the_round_unit_does_not_rate_itself_nor_units_outside(world, people):
    with pytest.raises(ValidationError) as caught:
        services.rate_unit(actor=None, round_=people.units_a, unit=world.commune_a, score="95")
    assert "không tự xếp loại" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        services.rate_unit(actor=None, round_=people.units_a, unit=world.c4, score="95")
    assert "không trực thuộc" in caught.value.messages[0]


def test_a_commune_is_rated_by_the_province_only(world, people):
    round_ = services.create_round(
        actor=None, unit=world.province, subject_kind="to_chuc", year=2025, date=people.units_a.date
    )
    with pytest.raises(ValidationError):
        services.rate_unit(
            actor=world.users["commune_a"], round_=round_, unit=world.commune_a, score="80"
        )
    rating, _ = services.rate_unit(
        actor=world.users["province"], round_=round_, unit=world.commune_a, score="80"
    )
    assert rating.level == Level.GOOD


def test_stale_unit_rating_is_refused(world, people):
    services.rate_unit(actor=None, round_=people.units_a, unit=world.c1, score="80")
    services.rate_unit(
        actor=None, round_=people.units_a, unit=world.c1, score="82", expected_revision=1
    )
    with pytest.raises(ValidationError) as caught:
        services.rate_unit(
            actor=None, round_=people.units_a, unit=world.c1, score="99", expected_revision=1
        )
    assert "vừa được người khác cập nhật" in caught.value.messages[0]


def test_unit_rating_page_from_above_only(world, people, login):
    url = reverse("ratings:rate_unit", args=[people.units_a.pk])
    assert login(world.users["secretary"]).get(url).status_code == 404
    client = login(world.users["commune_a"])
    page = client.get(url)
    assert page.status_code == 200 and "Chi bộ thôn 1" in page.content.decode()
    response = client.post(url, {"unit": world.c1.pk, "score": "95", "level": "HTTNV"})
    assert response.status_code == 200
    assert "không khớp mức" in response.content.decode()
    assert not Rating.objects.exists()
    response = client.post(url, {"unit": world.c1.pk, "score": "95", "level": ""})
    assert response.status_code == 302
    assert Rating.objects.get().level == Level.EXCELLENT
    # one HTXSNV out of one rated HTTNV or better is over the 20% quota: warned on the page
    page = client.get(reverse("ratings:round", args=[people.units_a.pk]))
    assert "Vượt tỷ lệ hoàn thành xuất sắc nhiệm vụ" in page.content.decode()
