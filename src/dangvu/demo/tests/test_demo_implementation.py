"""The demo's implementation records: targets and tasks of province documents assigned to
the communes with quarterly reports 2024–today (old communes' reports counting at their
successor), some overdue, and yearly work programmes (the province's 2025 one has 122
content groups)."""

import random
from datetime import date

import pytest

from dangvu.accounts.models import User
from dangvu.demo import documents as demo_documents
from dangvu.demo.generator import build_demo
from dangvu.demo.implementation import populate
from dangvu.implementation import selectors
from dangvu.implementation.models import Assignment, Item, Report, WorkProgramme
from dangvu.implementation.rollup import compute_rollup
from dangvu.reports.periods import Period

pytestmark = pytest.mark.django_db
END = date(2026, 3, 31)


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(with_documents: bool):
    result = build_demo(seed=5, scale=0.05, work_records=False)
    if with_documents:
        demo_documents.populate(
            rng=random.Random(5),
            province=result.province,
            start=date(2024, 1, 1),
            end=END,
            say=lambda _text: None,
        )
    counts = populate(
        rng=random.Random(5),
        province=result.province,
        start=date(2024, 1, 1),
        end=END,
        say=lambda _text: None,
    )
    return result.province, counts


def test_targets_tasks_and_quarterly_reports_across_the_reform():
    province, counts = run(with_documents=True)
    assert counts["targets"] == Item.objects.filter(kind="chi_tieu").count() > 0
    assert counts["progress_reports"] == Report.objects.count() > 100
    years = set(Report.objects.values_list("year", flat=True))
    assert {2024, 2025} <= years
    assert not Report.objects.filter(end__gte=END).exists()
    # old communes reported until Quý II/2025, new ones from Quý III/2025
    assert Report.objects.filter(assignment__unit__ended_on=date(2025, 7, 1)).exists()
    assert not Report.objects.filter(
        assignment__unit__ended_on=date(2025, 7, 1), end__gt=date(2025, 6, 30)
    ).exists()
    assert counts["overdue_assignments"] > 0
    # the roll-up of an old quarter on today's tree counts old communes at their successor
    item = Item.objects.filter(
        kind="chi_tieu", measure="so_luong", document__date__lt=date(2025, 7, 1)
    ).first()
    assert item is not None
    rollup = compute_rollup(province, Period.parse("2025-Q2"), [item])
    merged = [f for _row, f in rollup.rows_for(item) if f.merged_from]
    assert merged and rollup.root_figure(item).value > 0
    assert not rollup.root_figure(item).merged_from  # only communes were given the targets
    assert all(not f.own for _row, f in rollup.rows_for(item))  # only old communes reported


def test_work_programmes_and_scope():
    province, counts = run(with_documents=False)  # documents created by this demo
    assert Item.objects.exists()
    top = WorkProgramme.objects.get(unit=province, year=2025)
    assert top.items.count() == 122
    assert counts["content_groups"] > 122 and counts["work_programmes"] > 2
    commune_officer = User.objects.get(username="xa_a")
    mine = selectors.programme_list(commune_officer)
    assert mine.exists() and not mine.filter(unit=province).exists()
    visible = Assignment.objects.visible_to(commune_officer)
    assert 0 < visible.count() < Assignment.objects.count()
