"""Who is already registered: the name + birth date lookup matches pairs, not either list."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.imports import members_pipeline
from dangvu.members import services

pytestmark = pytest.mark.django_db


def register(world, ho, ten_dem, ten, birth):
    return services.register_member(
        actor=None,
        identity={"ho": ho, "ten_dem": ten_dem, "ten": ten, "gender": "nam", "birth_date": birth},
        admission_date=date(2015, 1, 5),
        ceremony_date=date(2015, 1, 10),
        unit=world.c1,
    )


def test_name_and_birth_date_are_matched_as_pairs(world):
    an = register(world, "Lê", "Văn", "An", date(1990, 3, 10))
    binh = register(world, "Trần", "Văn", "Bình", date(1985, 7, 1))
    lookup = members_pipeline._by_name_and_birth
    with CaptureQueriesContext(connection) as queries:
        found = lookup(
            {
                ("le van an", date(1990, 3, 10)),
                ("tran van binh", date(1985, 7, 1)),
                ("le van an", date(1985, 7, 1)),  # An's name with Bình's birth date
                ("tran van binh", date(1990, 3, 10)),
            }
        )
    assert found == {
        ("le van an", date(1990, 3, 10)): an.pk,
        ("tran van binh", date(1985, 7, 1)): binh.pk,
    }
    assert len(queries) == 1
    if connection.vendor == "postgresql":  # the pairs joined as arrays, no name_key IN (…)
        assert "unnest(" in queries[0]["sql"]
        assert " IN (" not in queries[0]["sql"]
    assert lookup(set()) == {}
    assert lookup({("le van an", date(1990, 3, 11))}) == {}


def test_a_batch_is_marked_by_cccd_or_name_and_birth_date(world):
    an = register(world, "Lê", "Văn", "An", date(1990, 3, 10))
    batch = [
        (2, {"birth_date": date(1990, 3, 10)}, "le van an"),
        (3, {"birth_date": date(1990, 3, 11)}, "le van an"),
    ]
    members_pipeline._find_existing(batch)
    assert [values["existing_id"] for _, values, _ in batch] == [an.pk, None]
