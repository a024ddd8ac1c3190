"""Every write to reviews and ratings: rounds, member and unit ratings, remedial commitments.

Each service checks the rules, writes the rows and one audit entry in the same transaction; a
refusal is a Vietnamese ``ValidationError`` and writes nothing. Rules:

* a round belongs to a unit alive on its date; one round per (unit, subject, year, quarter);
  its date lies in the period or in the first three months after it;
* **score and level**: the score is 0–100; when the level is left empty it is derived from the
  score with the round's scheme (:mod:`.schemes`); a level given with a score outside that
  level's band is refused with the band in the reason (the two must tell the same story);
* **who is rated**: members whose status on the round date is dự bị or chính thức and whose
  home unit then lies in the round unit's subtree. Members excused from party work (miễn công
  tác và sinh hoạt) are not rated, nor those who left or died: a rating for one is refused;
* a whole batch (a whole cell) is checked before anything is written: one bad row refuses all;
* **a unit's rating is decided by the level above**: the rated unit lies strictly inside the
  round unit's subtree, and the actor must hold ``write`` over the rated unit's parent (so a
  cell's own secretary cannot rate the cell); member ratings need ``write`` over the cell;
* the HTXSNV quota only warns (the result carries the warning, nothing is refused);
* edits carry the revision they started from; a stale one is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for, today
from dangvu.audit.revisions import STALE, refuse_stale
from dangvu.audit.services import record_change, snapshot
from dangvu.members.lifecycle import Status
from dangvu.members.models import Member
from dangvu.members.selectors import period_on
from dangvu.orgs.models import Unit
from dangvu.orgs.selectors import subtree_on
from dangvu.orgs.tree_paths import SEPARATOR
from dangvu.vntext.formats import format_date, format_number
from dangvu.vntext.normalize import clean_text

from .models import Commitment, Level, Rating, Round, SubjectKind, Thresholds
from .schemes import Quota, quota_of, thresholds_for

RATED_STATUSES = (Status.PROBATIONARY, Status.OFFICIAL)


# ---------------------------------------------------------------- score and level


def parse_score(value) -> Decimal:
    try:
        score = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"Điểm “{value}” không phải là số.") from None
    if not score.is_finite() or score < 0 or score > 100:
        raise ValidationError(f"Điểm phải từ 0 đến 100 (đang là {value}).")
    if score != score.quantize(Decimal("0.1")):
        raise ValidationError("Điểm chỉ lấy một chữ số thập phân (ví dụ 85,5).")
    return score


def level_and_score(score, level: str | None, thresholds: Thresholds) -> tuple[str, Decimal]:
    """The level to store: derived from the score when empty; refused when it disagrees."""
    score = parse_score(score)
    derived = thresholds.level_for(score)
    if not level:
        return derived, score
    if level not in Level.values:
        raise ValidationError(f"Mức xếp loại “{level}” không có.")
    if level != derived:
        low, high = thresholds.band(level)
        band = (
            f"từ {format_number(low, 1)} điểm trở lên"
            if high is None
            else f"dưới {format_number(high, 1)} điểm"
            if level == Level.FAIL
            else f"từ {format_number(low, 1)} đến dưới {format_number(high, 1)} điểm"
        )
        raise ValidationError(
            f"{format_number(score, 1)} điểm không khớp mức “{Level(level).label}” ({band}); "
            f"với số điểm này mức đúng là “{Level(derived).label}”. Sửa điểm hoặc mức xếp loại."
        )
    return level, score


# ---------------------------------------------------------------- rounds


def _check_round(unit: Unit, year: int, quarter: int, day: date) -> None:
    if quarter not in (0, 1, 2, 3, 4):
        raise ValidationError("Quý phải từ 1 đến 4 (để trống: cả năm).")
    if year < 2000 or year > today().year + 1:
        raise ValidationError(f"Năm {year} không hợp lệ.")
    first_month = 3 * (quarter - 1) + 1 if quarter else 1
    start = date(year, first_month, 1)
    later = date(year + 1, 3, 31) if quarter in (0, 4) else date(year, first_month + 5, 28)
    if not (start <= day <= later):
        raise ValidationError(
            f"Ngày đánh giá {format_date(day)} phải nằm trong kỳ được đánh giá hoặc ngay sau "
            f"kỳ (từ {format_date(start)} đến {format_date(later)})."
        )
    if unit.created_on > day or (unit.ended_on is not None and unit.ended_on <= day):
        raise ValidationError(
            f"Ngày {format_date(day)} “{unit.name}” không hoạt động: đợt đánh giá phải do tổ "
            "chức đang hoạt động vào ngày đánh giá thực hiện."
        )


def _round_snapshot(round_: Round) -> dict:
    return snapshot(round_, ["unit", "subject_kind", "year", "quarter", "date", "title"])


@transaction.atomic
def create_round(
    *,
    actor,
    unit: Unit,
    subject_kind: str,
    year: int,
    quarter: int = 0,
    date: date,
    title: str = "",
    note: str = "",
) -> Round:
    if subject_kind not in SubjectKind.values:
        raise ValidationError("Đối tượng đánh giá không hợp lệ.")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_round(unit, year, quarter, date)
    clash = Round.objects.filter(
        unit=unit, subject_kind=subject_kind, year=year, quarter=quarter
    ).first()
    if clash is not None:
        raise ValidationError(f"“{unit.name}” đã có đợt “{clash}”. Mở đợt đó để ghi tiếp kết quả.")
    round_ = Round.objects.create(
        unit=unit,
        subject_kind=subject_kind,
        year=year,
        quarter=quarter,
        date=date,
        title=clean_text(title),
        note=clean_text(note),
    )
    record_change(
        actor=actor,
        action="ratings.round.create",
        obj=round_,
        unit=unit,
        after=_round_snapshot(round_),
    )
    return round_


def _lock_round(round_: Round, expected_revision: int | None) -> Round:
    locked = Round.objects.select_for_update().select_related("unit").get(pk=round_.pk)
    refuse_stale(locked, expected_revision, "Đợt đánh giá này")
    return locked


@transaction.atomic
def update_round(
    *,
    actor,
    round_: Round,
    expected_revision: int | None,
    date: date,
    title: str = "",
    note: str = "",
) -> Round:
    """Change the date, title or note. The date may move only while nothing is rated yet
    (who is rated is read on that date)."""
    round_ = _lock_round(round_, expected_revision)
    if date != round_.date and round_.ratings.exists():
        raise ValidationError(
            "Đợt đã có kết quả xếp loại theo danh sách ngày "
            f"{format_date(round_.date)}: không đổi được ngày đánh giá."
        )
    _check_round(round_.unit, round_.year, round_.quarter, date)
    before = _round_snapshot(round_)
    round_.date, round_.title, round_.note = date, clean_text(title), clean_text(note)
    round_.revision = F("revision") + 1
    round_.save()
    round_.refresh_from_db()
    record_change(
        actor=actor,
        action="ratings.round.update",
        obj=round_,
        unit=round_.unit,
        before=before,
        after=_round_snapshot(round_),
    )
    return round_


# ---------------------------------------------------------------- member ratings


@dataclass
class Entry:
    """One row of a batch: the member, the score, the level (empty: from the score), a note,
    and the revision of the stored rating the row was edited from (None: a new rating)."""

    member_id: int
    score: object
    level: str = ""
    note: str = ""
    revision: int | None = None


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    quota: Quota | None = None
    counts: dict = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        return [self.quota.warning()] if self.quota and self.quota.exceeded else []


def _writable(actor, unit_path: str) -> bool:
    return actor is None or scope_for(actor, permissions.WRITE).covers(unit_path)


def _write(round_: Round, rows: list[tuple], existing: dict, thresholds) -> Outcome:
    """Store checked rows ``(key, member_id, subject_unit_id, level, score, note)``: new
    ratings in bulk, changed ones updated with their revision bumped; ``existing`` maps a key
    to the stored rating. Returns the counts and the quota check after the write."""
    outcome = Outcome(counts=dict.fromkeys(Level.values, 0))
    new, changed = [], []
    for key, member_id, unit_id, level, score, note in rows:
        outcome.counts[level] += 1
        stored = existing.get(key)
        note = clean_text(note or "")
        if stored is None:
            new.append(
                Rating(
                    round=round_,
                    subject_kind=round_.subject_kind,
                    member_id=member_id,
                    subject_unit_id=unit_id,
                    year=round_.year,
                    quarter=round_.quarter,
                    level=level,
                    score=score,
                    note=note,
                )
            )
        elif (stored.level, stored.score, stored.note) != (level, score, note):
            stored.level, stored.score, stored.note = level, score, note
            stored.revision += 1
            changed.append(stored)
    Rating.objects.bulk_create(new, batch_size=2000)
    Rating.objects.bulk_update(changed, ["level", "score", "note", "revision"], batch_size=2000)
    outcome.created, outcome.updated = len(new), len(changed)
    outcome.quota = quota_of(round_, thresholds)
    return outcome


@transaction.atomic
def rate_members(*, actor, round_: Round, entries: list[Entry]) -> Outcome:
    """Record (or re-record) member ratings of a round: a whole cell from the form, or a whole
    round from a bulk load. Every row is checked first; any error refuses the whole batch
    (``ValidationError`` with one message per bad row, each naming the member)."""
    round_ = Round.objects.select_for_update().select_related("unit").get(pk=round_.pk)
    if round_.subject_kind != SubjectKind.MEMBER:
        raise ValidationError("Đợt này xếp loại tổ chức đảng, không xếp loại đảng viên.")
    if not entries:
        raise ValidationError("Chưa có đảng viên nào để xếp loại.")
    ids = [e.member_id for e in entries]
    if len(set(ids)) != len(ids):
        raise ValidationError("Một đảng viên có nhiều hơn một dòng xếp loại.")
    day = round_.date
    thresholds = thresholds_for(round_.unit, round_.year)
    subtree = subtree_on(round_.unit, day).values("unit_id")
    periods = {
        member_id: (status, unit_id, path)
        for member_id, status, unit_id, path in period_on(day)
        .filter(member_id__in=ids)
        .values_list("member_id", "status", "unit_id", "unit__path")
    }
    inside = set(
        period_on(day)
        .filter(member_id__in=ids, unit__in=subtree)
        .values_list("member_id", flat=True)
    )
    names = dict(Member.objects.filter(pk__in=ids).values_list("pk", "full_name"))
    existing = {r.member_id: r for r in Rating.objects.filter(round=round_, member_id__in=ids)}
    errors: list[str] = []
    rows: list[tuple[Entry, str, Decimal, int]] = []
    when = format_date(day)
    for entry in entries:
        name = names.get(entry.member_id)
        if name is None:
            errors.append(f"Không có đảng viên mã {entry.member_id}.")
            continue
        status, unit_id, path = periods.get(entry.member_id, (None, None, None))
        if status == Status.EXCUSED:
            errors.append(
                f"{name}: được miễn công tác và sinh hoạt đảng ngày {when}, không xếp loại."
            )
            continue
        if status not in RATED_STATUSES:
            errors.append(f"{name}: ngày {when} không còn là đảng viên, không xếp loại.")
            continue
        if entry.member_id not in inside:
            errors.append(
                f"{name}: ngày {when} không sinh hoạt trong “{round_.unit.name}”, không thuộc "
                "đợt đánh giá này."
            )
            continue
        if not _writable(actor, path):
            errors.append(f"{name}: bạn không có quyền ghi kết quả của chi bộ này.")
            continue
        stored = existing.get(entry.member_id)
        if (stored.revision if stored else None) != entry.revision:
            errors.append(f"{name}: kết quả xếp loại " + STALE)
            continue
        try:
            level, score = level_and_score(entry.score, entry.level, thresholds)
        except ValidationError as exc:
            errors.append(f"{name}: " + " ".join(exc.messages))
            continue
        rows.append((entry, level, score, unit_id))
    if errors:
        raise ValidationError(errors)
    outcome = _write(
        round_,
        [(e.member_id, e.member_id, unit_id, lv, sc, e.note) for e, lv, sc, unit_id in rows],
        existing,
        thresholds,
    )
    cells = {unit_id for *_, unit_id in rows}
    record_change(
        actor=actor,
        action="ratings.rating.record",
        obj=round_,
        unit=Unit.objects.get(pk=next(iter(cells))) if len(cells) == 1 else round_.unit,
        after={
            "created": outcome.created,
            "updated": outcome.updated,
            **outcome.counts,
            "quota_exceeded": outcome.quota.exceeded,
        },
    )
    return outcome


# ---------------------------------------------------------------- unit ratings


def parent_path(unit: Unit) -> str | None:
    parts = unit.path.strip(SEPARATOR).split(SEPARATOR)
    if len(parts) < 2:
        return None
    return SEPARATOR + SEPARATOR.join(parts[:-1]) + SEPARATOR


def may_rate_unit(actor, unit: Unit) -> bool:
    """Only the level above decides a unit's rating: ``write`` over the unit's parent."""
    if actor is None:
        return True
    above = parent_path(unit)
    scope = scope_for(actor, permissions.WRITE)
    return scope.everything if above is None else scope.covers(above)


@dataclass
class UnitEntry:
    """One unit's row of a batch; ``revision`` as in :class:`Entry`."""

    unit_id: int
    score: object
    level: str = ""
    note: str = ""
    revision: int | None = None


@transaction.atomic
def rate_units(*, actor, round_: Round, entries: list[UnitEntry]) -> Outcome:
    """Record (or change) unit ratings of a unit round, all or nothing: each rated unit lies
    strictly inside the round unit's subtree on the round date and the actor holds ``write``
    over its parent (the level above decides)."""
    round_ = Round.objects.select_for_update().select_related("unit").get(pk=round_.pk)
    if round_.subject_kind != SubjectKind.UNIT:
        raise ValidationError("Đợt này xếp loại đảng viên, không xếp loại tổ chức đảng.")
    if not entries:
        raise ValidationError("Chưa có tổ chức nào để xếp loại.")
    ids = [e.unit_id for e in entries]
    if len(set(ids)) != len(ids):
        raise ValidationError("Một tổ chức có nhiều hơn một dòng xếp loại.")
    thresholds = thresholds_for(round_.unit, round_.year)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    inside = set(
        subtree_on(round_.unit, round_.date, include_root=False)
        .filter(unit_id__in=ids)
        .values_list("unit_id", flat=True)
    )
    existing = {
        r.subject_unit_id: r
        for r in Rating.objects.filter(round=round_, member__isnull=True, subject_unit_id__in=ids)
    }
    errors: list[str] = []
    rows: list[tuple[UnitEntry, str, Decimal]] = []
    for entry in entries:
        unit = units.get(entry.unit_id)
        if unit is None:
            errors.append(f"Không có tổ chức mã {entry.unit_id}.")
            continue
        if unit.pk == round_.unit_id:
            errors.append(
                f"“{unit.name}” không tự xếp loại mình: chất lượng của tổ chức do cấp trên "
                "quyết định."
            )
            continue
        if unit.pk not in inside:
            errors.append(
                f"Ngày {format_date(round_.date)} “{unit.name}” không trực thuộc "
                f"“{round_.unit.name}”."
            )
            continue
        if not may_rate_unit(actor, unit):
            errors.append(
                f"Chỉ cấp ủy cấp trên của “{unit.name}” mới quyết định xếp loại tổ chức này."
            )
            continue
        stored = existing.get(unit.pk)
        if (stored.revision if stored else None) != entry.revision:
            errors.append(f"Kết quả xếp loại của “{unit.name}” " + STALE)
            continue
        try:
            level, score = level_and_score(entry.score, entry.level, thresholds)
        except ValidationError as exc:
            errors.append(f"{unit.name}: " + " ".join(exc.messages))
            continue
        rows.append((entry, level, score))
    if errors:
        raise ValidationError(errors)
    outcome = _write(
        round_,
        [(e.unit_id, None, e.unit_id, lv, sc, e.note) for e, lv, sc in rows],
        existing,
        thresholds,
    )
    after = {"created": outcome.created, "updated": outcome.updated, **outcome.counts}
    if len(rows) == 1:
        after.update(unit=rows[0][0].unit_id, level=rows[0][1], score=str(rows[0][2]))
    record_change(
        actor=actor,
        action="ratings.rating.unit",
        obj=round_,
        unit=units[rows[0][0].unit_id] if len(rows) == 1 else round_.unit,
        after=after | {"quota_exceeded": outcome.quota.exceeded},
    )
    return outcome


def rate_unit(
    *,
    actor,
    round_: Round,
    unit: Unit,
    score,
    level: str = "",
    note: str = "",
    expected_revision: int | None = None,
) -> tuple[Rating, Outcome]:
    """One unit's rating (the form): :func:`rate_units` with one row. ``expected_revision``
    is the stored rating's revision the form was filled from (None when there was none)."""
    try:
        outcome = rate_units(
            actor=actor,
            round_=round_,
            entries=[UnitEntry(unit.pk, score, level, note, expected_revision)],
        )
    except ValidationError as exc:
        # one row: drop the "unit name:" prefix the batch puts on score errors
        prefix = f"{unit.name}: "
        raise ValidationError(
            [m[len(prefix) :] if m.startswith(prefix) else m for m in exc.messages]
        ) from None
    rating = Rating.objects.get(round=round_, subject_unit=unit, member__isnull=True)
    return rating, outcome


# ---------------------------------------------------------------- commitments

COMMITMENT_FIELDS = ["unit", "rating", "member", "shortcoming", "action", "due", "done_on"]


def _check_commitment(shortcoming: str, action: str, due: date, done_on: date | None) -> None:
    if not clean_text(shortcoming):
        raise ValidationError("Hãy ghi hạn chế, khuyết điểm cần khắc phục.")
    if not clean_text(action):
        raise ValidationError("Hãy ghi biện pháp khắc phục.")
    if due is None:
        raise ValidationError("Hãy ghi hạn hoàn thành.")
    if done_on is not None and done_on > today():
        raise ValidationError("Ngày hoàn thành ở tương lai: chỉ ghi khi đã khắc phục xong.")


@transaction.atomic
def create_commitment(
    *,
    actor,
    unit: Unit | None = None,
    rating: Rating | None = None,
    member: Member | None = None,
    shortcoming: str,
    action: str,
    due: date,
) -> Commitment:
    """A remedial commitment from a review: from a rating (its member or unit), or for a unit
    (``member`` empty: the collective) or one of the unit's members."""
    if rating is not None:
        unit, member = rating.subject_unit, rating.member
        if due < rating.round.date:
            raise ValidationError(
                f"Hạn hoàn thành trước ngày kiểm điểm ({format_date(rating.round.date)})."
            )
    if unit is None:
        raise ValidationError("Hãy chọn tổ chức đăng ký khắc phục.")
    if member is not None and rating is None and member.unit_id != unit.pk:
        raise ValidationError(f"{member.full_name} không sinh hoạt tại “{unit.name}”.")
    _check_commitment(shortcoming, action, due, None)
    commitment = Commitment.objects.create(
        unit=unit,
        rating=rating,
        member=member,
        shortcoming=clean_text(shortcoming),
        action=clean_text(action),
        due=due,
    )
    record_change(
        actor=actor,
        action="ratings.commitment.create",
        obj=commitment,
        unit=unit,
        after=snapshot(commitment, COMMITMENT_FIELDS),
    )
    return commitment


@transaction.atomic
def update_commitment(
    *,
    actor,
    commitment: Commitment,
    expected_revision: int | None,
    shortcoming: str,
    action: str,
    due: date,
    done_on: date | None = None,
    result: str = "",
) -> Commitment:
    """Change a commitment, or follow it up: ``done_on`` (with the result) marks it done."""
    locked = Commitment.objects.select_for_update().select_related("unit").get(pk=commitment.pk)
    refuse_stale(locked, expected_revision, "Đăng ký khắc phục này")
    _check_commitment(shortcoming, action, due, done_on)
    if done_on is not None and not clean_text(result):
        raise ValidationError("Đã hoàn thành thì ghi kết quả khắc phục.")
    before = snapshot(locked, COMMITMENT_FIELDS)
    locked.shortcoming, locked.action = clean_text(shortcoming), clean_text(action)
    locked.due, locked.done_on, locked.result = due, done_on, clean_text(result)
    locked.revision = F("revision") + 1
    locked.save()
    locked.refresh_from_db()
    record_change(
        actor=actor,
        action="ratings.commitment.update",
        obj=locked,
        unit=locked.unit,
        before=before,
        after=snapshot(locked, COMMITMENT_FIELDS),
    )
    return locked
