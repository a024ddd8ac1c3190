"""Citizen engagement's indicators (see :mod:`dangvu.reports.catalogue`), as :mod:`.figures`
defines them: feedback received in the period, counted at the recording unit; answered or
referred to the competent body by the period's end (or today), over those received; on time
(answered by the due date) over those answered; pressing issues chosen for a year (counted in
the periods that close that year, :mod:`dangvu.reports.year_records`) resolved over chosen."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q
from django.urls import reverse

from dangvu.reports.catalogue import FLOW, Indicator
from dangvu.reports.year_records import years_closed_in
from dangvu.vntext.formats import format_date

from .models import Feedback, IssueState, PressingIssue

SECTION = "Công tác dân vận"


def _received(start: date, end: date):
    return Feedback.objects.filter(received_on__gte=start, received_on__lte=end)


def responded(start: date, end: date):
    rows = (
        _received(start, end)
        .values("unit_id", "sector__code")
        .annotate(
            n=Count("id"),
            done=Count("id", filter=Q(responded_on__isnull=False, responded_on__lte=end)),
        )
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["done"], row["n"]
        yield row["unit_id"], f"linh_vuc:{row['sector__code']}", row["done"], row["n"]


def on_time(start: date, end: date):
    rows = (
        _received(start, end)
        .filter(responded_on__isnull=False, responded_on__lte=end)
        .values("unit_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(responded_on__lte=F("due_on"))))
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["ok"], row["n"]


def issues_resolved(start: date, end: date):
    rows = (
        PressingIssue.objects.filter(year__in=years_closed_in(start, end))
        .values("unit_id", "sector__code")
        .annotate(
            n=Count("id"),
            done=Count(
                "id",
                filter=Q(state=IssueState.RESOLVED, resolved_on__isnull=False)
                & Q(resolved_on__lte=end),
            ),
        )
        .order_by()
    )
    for row in rows:
        yield row["unit_id"], "", row["done"], row["n"]
        yield row["unit_id"], f"linh_vuc:{row['sector__code']}", row["done"], row["n"]


def _feedback(unit, period, category: str = "") -> str:
    query = (
        f"?don_vi={unit.pk}&tu_ngay={format_date(period.start)}&den_ngay={format_date(period.end)}"
    )
    return reverse("citizens:list") + query


def _issues(unit, period, category: str = "") -> str:
    return reverse("citizens:issues") + f"?don_vi={unit.pk}&nam={period.end.year}"


INDICATORS = [
    Indicator(
        code="dan_van.tra_loi",
        sentence=(
            "tiếp nhận {base} lượt ý kiến, kiến nghị; đã trả lời và đề nghị cơ quan chức năng "
            "trả lời {value} lượt, đạt {percent}"
        ),
        name="Ý kiến, kiến nghị đã trả lời hoặc chuyển cơ quan có thẩm quyền",
        kind=FLOW,
        unit="lượt",
        denominator="lượt ý kiến, kiến nghị tiếp nhận",
        compute=responded,
        section=SECTION,
        records=_feedback,
        order=90,
    ),
    Indicator(
        code="dan_van.dung_han",
        sentence="{ratio} lượt trả lời đúng hạn, đạt {percent}",
        name="Ý kiến, kiến nghị trả lời đúng hạn",
        kind=FLOW,
        unit="lượt",
        denominator="lượt đã trả lời",
        compute=on_time,
        section=SECTION,
        records=_feedback,
        order=91,
    ),
    Indicator(
        code="dan_van.viec_noi_com",
        sentence=("đã giải quyết được {ratio} vụ việc nổi cộm, bức xúc, đạt {percent}"),
        name="Việc nổi cộm, bức xúc đã giải quyết",
        kind=FLOW,
        unit="vụ việc",
        denominator="vụ việc được chọn",
        compute=issues_resolved,
        section=SECTION,
        records=_issues,
        order=92,
    ),
]
