"""The demo's Party work records (issue 4): each module's ``populate`` in dependency order,
and the record counts shown in the demo banner.

Every module's generator lives beside this file (``documents.py``, ``implementation.py`` …) and
writes through its app's (bulk) services; this module only decides the order, the period
(01/01/2024 – today) and a separate random stream per module, so adding one module does not
change the records of another.
"""

from __future__ import annotations

import random
from datetime import date

from django.utils.module_loading import import_string

from dangvu.orgs.models import Unit

START = date(2024, 1, 1)

# (module, its populate function); later modules read what earlier ones wrote
MODULES = [
    ("documents", "dangvu.demo.documents.populate"),
    ("implementation", "dangvu.demo.implementation.populate"),
    ("study", "dangvu.demo.study.populate"),
    ("training", "dangvu.demo.training.populate"),
    ("meetings", "dangvu.demo.meetings.populate"),
    ("citizens", "dangvu.demo.citizens.populate"),
    ("ratings", "dangvu.demo.ratings.populate"),
    ("emulation", "dangvu.demo.emulation.populate"),
    ("oversight", "dangvu.demo.oversight.populate"),  # last: its khai trừ must follow the others
]


def populate_work_records(*, seed: int, province: Unit, end: date | None = None, say=print):
    end = end or date.today()
    for index, (name, path) in enumerate(MODULES, start=1):
        say(f"Hồ sơ công tác: {name}…")
        populate = import_string(path)
        populate(
            rng=random.Random(f"{seed}-{index}-{name}"),
            province=province,
            start=START,
            end=end,
            say=say,
        )


def work_record_counts(province: Unit) -> dict[str, int]:
    """One count query per kind of record, within the province's subtree."""
    from dangvu.citizens.models import Feedback, PressingIssue
    from dangvu.documents.models import Document
    from dangvu.emulation.models import Example, Pledge, Recognition, Registration
    from dangvu.implementation.models import Assignment, Report
    from dangvu.meetings.models import Attendance, Meeting
    from dangvu.oversight.models import Case, DisciplineDecision
    from dangvu.ratings.models import Commitment, Rating
    from dangvu.study.models import StudySession
    from dangvu.training.models import Enrolment, TrainingClass

    within = Unit.objects.subtree_of(province)
    return {
        "documents": Document.objects.filter(unit__in=within).count(),
        "assignments": Assignment.objects.filter(unit__in=within).count(),
        "progress_reports": Report.objects.filter(assignment__unit__in=within).count(),
        "study_sessions": StudySession.objects.filter(unit__in=within).count(),
        "training_classes": TrainingClass.objects.filter(unit__in=within).count(),
        "training_enrolments": Enrolment.objects.filter(training_class__unit__in=within).count(),
        "meetings": Meeting.objects.filter(unit__in=within).count(),
        "attendance": Attendance.objects.filter(cell__in=within).count(),
        "oversight_cases": Case.objects.filter(unit__in=within).count(),
        "discipline_decisions": DisciplineDecision.objects.filter(unit__in=within).count(),
        "citizen_feedback": Feedback.objects.filter(unit__in=within).count(),
        "pressing_issues": PressingIssue.objects.filter(unit__in=within).count(),
        "ratings": Rating.objects.filter(subject_unit__in=within).count(),
        "commitments": Commitment.objects.filter(unit__in=within).count(),
        "emulation_pledges": Pledge.objects.filter(unit__in=within).count(),
        "emulation_registrations": Registration.objects.filter(unit__in=within).count(),
        "emulation_examples": Example.objects.filter(unit__in=within).count(),
        "emulation_recognitions": Recognition.objects.filter(unit__in=within).count(),
    }
