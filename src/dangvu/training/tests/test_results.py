"""Results of a class in one submission: completion, grade, certificate, validity."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.audit.models import AuditEntry
from dangvu.training import services
from dangvu.training.models import Enrolment

from .conftest import new_class


def rows(c):
    return {e.person.full_name: e for e in c.enrolments.select_related("member", "candidate")}


def test_awareness_certificate_lasts_five_years(world, training):
    c = training.new_a
    e = rows(c)["Đào Thị Mai"]
    changed = services.record_results(
        actor=None,
        training_class=c,
        results=[
            {
                "enrolment": e.pk,
                "result": "hoan_thanh",
                "grade": "gioi",
                "certificate_number": "NT-01/2025",
                "certificate_date": date(2025, 9, 12),
            }
        ],
        expected_revision=c.revision,
    )
    assert changed == 1
    e.refresh_from_db()
    assert (e.result, e.grade, e.valid_until) == ("hoan_thanh", "gioi", date(2030, 9, 12))
    entry = AuditEntry.objects.get(action="training.class.results")
    assert entry.after[str(e.pk)]["certificate_number"] == "NT-01/2025"
    assert entry.before[str(e.pk)]["result"] == ""


def test_validity_falls_back_to_the_end_day_and_keeps_month_ends(world, training):
    c = new_class(world.x1, "nhan_thuc_ve_dang", date(2024, 2, 20), date(2024, 2, 29))
    services.enrol(actor=None, training_class=c, candidates=[training.mai])
    e = c.enrolments.get()
    services.record_results(
        actor=None,
        training_class=c,
        expected_revision=None,
        results=[{"enrolment": e.pk, "result": "hoan_thanh"}],
    )
    e.refresh_from_db()
    assert e.valid_until == date(2029, 2, 28)  # 29/02/2024 + 60 months


def test_programmes_without_validity_never_expire(world, training):
    c = training.old_a
    services.record_results(
        actor=None,
        training_class=c,
        expected_revision=None,
        results=[
            {
                "enrolment": e.pk,
                "result": "hoan_thanh",
                "certificate_number": f"DVM-{e.pk}",
                "certificate_date": date(2024, 3, 15),
            }
            for e in c.enrolments.all()
        ],
    )
    assert set(c.enrolments.values_list("valid_until", flat=True)) == {None}


def test_no_results_before_the_class_ends_only_withdrawal(world, training):
    c = new_class(world.commune_a, "so_cap_llct", date(2026, 11, 1), date(2027, 2, 1))
    services.enrol(actor=None, training_class=c, members=[training.an, training.binh])
    an, binh = rows(c)["Lê Văn An"], rows(c)["Trần Văn Bình"]
    with pytest.raises(ValidationError, match="chưa ghi được kết quả học tập"):
        services.record_results(
            actor=None,
            training_class=c,
            expected_revision=None,
            results=[{"enrolment": an.pk, "result": "hoan_thanh"}],
            on=date(2026, 12, 1),
        )
    services.record_results(
        actor=None,
        training_class=c,
        expected_revision=None,
        results=[{"enrolment": binh.pk, "result": "bo_hoc", "note": "Chuyển công tác"}],
        on=date(2026, 12, 1),
    )
    assert Enrolment.objects.get(pk=binh.pk).result == "bo_hoc"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"result": "khong_hoan_thanh", "grade": "kha"}, "chỉ học viên hoàn thành"),
        (
            {"result": "bo_hoc", "certificate_number": "X1", "certificate_date": date(2024, 3, 15)},
            "chỉ học viên hoàn thành",
        ),
        ({"result": "hoan_thanh", "certificate_date": date(2024, 1, 1)}, "phải từ ngày khai giảng"),
        ({"result": "hoan_thanh", "certificate_number": "X1"}, "hãy ghi ngày cấp"),
        ({"result": "dat"}, "kết quả không hợp lệ"),
        ({"result": "hoan_thanh", "grade": "tot"}, "xếp loại không hợp lệ"),
    ],
)
def test_inconsistent_results_are_refused_and_nothing_is_written(world, training, item, message):
    c = training.old_a
    an, binh = rows(c)["Lê Văn An"], rows(c)["Trần Văn Bình"]
    with pytest.raises(ValidationError, match=message):
        services.record_results(
            actor=None,
            training_class=c,
            expected_revision=None,
            results=[{"enrolment": binh.pk, "result": "hoan_thanh"}, {"enrolment": an.pk, **item}],
        )
    assert set(c.enrolments.values_list("result", flat=True)) == {""}


def test_certificate_numbers_are_unique_per_programme(world, training):
    c = training.old_a
    an, binh = rows(c)["Lê Văn An"], rows(c)["Trần Văn Bình"]
    same = {
        "result": "hoan_thanh",
        "certificate_number": "DVM-1",
        "certificate_date": date(2024, 3, 15),
    }
    with pytest.raises(ValidationError, match="ghi cho cả"):
        services.record_results(
            actor=None,
            training_class=c,
            expected_revision=None,
            results=[{"enrolment": an.pk, **same}, {"enrolment": binh.pk, **same}],
        )
    services.record_results(
        actor=None, training_class=c, expected_revision=None, results=[{"enrolment": an.pk, **same}]
    )
    other = training.old_b
    cuong = rows(other)["Lê Quốc Cường"]
    with pytest.raises(ValidationError, match="đã cấp cho học viên lớp khác"):
        services.record_results(
            actor=None,
            training_class=other,
            expected_revision=None,
            results=[{"enrolment": cuong.pk, **same, "certificate_date": date(2024, 4, 10)}],
        )


def test_stale_results_are_refused(world, training):
    c = training.old_a
    an = rows(c)["Lê Văn An"]
    opened = c.revision
    services.record_results(
        actor=None,
        training_class=c,
        expected_revision=opened,
        results=[{"enrolment": an.pk, "result": "hoan_thanh"}],
    )
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.record_results(
            actor=None,
            training_class=c,
            expected_revision=opened,
            results=[{"enrolment": an.pk, "result": "khong_hoan_thanh"}],
        )
    assert Enrolment.objects.get(pk=an.pk).result == "hoan_thanh"


def test_a_foreign_enrolment_is_refused(world, training):
    cuong = rows(training.old_b)["Lê Quốc Cường"]
    with pytest.raises(ValidationError, match="không thuộc lớp này"):
        services.record_results(
            actor=None,
            training_class=training.old_a,
            expected_revision=None,
            results=[{"enrolment": cuong.pk, "result": "hoan_thanh"}],
        )


def test_load_class_checks_people_and_results_like_the_forms(world, training):
    """The bulk service (demo, imports of past classes) applies the same rules at once."""
    from dangvu.training.models import TrainingClass

    data = {
        "programme": training.old_a.programme,
        "unit": world.x1,
        "name": "Lớp đảng viên mới khóa 2",
        "start_date": date(2024, 5, 6),
        "end_date": date(2024, 5, 10),
    }
    with pytest.raises(ValidationError, match="Lê Quốc Cường sinh hoạt ngoài"):
        services.load_class(actor=None, members=[training.an, training.cuong], **data)
    with pytest.raises(ValidationError, match="chỉ học viên hoàn thành"):
        services.load_class(
            actor=None,
            members=[training.an],
            results=[{"result": "bo_hoc", "grade": "gioi"}],
            **data,
        )
    services.record_results(
        actor=None,
        training_class=training.old_a,
        expected_revision=None,
        results=[
            {
                "enrolment": training.old_a.enrolments.first().pk,
                "result": "hoan_thanh",
                "certificate_number": "9",
                "certificate_date": date(2024, 3, 15),
            }
        ],
    )
    with pytest.raises(ValidationError, match="đã cấp cho học viên lớp khác"):
        services.load_class(
            actor=None,
            members=[training.an],
            results=[
                {
                    "result": "hoan_thanh",
                    "certificate_number": "9",
                    "certificate_date": date(2024, 5, 10),
                }
            ],
            **data,
        )
    assert TrainingClass.objects.filter(name="Lớp đảng viên mới khóa 2").count() == 0
    c = services.load_class(
        actor=None,
        members=[training.an, training.binh],
        results=[
            {
                "result": "hoan_thanh",
                "grade": "kha",
                "certificate_number": "DVM-2",
                "certificate_date": date(2024, 5, 10),
            },
            {"result": "khong_hoan_thanh"},
        ],
        **data,
    )
    assert sorted(c.enrolments.values_list("result", flat=True)) == [
        "hoan_thanh",
        "khong_hoan_thanh",
    ]
    assert AuditEntry.objects.get(action="training.class.load").after["results"] == 2
