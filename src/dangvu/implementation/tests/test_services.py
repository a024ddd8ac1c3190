"""Writes: validation in Vietnamese, nothing written on refusal, audit entries, stale edits
refused, evidence files checked, one report per period, the overdue flag kept in step."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.audit.models import AuditEntry
from dangvu.implementation import selectors, services
from dangvu.implementation.models import (
    Assignment,
    Field,
    Item,
    ItemKind,
    Measure,
    ProgrammeItem,
    Report,
    TaskStatus,
    WorkProgramme,
)
from dangvu.reports.periods import Period

from .conftest import make_document

Q4_2025 = Period.parse("2025-Q4")
PDF = b"%PDF-1.4 bien ban hop chi bo"


def messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_a_target_needs_its_measure_and_value(world, plan):
    with pytest.raises(ValidationError) as exc:
        services.create_item(actor=None, document=plan.document, kind=ItemKind.TARGET, name="X")
    assert "cách tổng hợp" in messages(exc) and "giá trị phải đạt" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.create_item(
            actor=None,
            document=plan.document,
            kind=ItemKind.TARGET,
            name="Tỷ lệ",
            measure=Measure.RATE,
            target_value=Decimal(120),
        )
    assert "từ 0 đến 100" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.create_item(
            actor=None,
            document=plan.document,
            kind=ItemKind.TASK,
            name="Sơ kết",
            deadline=date(2023, 12, 31),
        )
    assert "trước ngày ban hành" in messages(exc)
    assert Item.objects.count() == 3  # the fixture's, nothing more


def test_creating_and_editing_an_item_is_audited_and_stale_edits_refused(world, plan):
    entry = AuditEntry.objects.get(
        action="implementation.chi_tieu.create", object_id=str(plan.admissions.pk)
    )
    assert entry.after["target_value"] == "20.00" and entry.unit_id == world.province.pk
    seen = plan.admissions.revision
    services.update_item(
        actor=world.users["province"],
        item=plan.admissions,
        expected_revision=seen,
        target_value=Decimal(25),
    )
    with pytest.raises(ValidationError) as exc:
        services.update_item(
            actor=world.users["province"],
            item=plan.admissions,
            expected_revision=seen,
            target_value=Decimal(30),
        )
    assert "vừa được người khác cập nhật" in messages(exc)
    plan.admissions.refresh_from_db()
    assert plan.admissions.target_value == 25
    update = AuditEntry.objects.get(action="implementation.chi_tieu.update")
    assert (update.before["target_value"], update.after["target_value"]) == ("20.00", "25.00")


def test_assignments_stay_inside_the_issuing_units_subtree(world, plan):
    b_plan = make_document(world.commune_b, number="01", code="KH", day=date(2025, 8, 1))
    b_item = services.create_item(
        actor=None, document=b_plan, kind=ItemKind.TASK, name="Rà soát đảng viên"
    )
    with pytest.raises(ValidationError) as exc:
        services.assign_item(actor=None, item=b_item, units=[world.c1])
    assert "không trực thuộc" in messages(exc)
    # an old commune ended before this document was issued cannot take it
    with pytest.raises(ValidationError) as exc:
        services.assign_item(actor=None, item=b_item, units=[world.x3])
    assert "đã kết thúc hoạt động" in messages(exc)
    services.assign_item(actor=None, item=plan.study, units=[world.commune_a])
    with pytest.raises(ValidationError) as exc:
        services.assign_item(actor=None, item=plan.study, units=[world.commune_a, world.commune_b])
    assert "đã được giao" in messages(exc)
    assert Assignment.objects.filter(item=plan.study).count() == 1  # B was not added either
    assert AuditEntry.objects.filter(action="implementation.assign").count() == 1


@pytest.fixture
def a_count(world, plan) -> Assignment:
    return services.assign_item(actor=None, item=plan.admissions, units=[world.commune_a])[0]


@pytest.fixture
def a_rate(world, plan) -> Assignment:
    return services.assign_item(actor=None, item=plan.rating, units=[world.commune_a])[0]


def test_report_values_are_checked_for_the_items_measure(world, plan, a_count, a_rate):
    task = services.assign_item(actor=None, item=plan.study, units=[world.commune_a])[0]
    cases = [
        (a_count, {}, "Hãy nhập kết quả"),
        (a_count, {"value": Decimal(-1)}, "không được âm"),
        (a_rate, {"value": Decimal(95)}, "cả tử số và mẫu số"),
        (a_rate, {"numerator": Decimal(5), "denominator": Decimal(0)}, "Mẫu số phải lớn hơn 0"),
        (a_rate, {"numerator": Decimal(11), "denominator": Decimal(10)}, "không được lớn hơn"),
        (task, {}, "Hãy chọn tình trạng"),
    ]
    for assignment, fields, expected in cases:
        with pytest.raises(ValidationError) as exc:
            services.submit_report(actor=None, assignment=assignment, period=Q4_2025, **fields)
        assert expected in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.submit_report(
            actor=None, assignment=a_count, period=Period.parse("2099-Q1"), value=Decimal(1)
        )
    assert "Chưa đến kỳ" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.submit_report(
            actor=None, assignment=a_count, period=Period.parse("2023-Q4"), value=Decimal(1)
        )
    assert "trước ngày ban hành" in messages(exc)
    with pytest.raises(ValidationError) as exc:  # commune A was formed on 01/7/2025
        services.submit_report(
            actor=None, assignment=a_count, period=Period.parse("2025-Q2"), value=Decimal(1)
        )
    assert "được thành lập ngày 01/07/2025, sau kỳ Quý II/2025" in messages(exc)
    (x1,) = services.assign_item(actor=None, item=plan.admissions, units=[world.x1])
    with pytest.raises(ValidationError) as exc:
        services.submit_report(actor=None, assignment=x1, period=Q4_2025, value=Decimal(1))
    assert "đã kết thúc hoạt động ngày 01/07/2025" in messages(exc)
    assert not Report.objects.exists()


def test_one_report_per_assignment_and_period(world, a_count):
    actor = world.users["commune_a"]
    report = services.submit_report(
        actor=actor, assignment=a_count, period=Q4_2025, value=Decimal(4)
    )
    with pytest.raises(ValidationError) as exc:
        services.submit_report(actor=actor, assignment=a_count, period=Q4_2025, value=Decimal(9))
    assert "đã báo cáo kỳ Quý IV/2025" in messages(exc) and "hãy sửa" in messages(exc)
    assert list(Report.objects.values_list("value", flat=True)) == [4]
    entry = AuditEntry.objects.get(action="implementation.report.submit")
    assert (entry.actor, entry.unit_id, entry.object_id) == (
        actor,
        world.commune_a.pk,
        str(report.pk),
    )


def test_a_correction_needs_a_reason_keeps_the_old_value_and_refuses_stale_copies(world, a_count):
    actor = world.users["commune_a"]
    report = services.submit_report(
        actor=actor, assignment=a_count, period=Q4_2025, value=Decimal(4)
    )
    with pytest.raises(ValidationError) as exc:
        services.correct_report(
            actor=actor,
            report=report,
            expected_revision=report.revision,
            reason="",
            value=Decimal(5),
        )
    assert "lý do" in messages(exc)
    seen = report.revision
    services.correct_report(
        actor=actor, report=report, expected_revision=seen, reason="Rà soát lại", value=Decimal(21)
    )
    with pytest.raises(ValidationError) as exc:
        services.correct_report(
            actor=actor, report=report, expected_revision=seen, reason="Sửa tiếp", value=Decimal(3)
        )
    assert "vừa được người khác cập nhật" in messages(exc)
    report.refresh_from_db()
    assert (report.value, report.achieved, report.revision) == (21, True, seen + 1)
    entry = AuditEntry.objects.get(action="implementation.report.correct")
    assert (entry.before["value"], entry.after["value"], entry.reason) == (
        "4.00",
        "21.00",
        "Rà soát lại",
    )
    a_count.refresh_from_db()
    assert a_count.achieved and a_count.last_report_id == report.pk


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bien-ban.exe", b"MZ...", "không đúng loại"),
        ("anh.pdf", b"\x89PNG\r\n\x1a\n....", "không phải là tệp PDF"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_evidence_files_are_checked_by_content(world, a_count, name, content, expected):
    with pytest.raises(ValidationError) as exc:
        services.submit_report(
            actor=None,
            assignment=a_count,
            period=Q4_2025,
            value=Decimal(1),
            evidence=SimpleUploadedFile(name, content),
        )
    assert expected in messages(exc)
    assert not Report.objects.exists()


def test_evidence_size_is_limited_and_a_good_file_is_kept(world, a_count, settings):
    from dangvu.implementation import evidence

    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * evidence.MAX_BYTES)
    with pytest.raises(ValidationError) as exc:
        services.submit_report(
            actor=None, assignment=a_count, period=Q4_2025, value=Decimal(1), evidence=big
        )
    assert "quá lớn" in messages(exc) and "tối đa 10 MB" in messages(exc)
    report = services.submit_report(
        actor=None,
        assignment=a_count,
        period=Q4_2025,
        value=Decimal(1),
        evidence=SimpleUploadedFile("Biên bản họp.pdf", PDF),
    )
    assert report.evidence_name == "Biên bản họp.pdf" and report.evidence_size == len(PDF)
    assert report.evidence.open("rb").read() == PDF


def test_overdue_means_past_deadline_and_latest_report_not_reaching_the_target(world, plan):
    a, b = services.assign_item(
        actor=None, item=plan.admissions, units=[world.commune_a, world.commune_b]
    )
    task_a, task_b = services.assign_item(
        actor=None, item=plan.study, units=[world.commune_a, world.commune_b]
    )
    province = world.users["province"]
    services.submit_report(
        actor=None, assignment=a, period=Period.parse("2025-Q3"), value=Decimal(22)
    )
    # a later period that falls short again: the latest report counts
    services.submit_report(
        actor=None, assignment=b, period=Period.parse("2025-Q3"), value=Decimal(25)
    )
    services.submit_report(
        actor=None, assignment=b, period=Period.parse("2025-Q4"), value=Decimal(12)
    )
    services.submit_report(
        actor=None, assignment=task_a, period=Period.parse("2025-Q3"), status=TaskStatus.DONE
    )
    before_deadline = date(2025, 12, 30)
    assert {x.pk for x in selectors.overdue(province, before_deadline)} == {task_b.pk}
    after = date(2026, 1, 2)
    assert {x.pk for x in selectors.overdue(province, after)} == {b.pk, task_b.pk}
    # scoped: commune A has nothing late, commune B sees only its own
    assert list(selectors.overdue(world.users["commune_a"], after)) == []
    assert {x.pk for x in selectors.overdue(world.users["commune_b"], after)} == {b.pk, task_b.pk}
    # lowering B's own target makes it reached
    services.update_item(
        actor=None, item=plan.admissions, expected_revision=None, target_value=Decimal(10)
    )
    assert {x.pk for x in selectors.overdue(province, after)} == {task_b.pk}


def test_work_programme_groups_are_checked_and_counted(world):
    programme = services.create_programme(
        actor=None, unit=world.commune_a, year=2026, title="Chương trình công tác năm 2026"
    )
    with pytest.raises(ValidationError) as exc:
        services.create_programme(actor=None, unit=world.commune_a, year=2026, title="Trùng")
    assert "đã có chương trình công tác năm 2026" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.add_programme_items(
            actor=None,
            programme=programme,
            items=[
                {"field": Field.INSPECTION, "content": "Kiểm tra", "responsible": "UBKT"},
                {"field": "x", "content": "", "responsible": "", "due_month": 3, "due_quarter": 1},
            ],
        )
    text = messages(exc)
    assert "Nội dung 2: Hãy chọn lĩnh vực" in text and "không chọn cả hai" in text
    assert not ProgrammeItem.objects.exists()
    services.add_programme_items(
        actor=None,
        programme=programme,
        items=[
            {
                "field": Field.INSPECTION,
                "content": "Kiểm tra chi bộ",
                "responsible": "UBKT",
                "due_quarter": 2,
            },
            {
                "field": Field.MOBILISATION,
                "content": "Hội nghị dân vận",
                "responsible": "Ban Dân vận",
                "due_month": 5,
            },
            {"field": Field.INSPECTION, "content": "Giám sát chuyên đề", "responsible": "UBKT"},
        ],
    )
    counts = {code: n for code, _label, n in selectors.field_counts(programme)}
    assert counts[Field.INSPECTION] == 2 and counts[Field.MOBILISATION] == 1
    assert counts[Field.ECONOMY] == 0
    (row,) = selectors.programme_list(world.users["province"], year=2026)
    assert row.n_items == 3 and row.n_kiem_tra == 2
    assert not selectors.programme_list(world.users["commune_b"], year=2026).exists()
    assert WorkProgramme.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="implementation.programme").count() == 2
