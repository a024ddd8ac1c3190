"""Classes: the rules of create/update, stale edits refused, audit in the same transaction."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.training import services
from dangvu.training.models import TrainingClass

from .conftest import new_class, programme


def test_create_records_the_class_and_an_audit_entry(world):
    c = new_class(
        world.commune_a,
        "so_cap_llct",
        date(2025, 9, 1),
        date(2025, 11, 30),
        name="Lớp  sơ cấp LLCT khóa 3",
        number="K3",
        place="Hội trường xã",
    )
    assert c.name == "Lớp sơ cấp LLCT khóa 3" and c.revision == 1
    assert c.name_key == "lop so cap llct khoa 3 k3"
    entry = AuditEntry.objects.get(action="training.class.create")
    assert entry.object_id == str(c.pk) and entry.unit_id == world.commune_a.pk


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": date(2025, 8, 1)}, "trước ngày khai giảng"),
        ({"name": "  "}, "Hãy nhập tên lớp"),
        ({"form": "thu_tu"}, "Hình thức học không hợp lệ"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(world, changes, message):
    data = {
        "programme": programme("so_cap_llct"),
        "unit": world.commune_a,
        "name": "Lớp sơ cấp",
        "start_date": date(2025, 9, 1),
        "end_date": date(2025, 9, 30),
        **changes,
    }
    with pytest.raises(ValidationError, match=message):
        services.create_class(actor=None, **data)
    assert not TrainingClass.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="training.").exists()


def test_organiser_must_exist_on_the_start_day(world):
    with pytest.raises(ValidationError, match="chưa thành lập hoặc đã kết thúc"):
        new_class(world.commune_a, "so_cap_llct", date(2025, 3, 1), date(2025, 3, 30))
    with pytest.raises(ValidationError, match="chưa thành lập hoặc đã kết thúc"):
        new_class(world.x1, "so_cap_llct", date(2025, 8, 1), date(2025, 8, 30))
    assert new_class(world.x1, "so_cap_llct", date(2025, 3, 1), date(2025, 3, 30)).pk


def test_stale_edit_is_refused_and_the_fresh_one_kept(world):
    c = new_class(world.commune_a, "so_cap_llct", date(2025, 9, 1), date(2025, 9, 30))
    services.update_class(actor=None, training_class=c, expected_revision=1, place="Nhà văn hóa")
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.update_class(actor=None, training_class=c, expected_revision=1, place="Khác")
    c.refresh_from_db()
    assert c.place == "Nhà văn hóa" and c.revision == 2
    entry = AuditEntry.objects.get(action="training.class.update")
    assert entry.before == {"place": ""} and entry.after == {"place": "Nhà văn hóa"}


def test_unchanged_edit_is_refused(world):
    c = new_class(world.commune_a, "so_cap_llct", date(2025, 9, 1), date(2025, 9, 30))
    with pytest.raises(ValidationError, match="Không có thông tin nào thay đổi"):
        services.update_class(actor=None, training_class=c, expected_revision=1, name=c.name)


def test_moving_the_class_rechecks_its_trainees(world, training):
    with pytest.raises(ValidationError, match="sinh hoạt ngoài"):
        services.update_class(
            actor=None, training_class=training.old_a, expected_revision=None, unit=world.x3
        )
    training.old_a.refresh_from_db()
    assert training.old_a.unit_id == world.x1.pk


def test_changing_the_programme_recomputes_validity(world, training):
    c = training.old_a
    services.record_results(
        actor=None,
        training_class=c,
        results=[{"enrolment": e.pk, "result": "hoan_thanh"} for e in c.enrolments.all()],
        expected_revision=None,
    )
    assert set(c.enrolments.values_list("valid_until", flat=True)) == {None}
    services.update_class(
        actor=None, training_class=c, expected_revision=None, programme=programme("chuyen_de")
    )
    programme_row = programme("chuyen_de")
    programme_row.validity_months = 24
    programme_row.save()
    services.update_class(
        actor=None, training_class=c, expected_revision=None, programme=programme("so_cap_llct")
    )
    services.update_class(
        actor=None, training_class=c, expected_revision=None, programme=programme("chuyen_de")
    )
    assert set(c.enrolments.values_list("valid_until", flat=True)) == {date(2026, 3, 15)}
