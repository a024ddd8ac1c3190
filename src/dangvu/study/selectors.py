"""Reads of the study sessions that depend on who asks, and the figures built from them.

* :func:`counted_units_q` — which organising units count at a unit "for a period ending on
  day D": its subtree as the tree stood on D (clamped to the unit's own lifetime), plus the
  units that had ended by then and now live under it (old communes merged in 2025 count at
  their successor, a dissolved district at its parent). The list's unit filter and the
  figures use the same condition, so a figure and the sessions it links to always agree.
* :func:`counted_sessions_q` — the same, plus: a root that has ended counts only the sessions
  held before its end.
* :func:`session_list` — the filtered, scoped list (one query plus one prefetch).
* :func:`rates` — the figures of a unit's subtree over a period: sessions held, and per
  audience kind the sum of attended / expected ("941/968 lượt cán bộ chủ chốt đạt 97,2%"),
  for the unit and for each of its sub-units: a fixed number of queries.
* :func:`eligible_members` — who may be listed at a session: members of the organising
  unit's subtree on the session date, from the registry's periods.
* :func:`sessions_for_member` — a member's sessions, for the member page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.members.lifecycle import MEMBER_STATUSES
from dangvu.members.models import Member
from dangvu.members.selectors import period_on
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.selectors import children_on, counted_units_q, reference_day, subtree_on
from dangvu.orgs.tree_paths import path_within
from dangvu.vntext.formats import Ratio, format_count, format_date, format_number, format_percent
from dangvu.vntext.search_keys import search_terms

from .models import Attendee, AudienceGroup, StudySession

# ---------------------------------------------------------------- which units count where


def counted_sessions_q(root: Unit, day: date) -> Q:
    """Sessions counted at ``root`` for a period ending ``day``: organised by a unit of
    :func:`counted_units_q` — and, for a root that has ended, held before it ended (the
    cells of an old commune count at their new commune afterwards, not at the old one)."""
    condition = counted_units_q(root, day)
    if root.ended_on is not None:
        condition &= Q(date__lt=root.ended_on)
    return condition


# ---------------------------------------------------------------- the list


def visible_sessions(user, perm: str = permissions.READ):
    return StudySession.objects.visible_to(user, perm)


def session_list(
    user,
    *,
    unit: Unit | None = None,
    only_unit: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
    document=None,
    kind=None,
    q: str = "",
):
    """Sessions the user may read, filtered, newest first.

    ``unit`` (a unit the caller checked is visible) keeps the sessions counted at it for the
    range ending ``date_to`` (default today), or with ``only_unit`` those it organised
    itself. ``document`` and ``kind`` keep sessions covering that document / having a group
    of that audience kind; ``q`` matches words of the title (diacritics ignored).
    """
    qs = visible_sessions(user)
    if unit is not None:
        if only_unit:
            qs = qs.filter(unit=unit)
        else:
            qs = qs.filter(counted_sessions_q(unit, date_to or today()))
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    if document is not None:
        qs = qs.filter(
            pk__in=StudySession.documents.through.objects.filter(document=document).values(
                "studysession_id"
            )
        )
    if kind is not None:
        qs = qs.filter(pk__in=AudienceGroup.objects.filter(kind=kind).values("session_id"))
    for term in search_terms(q):
        qs = qs.filter(title_key__contains=term)
    return qs.select_related("unit").order_by("-date", "-id")


def with_groups(sessions) -> list[StudySession]:
    """A page of sessions with their audience groups (one query)."""
    sessions = list(sessions)
    by_session: dict[int, list[AudienceGroup]] = {s.pk: [] for s in sessions}
    groups = AudienceGroup.objects.filter(session__in=list(by_session)).select_related("kind")
    for group in groups.order_by("kind__sort_order", "id"):
        by_session[group.session_id].append(group)
    for session in sessions:
        session.group_list = by_session[session.pk]
    return sessions


# ---------------------------------------------------------------- who may be listed


def eligible_members(unit: Unit, day: date):
    """Members (dự bị, chính thức, miễn sinh hoạt) whose period on ``day`` places them in
    the unit's subtree as it stood that day, at home or temporarily; in name order."""
    subtree = subtree_on(unit, day).values("unit_id")
    periods = (
        period_on(day)
        .filter(status__in=MEMBER_STATUSES)
        .filter(Q(unit__in=subtree) | Q(away_unit__in=subtree))
    )
    return Member.objects.filter(pk__in=periods.values("member_id")).order_by("sort_key", "id")


def sessions_for_member(member: Member):
    """The member's attendance rows (session, audience, present), newest session first."""
    return (
        Attendee.objects.filter(member=member)
        .select_related("group__kind", "group__session__unit")
        .order_by("-group__session__date", "-group__session_id")
    )


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def period_of(
    *,
    year: int | None = None,
    quarter: int | None = None,
    month: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Period:
    """A custom range when ``start``/``end`` are given, else a month, a quarter or a year
    (default: the current year)."""
    if start or end:
        start = start or date(1900, 1, 1)
        end = end or today()
        return Period(start, end, f"từ {format_date(start)} đến {format_date(end)}")
    year = year or today().year
    if month:
        following = date(year + (month == 12), month % 12 + 1, 1)
        return Period(date(year, month, 1), following - timedelta(days=1), f"tháng {month}/{year}")
    if quarter:
        first = 3 * (quarter - 1) + 1
        following = date(year + (quarter == 4), (first + 2) % 12 + 1, 1)
        return Period(date(year, first, 1), following - timedelta(days=1), f"quý {quarter}/{year}")
    return Period(date(year, 1, 1), date(year, 12, 31), f"năm {year}")


# ---------------------------------------------------------------- figures


@dataclass
class KindFigure:
    kind_id: int
    name: str
    sort_order: int
    sessions: int = 0
    expected: int = 0
    attended: int = 0

    @property
    def ratio(self) -> Ratio:
        return Ratio(self.attended, self.expected)

    def phrase(self) -> str:
        """ "941/968 lượt cán bộ chủ chốt tham gia, đạt 97,2%"."""
        percent = self.ratio.percent()
        shown = "—" if percent is None else format_percent(percent)
        return (
            f"{format_number(self.attended)}/{format_number(self.expected)} lượt {self.name} "
            f"tham gia, đạt {shown}"
        )


@dataclass
class Figures:
    """The figures of one row (the unit, or one of its sub-units)."""

    label: str
    unit: Unit | None = None
    only_unit: bool = False  # the row counts the unit's own sessions only
    sessions: int = 0
    kinds: dict[int, KindFigure] = field(default_factory=dict)

    @property
    def kind_list(self) -> list[KindFigure]:
        return sorted(self.kinds.values(), key=lambda k: (k.sort_order, k.name))

    def add(self, kind: KindFigure) -> None:
        mine = self.kinds.get(kind.kind_id)
        if mine is None:
            mine = self.kinds[kind.kind_id] = KindFigure(kind.kind_id, kind.name, kind.sort_order)
        mine.sessions += kind.sessions
        mine.expected += kind.expected
        mine.attended += kind.attended

    def sentence(self) -> str:
        """ "Tổ chức 12 hội nghị học tập, quán triệt; 941/968 lượt cán bộ chủ chốt tham gia,
        đạt 97,2%; …" """
        parts = [f"Tổ chức {format_count(self.sessions)} hội nghị học tập, quán triệt"]
        parts += [k.phrase() for k in self.kind_list if k.expected]
        return "; ".join(parts) + "."


@dataclass
class Rates:
    unit: Unit
    period: Period
    reference: date  # the day the tree was read
    total: Figures
    rows: list[Figures]
    merged: list[Unit]  # ended units whose sessions are counted here

    @property
    def kinds(self) -> list[KindFigure]:
        return self.total.kind_list


def rates(user, root: Unit, period: Period, *, document=None) -> Rates:
    """Figures of ``root``'s subtree over ``period`` (see the module docstring).

    Four queries whatever the size: the groups summed per (organising unit, audience kind),
    the sessions counted per organising unit, those units' paths on the reference day, and
    the root's children on that day; the sub-unit rows are then assembled in Python from
    the paths (no tree walk, no query per row).
    """
    ref = reference_day(root, period.end)
    sessions = visible_sessions(user).filter(
        counted_sessions_q(root, period.end), date__gte=period.start, date__lte=period.end
    )
    if document is not None:
        sessions = sessions.filter(
            pk__in=StudySession.documents.through.objects.filter(document=document).values(
                "studysession_id"
            )
        )
    group_rows = list(
        AudienceGroup.objects.filter(session__in=sessions.values("pk"))
        .values("session__unit_id", "kind_id", "kind__name", "kind__sort_order")
        .annotate(
            n=Count("session_id", distinct=True),
            expected_sum=Sum("expected"),
            attended_sum=Sum("attended"),
        )
        .order_by()
    )
    session_rows = dict(
        sessions.order_by().values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
    )
    unit_ids = set(session_rows) | {r["session__unit_id"] for r in group_rows}
    ref_path = UnitVersion.objects.valid_on(ref).filter(unit=OuterRef("pk")).values("path")[:1]
    units = {
        u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).annotate(ref_path=Subquery(ref_path))
    }
    children = list(children_on(root, ref)) if unit_ids else []

    total = Figures(label=root.name, unit=root)
    own = Figures(label=f"{root.name} (trực tiếp tổ chức)", unit=root, only_unit=True)
    rows = {c.unit_id: Figures(label=c.name, unit=c.unit) for c in children}
    ended_rows: dict[int, Figures] = {}

    def row_for(unit_id: int) -> Figures:
        if unit_id == root.pk:
            return own
        unit = units[unit_id]
        for child in children:
            if (unit.ref_path and path_within(unit.ref_path, child.path)) or (
                not unit.ref_path and path_within(unit.path, child.unit.path)
            ):
                return rows[child.unit_id]
        if unit_id not in ended_rows:
            ended_rows[unit_id] = Figures(
                label=f"{unit.name} (đã kết thúc hoạt động)", unit=unit, only_unit=True
            )
        return ended_rows[unit_id]

    for unit_id, n in session_rows.items():
        row_for(unit_id).sessions += n
        total.sessions += n
    for r in group_rows:
        figure = KindFigure(
            r["kind_id"],
            r["kind__name"],
            r["kind__sort_order"],
            sessions=r["n"],
            expected=r["expected_sum"] or 0,
            attended=r["attended_sum"] or 0,
        )
        row_for(r["session__unit_id"]).add(figure)
        total.add(figure)
    listed = [own] if own.sessions else []
    listed += [rows[c.unit_id] for c in children if rows[c.unit_id].sessions]
    listed += sorted(ended_rows.values(), key=lambda f: f.label)
    merged = sorted((u for u in units.values() if u.ref_path is None), key=lambda u: (u.path, u.pk))
    return Rates(unit=root, period=period, reference=ref, total=total, rows=listed, merged=merged)


def readable_units(user):
    return Unit.objects.visible_to(user, permissions.READ)


def can_write_at(user, unit: Unit) -> bool:
    return scope_for(user, permissions.WRITE).covers(unit.path)
