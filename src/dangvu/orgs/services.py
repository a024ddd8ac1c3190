"""Every change to the org tree: create, rename, reclassify, move, merge, split, dissolve.

Each service validates the kind matrix and the dates, writes the new effective-dated
versions, the lineage event and the audit entry in one transaction, and refuses with a
Vietnamese :class:`ValidationError` anything that would break the history. Dates are
half-open: a change effective on D closes the old version at D and opens the new one at D.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr

from dangvu.audit.services import acting_user, record_change, snapshot
from dangvu.vntext.formats import format_date
from dangvu.vntext.normalize import clean_text, tone_normal
from dangvu.vntext.search_keys import search_key
from dangvu.vntext.sort_keys import text_sort_key

from .models import KindRule, LineageEvent, LineageKind, LineageLink, Unit, UnitKind, UnitVersion
from .tree_paths import SEPARATOR, child_path, path_depth, path_range, path_within

AUDITED_FIELDS = ["name", "code", "kind", "parent", "path", "created_on", "ended_on"]


@dataclass(frozen=True)
class Decision:
    """The deciding document of a reorganisation, e.g. Quyết định số 1234-QĐ/TU."""

    number: str = ""
    date: date | None = None
    issuer: str = ""
    note: str = ""


@dataclass
class SplitPart:
    name: str
    kind: UnitKind
    parent: Unit | None = None  # default: the parent of the unit being split
    code: str = ""
    children: list[Unit] = field(default_factory=list)


# ---------------------------------------------------------------- checks


def _require_name(name: str) -> str:
    name = clean_text(name or "")
    if not name:
        raise ValidationError("Tên tổ chức không được để trống.")
    if len(name) > 255:
        raise ValidationError("Tên tổ chức dài quá 255 ký tự; hãy rút gọn.")
    return name


def check_kind_allowed(parent_kind: UnitKind | None, child_kind: UnitKind) -> None:
    if not KindRule.objects.filter(parent_kind=parent_kind, child_kind=child_kind).exists():
        if parent_kind is None:
            raise ValidationError(
                f"Loại “{child_kind}” không được đứng đầu cây tổ chức. "
                "Hãy chọn tổ chức cấp trên, hoặc sửa cấu hình quan hệ cấp trên – cấp dưới."
            )
        raise ValidationError(
            f"Loại “{child_kind}” không được trực thuộc loại “{parent_kind}” theo cấu hình "
            "quan hệ cấp trên – cấp dưới. Hãy chọn cấp trên khác hoặc sửa cấu hình."
        )


def _open_version(unit: Unit) -> UnitVersion:
    version = UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).first()
    if version is None:
        raise ValidationError(
            f"“{unit.name}” đã chấm dứt hoạt động từ {format_date(unit.ended_on)}; "
            "không thể thay đổi tiếp."
        )
    return version


def _check_change_date(unit: Unit, version: UnitVersion, day: date) -> None:
    if day <= version.valid_from:
        raise ValidationError(
            f"Ngày hiệu lực {format_date(day)} phải sau lần thay đổi gần nhất của "
            f"“{unit.name}” ({format_date(version.valid_from)}). Thay đổi lùi ngày vào giữa "
            "lịch sử không được phép; hãy kiểm tra lại ngày trong quyết định."
        )


def _check_parent_alive(parent: Unit | None, day: date) -> UnitVersion | None:
    if parent is None:
        return None
    version = UnitVersion.objects.valid_on(day).filter(unit=parent).select_related("kind").first()
    if version is None:
        raise ValidationError(
            f"Tổ chức cấp trên “{parent.name}” không hoạt động vào ngày {format_date(day)}."
        )
    if version.valid_to is not None:
        raise ValidationError(
            f"Tổ chức cấp trên “{parent.name}” có thay đổi sau ngày {format_date(day)}; "
            "chỉ được gắn vào cấp trên theo trạng thái hiện hành."
        )
    return version


def _check_sibling_name(parent: Unit | None, name: str, day: date, exclude: Unit | None = None):
    key = tone_normal(name).casefold()
    siblings = UnitVersion.objects.valid_on(day).filter(parent=parent, valid_to__isnull=True)
    if exclude is not None:
        siblings = siblings.exclude(unit=exclude)
    for sibling_name in siblings.values_list("name", flat=True):
        if tone_normal(sibling_name).casefold() == key:
            where = f"trực thuộc “{parent.name}”" if parent else "ở cấp cao nhất"
            raise ValidationError(f"Đã có tổ chức tên “{sibling_name}” {where}.")


def _lock(unit: Unit, expected_revision: int | None) -> Unit:
    """Reload the unit under a row lock and refuse a concurrent edit."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if expected_revision is not None and locked.revision != expected_revision:
        raise ValidationError(
            f"“{locked.name}” vừa được người khác thay đổi (phiên bản {locked.revision}, "
            f"bạn đang sửa phiên bản {expected_revision}). Hãy tải lại trang và làm lại."
        )
    return locked


def _bump(unit: Unit) -> None:
    Unit.objects.filter(pk=unit.pk).update(revision=F("revision") + 1)
    unit.refresh_from_db()


def _event(kind, unit, day, decision: Decision, summary, actor) -> LineageEvent:
    return LineageEvent.objects.create(
        kind=kind,
        unit=unit,
        effective_date=day,
        decision_number=clean_text(decision.number),
        decision_date=decision.date,
        decision_issuer=clean_text(decision.issuer),
        summary=summary[:500],
        note=decision.note,
        actor=acting_user(actor),
    )


def _audit(actor, action, unit, before, event: LineageEvent):
    unit.refresh_from_db()
    record_change(
        actor=actor,
        action=action,
        obj=unit,
        unit=unit,
        before=before,
        after=snapshot(unit, AUDITED_FIELDS),
        reason=event.decision_text or event.summary,
    )


def _new_version(old: UnitVersion, day: date, event: LineageEvent, **changes) -> UnitVersion:
    """Close ``old`` at ``day`` and open a copy with ``changes`` from ``day``."""
    UnitVersion.objects.filter(pk=old.pk).update(valid_to=day)
    values = {
        "unit_id": old.unit_id,
        "parent_id": old.parent_id,
        "kind_id": old.kind_id,
        "name": old.name,
        "code": old.code,
        "path": old.path,
        "depth": old.depth,
        "search_key": old.search_key,
        "sort_key": old.sort_key,
    }
    values.update(changes)
    return UnitVersion.objects.create(valid_from=day, event=event, **values)


def _name_keys(name: str) -> dict:
    return {"search_key": search_key(name)[:255], "sort_key": text_sort_key(name)[:255]}


# ---------------------------------------------------------------- services


@transaction.atomic
def create_unit(
    *,
    actor,
    name: str,
    kind: UnitKind,
    parent: Unit | None,
    effective_date: date,
    code: str = "",
    decision: Decision = Decision(),
) -> Unit:
    name = _require_name(name)
    parent_version = _check_parent_alive(parent, effective_date)
    check_kind_allowed(parent_version.kind if parent_version else None, kind)
    _check_sibling_name(parent, name, effective_date)
    keys = _name_keys(name)
    parent_path = parent_version.path if parent_version else None
    unit = Unit.objects.create(
        kind=kind,
        parent=parent,
        name=name,
        code=clean_text(code),
        path="?",
        created_on=effective_date,
        **keys,
    )
    path = child_path(parent_path, unit.pk)
    Unit.objects.filter(pk=unit.pk).update(path=path, depth=path_depth(path))
    where = f" trực thuộc {parent.name}" if parent else ""
    event = _event(
        LineageKind.CREATED, unit, effective_date, decision, f"Thành lập {name}{where}", actor
    )
    UnitVersion.objects.create(
        unit=unit,
        parent=parent,
        kind=kind,
        name=name,
        code=unit.code,
        path=path,
        depth=path_depth(path),
        valid_from=effective_date,
        event=event,
        **keys,
    )
    _audit(actor, "orgs.unit.create", unit, None, event)
    return unit


@transaction.atomic
def rename_unit(
    *,
    actor,
    unit: Unit,
    effective_date: date,
    name: str | None = None,
    code: str | None = None,
    decision: Decision = Decision(),
    expected_revision: int | None = None,
) -> Unit:
    unit = _lock(unit, expected_revision)
    version = _open_version(unit)
    new_name = _require_name(name) if name is not None else version.name
    new_code = clean_text(code) if code is not None else version.code
    if new_name == version.name and new_code == version.code:
        raise ValidationError("Tên và mã mới trùng với tên và mã hiện tại; không có gì để đổi.")
    _check_change_date(unit, version, effective_date)
    _check_sibling_name(unit.parent, new_name, effective_date, exclude=unit)
    before = snapshot(unit, AUDITED_FIELDS)
    summary = (
        f"Đổi tên “{version.name}” thành “{new_name}”"
        if new_name != version.name
        else f"Đổi mã “{version.name}” thành {new_code}"
    )
    event = _event(LineageKind.RENAMED, unit, effective_date, decision, summary, actor)
    keys = _name_keys(new_name)
    _new_version(version, effective_date, event, name=new_name, code=new_code, **keys)
    Unit.objects.filter(pk=unit.pk).update(name=new_name, code=new_code, **keys)
    _bump(unit)
    _audit(actor, "orgs.unit.rename", unit, before, event)
    return unit


@transaction.atomic
def reclassify_unit(
    *,
    actor,
    unit: Unit,
    kind: UnitKind,
    effective_date: date,
    decision: Decision = Decision(),
    expected_revision: int | None = None,
) -> Unit:
    """Change the unit's kind (e.g. a chi bộ cơ sở grown to ≥ 30 members becomes a đảng bộ)."""
    unit = _lock(unit, expected_revision)
    version = _open_version(unit)
    if kind.pk == version.kind_id:
        raise ValidationError(f"“{unit.name}” đã thuộc loại “{kind}”.")
    _check_change_date(unit, version, effective_date)
    parent_version = _check_parent_alive(unit.parent, effective_date)
    check_kind_allowed(parent_version.kind if parent_version else None, kind)
    child_kinds = UnitVersion.objects.filter(parent=unit, valid_to__isnull=True).values_list(
        "kind_id", flat=True
    )
    for child_kind in UnitKind.objects.filter(pk__in=set(child_kinds)):
        check_kind_allowed(kind, child_kind)
    before = snapshot(unit, AUDITED_FIELDS)
    event = _event(
        LineageKind.RECLASSIFIED,
        unit,
        effective_date,
        decision,
        f"Chuyển “{unit.name}” từ loại “{version.kind}” sang “{kind}”",
        actor,
    )
    _new_version(version, effective_date, event, kind_id=kind.pk)
    Unit.objects.filter(pk=unit.pk).update(kind=kind)
    _bump(unit)
    _audit(actor, "orgs.unit.reclassify", unit, before, event)
    return unit


def _ranges_q(prefixes: list[str]) -> Q:
    condition = Q()
    for prefix in prefixes:
        low, high = path_range(prefix)
        condition |= Q(path__gte=low, path__lt=high)
    return condition


def _chunks(items: list, size: int = 200):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _reparent(
    roots: list[int], old_base: str, new_base: str, new_parent_id, day: date, event
) -> int:
    """Move the subtrees of ``roots`` (all directly under ``old_base``) to ``new_base``.

    A fixed number of queries per 200 roots, whatever the subtree sizes: alive units get a
    new version from ``day`` with the rewritten path (a version that began on ``day`` is
    rewritten in place: no zero-length versions), the roots get their new parent, and every
    ``Unit.path`` under the roots — ended units living there included — is rewritten.
    """
    delta = path_depth(new_base) - path_depth(old_base)
    cut = len(old_base)
    moved = 0
    for chunk in _chunks(roots):
        in_subtrees = _ranges_q([child_path(old_base, root) for root in chunk])
        open_versions = list(UnitVersion.objects.filter(in_subtrees, valid_to__isnull=True))
        same_day = [v.pk for v in open_versions if v.valid_from == day]
        older = [v for v in open_versions if v.valid_from < day]
        UnitVersion.objects.filter(pk__in=same_day).update(
            path=Concat(Value(new_base), Substr("path", cut + 1)), depth=F("depth") + delta
        )
        UnitVersion.objects.filter(pk__in=same_day, unit_id__in=chunk).update(
            parent_id=new_parent_id
        )
        UnitVersion.objects.filter(pk__in=[v.pk for v in older]).update(valid_to=day)
        UnitVersion.objects.bulk_create(
            [
                UnitVersion(
                    unit_id=v.unit_id,
                    parent_id=new_parent_id if v.unit_id in chunk else v.parent_id,
                    kind_id=v.kind_id,
                    name=v.name,
                    code=v.code,
                    path=new_base + v.path[cut:],
                    depth=v.depth + delta,
                    search_key=v.search_key,
                    sort_key=v.sort_key,
                    valid_from=day,
                    event=event,
                )
                for v in older
            ],
            batch_size=1000,
        )
        Unit.objects.filter(in_subtrees).update(
            path=Concat(Value(new_base), Substr("path", cut + 1)), depth=F("depth") + delta
        )
        Unit.objects.filter(pk__in=chunk).update(parent_id=new_parent_id)
        moved += len(open_versions)
    return moved


def _parent_path(path: str) -> str:
    return path[: path.rstrip(SEPARATOR).rfind(SEPARATOR) + 1]


@transaction.atomic
def move_unit(
    *,
    actor,
    unit: Unit,
    new_parent: Unit,
    effective_date: date,
    decision: Decision = Decision(),
    expected_revision: int | None = None,
) -> Unit:
    unit = _lock(unit, expected_revision)
    version = _open_version(unit)
    if new_parent.pk == version.parent_id:
        raise ValidationError(f"“{unit.name}” đã trực thuộc “{new_parent.name}”.")
    _check_change_date(unit, version, effective_date)
    parent_version = _check_parent_alive(new_parent, effective_date)
    if path_within(parent_version.path, unit.path):
        raise ValidationError(
            f"Không thể chuyển “{unit.name}” vào chính tổ chức trực thuộc nó (“{new_parent.name}”)."
        )
    check_kind_allowed(parent_version.kind, version.kind)
    before = snapshot(unit, AUDITED_FIELDS)
    old_parent_name = unit.parent.name if unit.parent else "(cấp cao nhất)"
    event = _event(
        LineageKind.MOVED,
        unit,
        effective_date,
        decision,
        f"Chuyển “{unit.name}” từ “{old_parent_name}” về trực thuộc “{new_parent.name}”",
        actor,
    )
    _reparent(
        [unit.pk],
        _parent_path(unit.path),
        parent_version.path,
        new_parent.pk,
        effective_date,
        event,
    )
    _bump(unit)
    _audit(actor, "orgs.unit.move", unit, before, event)
    return unit


def _end(unit: Unit, day: date, event: LineageEvent, home: Unit | None) -> None:
    """End ``unit`` on ``day``; it then lives (for scope) under ``home`` or where it was."""
    version = _open_version(unit)
    _check_change_date(unit, version, day)
    alive_children = UnitVersion.objects.filter(parent=unit, valid_to__isnull=True).count()
    if alive_children:
        raise ValidationError(
            f"“{unit.name}” còn {alive_children} tổ chức trực thuộc đang hoạt động; hãy điều "
            "chuyển, sáp nhập hoặc giải thể chúng trước (hoặc trong cùng quyết định)."
        )
    UnitVersion.objects.filter(pk=version.pk).update(valid_to=day)
    Unit.objects.filter(pk=unit.pk).update(ended_on=day, revision=F("revision") + 1)
    if home is not None:
        home.refresh_from_db(fields=["path"])
        unit.refresh_from_db(fields=["path"])
        old_prefix, new_prefix = unit.path, child_path(home.path, unit.pk)
        low, high = path_range(old_prefix)
        delta = path_depth(new_prefix) - path_depth(old_prefix)
        Unit.objects.filter(path__gte=low, path__lt=high).update(
            path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1)),
            depth=F("depth") + delta,
        )


def _move_children(source: Unit, target: Unit, day: date, event: LineageEvent) -> None:
    """Move every alive child of ``source`` (with its subtree) under ``target`` on ``day``."""
    _move_units(
        list(UnitVersion.objects.filter(parent=source, valid_to__isnull=True)),
        source,
        target,
        day,
        event,
    )


def _move_units(child_versions, source: Unit, target: Unit, day: date, event) -> None:
    if not child_versions:
        return
    target_version = _check_parent_alive(target, day)
    checked: set[int] = set()
    for version in child_versions:
        if version.kind_id not in checked:
            check_kind_allowed(target_version.kind, version.kind)
            checked.add(version.kind_id)
        if version.valid_from > day:
            raise ValidationError(
                f"“{version.name}” có thay đổi từ {format_date(version.valid_from)}, sau ngày "
                f"hiệu lực {format_date(day)}; không thể điều chuyển lùi ngày."
            )
    source.refresh_from_db(fields=["path"])
    _reparent(
        [v.unit_id for v in child_versions],
        source.path,
        target_version.path,
        target.pk,
        day,
        event,
    )


@transaction.atomic
def merge_units(
    *,
    actor,
    sources: list[Unit],
    effective_date: date,
    into: Unit | None = None,
    new_name: str = "",
    new_kind: UnitKind | None = None,
    new_parent: Unit | None = None,
    new_code: str = "",
    decision: Decision = Decision(),
) -> Unit:
    """Merge ``sources`` into ``into`` (absorption) or into a new unit (A, B → C).

    The sources' alive children move to the target; the sources end on the date and
    are linked to the target, so their history maps to it.
    """
    if not sources:
        raise ValidationError("Chưa chọn tổ chức nào để hợp nhất.")
    if len({s.pk for s in sources}) != len(sources):
        raise ValidationError("Một tổ chức được chọn hai lần trong danh sách hợp nhất.")
    sources = [_lock(s, None) for s in sources]
    if into is None:
        if new_kind is None:
            raise ValidationError("Hãy chọn loại tổ chức cho đơn vị mới sau hợp nhất.")
        target = create_unit(
            actor=actor,
            name=new_name,
            kind=new_kind,
            parent=new_parent,
            effective_date=effective_date,
            code=new_code,
            decision=decision,
        )
    else:
        target = _lock(into, None)
        if any(s.pk == target.pk for s in sources):
            raise ValidationError("Tổ chức tiếp nhận không được nằm trong danh sách bị hợp nhất.")
        _open_version(target)
    for source in sources:
        if path_within(target.path, source.path):
            raise ValidationError(
                f"Không thể hợp nhất “{source.name}” vào tổ chức trực thuộc chính nó."
            )
    names = ", ".join(s.name for s in sources)
    event = _event(
        LineageKind.MERGED,
        target,
        effective_date,
        decision,
        f"Hợp nhất {names} vào “{target.name}”",
        actor,
    )
    befores = {s.pk: snapshot(s, AUDITED_FIELDS) for s in sources}
    for source in sources:
        _move_children(source, target, effective_date, event)
        _end(source, effective_date, event, home=target)
        LineageLink.objects.create(
            event=event, predecessor=source, successor=target, effective_date=effective_date
        )
    for source in sources:
        _audit(actor, "orgs.unit.merge", source, befores[source.pk], event)
    _bump(target)
    return target


@transaction.atomic
def split_unit(
    *,
    actor,
    unit: Unit,
    parts: list[SplitPart],
    effective_date: date,
    decision: Decision = Decision(),
    keep_source: bool = False,
    expected_revision: int | None = None,
) -> list[Unit]:
    """Split ``unit`` into new units; its children go to the part that lists them.

    With ``keep_source`` the unit continues and the parts are split off from it;
    otherwise every alive child must be assigned and the unit ends on the date.
    """
    unit = _lock(unit, expected_revision)
    version = _open_version(unit)
    _check_change_date(unit, version, effective_date)
    if not parts:
        raise ValidationError("Hãy khai báo ít nhất một tổ chức mới được tách ra.")
    if not keep_source and len(parts) < 2:
        raise ValidationError("Chia tách thành đơn vị mới cần ít nhất hai tổ chức mới.")
    alive_children = set(
        UnitVersion.objects.filter(parent=unit, valid_to__isnull=True).values_list(
            "unit_id", flat=True
        )
    )
    assigned: set[int] = set()
    for part in parts:
        for child in part.children:
            if child.pk not in alive_children:
                raise ValidationError(f"“{child.name}” không trực thuộc “{unit.name}”.")
            if child.pk in assigned:
                raise ValidationError(f"“{child.name}” được phân về hai đơn vị mới.")
            assigned.add(child.pk)
    if not keep_source and alive_children - assigned:
        raise ValidationError(
            f"Còn {len(alive_children - assigned)} tổ chức trực thuộc “{unit.name}” chưa được "
            "phân về đơn vị mới nào."
        )
    before = snapshot(unit, AUDITED_FIELDS)
    created = [
        create_unit(
            actor=actor,
            name=part.name,
            kind=part.kind,
            parent=part.parent if part.parent is not None else unit.parent,
            effective_date=effective_date,
            code=part.code,
            decision=decision,
        )
        for part in parts
    ]
    event = _event(
        LineageKind.SPLIT,
        unit,
        effective_date,
        decision,
        f"Chia tách “{unit.name}” thành " + ", ".join(f"“{u.name}”" for u in created),
        actor,
    )
    for part, new_unit in zip(parts, created, strict=True):
        child_ids = [child.pk for child in part.children]
        _move_units(
            list(UnitVersion.objects.filter(unit_id__in=child_ids, valid_to__isnull=True)),
            unit,
            new_unit,
            effective_date,
            event,
        )
        LineageLink.objects.create(
            event=event, predecessor=unit, successor=new_unit, effective_date=effective_date
        )
    if not keep_source:
        _end(unit, effective_date, event, home=created[0])
    else:
        _bump(unit)
    _audit(actor, "orgs.unit.split", unit, before, event)
    return created


@transaction.atomic
def dissolve_unit(
    *,
    actor,
    unit: Unit,
    effective_date: date,
    decision: Decision = Decision(),
    expected_revision: int | None = None,
) -> Unit:
    """End a unit that has no alive children (move or merge them first)."""
    unit = _lock(unit, expected_revision)
    before = snapshot(unit, AUDITED_FIELDS)
    event = _event(
        LineageKind.DISSOLVED,
        unit,
        effective_date,
        decision,
        f"Kết thúc hoạt động của “{unit.name}”",
        actor,
    )
    _end(unit, effective_date, event, home=None)
    _audit(actor, "orgs.unit.dissolve", unit, before, event)
    return unit
