"""Candidates (quần chúng ưu tú): minimal identity, CCCD checked, not a member already."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.training import services
from dangvu.training.models import Candidate

from .conftest import admit, candidate


def test_create_normalises_and_audits(world):
    c = services.create_candidate(
        actor=None,
        ho="Đào",
        ten_dem="Thị",
        ten="Mai",
        birth_date=date(2000, 4, 5),
        gender="nu",
        unit=world.c1,
        cccd="001 300 012345",
    )
    assert c.full_name == "Đào Thị Mai" and c.cccd == "001300012345" and c.name_key == "dao thi mai"
    assert AuditEntry.objects.filter(
        action="training.candidate.create", object_id=str(c.pk)
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cccd": "00130001234"}, "12 chữ số"),
        ({"cccd": "001200012345"}, "Chữ số thứ 4"),  # century/sex digit says male
        ({"birth_date": date(2015, 1, 1)}, "đủ 16 tuổi"),
        ({"gender": "x"}, "Nam hoặc Nữ"),
        ({"ten": ""}, "Thiếu tên"),
    ],
)
def test_bad_identity_is_refused(world, changes, message):
    data = {
        "ho": "Đào",
        "ten_dem": "Thị",
        "ten": "Mai",
        "birth_date": date(2000, 4, 5),
        "gender": "nu",
        "unit": world.c1,
        **changes,
    }
    with pytest.raises(ValidationError, match=message):
        services.create_candidate(actor=None, **data)
    assert not Candidate.objects.exists()


def test_cccd_of_a_member_or_another_candidate_is_refused(world):
    admit(world.c1, "Lê Văn An", date(1990, 3, 10), date(2015, 1, 5), cccd="001090000001")
    with pytest.raises(ValidationError, match="là của đảng viên Lê Văn An"):
        candidate(world.c1, "Lê Văn Anh", born=date(1990, 3, 10), gender="nam", cccd="001090000001")
    candidate(world.c1, cccd="001300012345")
    with pytest.raises(ValidationError, match="đã có trong danh sách quần chúng"):
        candidate(world.c2, "Đào Thị Mơ", cccd="001300012345")


def test_stale_candidate_edit_is_refused(world):
    c = candidate(world.c1)
    services.update_candidate(actor=None, candidate=c, expected_revision=1, ten="Mơ")
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.update_candidate(actor=None, candidate=c, expected_revision=1, ten="Mận")
    c.refresh_from_db()
    assert c.full_name == "Đào Thị Mơ" and c.revision == 2
