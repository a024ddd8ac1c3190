"""The demo's study and dissemination sessions, January 2024 to today, across the 2025 reform.

Each quarter the province holds a session for its cán bộ chủ chốt and báo cáo viên (counts);
each half-year the districts (until 30/06/2025) and most communes — the old communes before
the reform, the new ones after it — hold one about the province's documents. About half
of the commune sessions keep the đảng viên audience as a list of members drawn from the
registry on the session date (present or not), the rest as counts; attendance is 90–100%.
Written through :func:`dangvu.study.services.bulk_create_sessions` (checked, one audit
entry per batch).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db.models import Q

from dangvu.demo.generator import OLD_COMMUNE_NAME
from dangvu.documents.models import Document, DocumentType
from dangvu.orgs.models import Unit, UnitVersion
from dangvu.orgs.tree_paths import path_range
from dangvu.study.audiences import load_default_audiences
from dangvu.study.models import AudienceKind, SessionForm
from dangvu.study.selectors import eligible_members
from dangvu.study.services import bulk_create_sessions
from dangvu.vntext.formats import format_number

REFORM = date(2025, 7, 1)
MAX_LISTED_ROWS = 12_000  # members listed over all sessions (keeps the demo fast)
FALLBACK_DOCUMENTS = [
    (
        "NQ",
        "05",
        date(2024, 1, 22),
        "Nghị quyết về chuyển đổi số trong hoạt động của hệ thống chính trị tỉnh",
    ),
    ("CT", "12", date(2024, 6, 10), "Chỉ thị về tăng cường công tác phát triển đảng viên"),
    (
        "KH",
        "03",
        date(2025, 8, 5),
        "Kế hoạch học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội Đảng bộ tỉnh",
    ),
]


STUDIED_TYPES = ("NQ", "CT", "KL", "KH", "HD", "CTr", "CTHĐ", "QĐ")


def _documents(province: Unit, say) -> tuple[dict[int, list[Document]], int]:
    """The documents to study, by issuing unit (the province's own, and each unit's own),
    oldest first; when the province has none, 2–3 are registered through the services."""
    low, high = path_range(province.path)
    by_unit: dict[int, list[Document]] = {}
    rows = (
        Document.objects.filter(unit__path__gte=low, unit__path__lt=high)
        .filter(doc_type__code__in=STUDIED_TYPES)
        .select_related("doc_type")
        .order_by("date", "id")
    )
    for document in rows:
        by_unit.setdefault(document.unit_id, []).append(document)
    if by_unit.get(province.pk):
        return by_unit, 0
    from dangvu.documents.services import create_document

    types = {t.code: t for t in DocumentType.objects.all()}
    created = []
    for code, number, day, title in FALLBACK_DOCUMENTS:
        if code not in types or day > date.today():
            continue
        created.append(
            create_document(
                actor=None,
                unit=province,
                agency="TU",
                doc_type=types[code],
                number=number,
                date=day,
                title=title,
            )
        )
    by_unit[province.pk] = created
    say(f"  Đã tạo {len(created)} văn bản của Tỉnh ủy để học tập, quán triệt.")
    return by_unit, len(created)


def _day_in(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _half_years(start: date, end: date):
    """(first day, last day) of each half-year from ``start`` to ``end``, split at the reform."""
    year = start.year
    while date(year, 1, 1) <= end:
        for first, last in (
            (date(year, 1, 1), date(year, 6, 30)),
            (date(year, 7, 1), date(year, 12, 31)),
        ):
            first, last = max(first, start), min(last, end)
            if first <= last:
                yield first, last
        year += 1


def _communes_on(province: Unit, day: date):
    """Commune-level units alive on ``day``: the new communes (kind ``xa``) and, before the
    reform, the old communes (đảng bộ cơ sở directly under a district)."""
    low, high = path_range(province.path)
    return list(
        UnitVersion.objects.valid_on(day)
        .filter(path__gte=low, path__lt=high)
        .filter(
            Q(kind__code="xa")
            | Q(OLD_COMMUNE_NAME, kind__code="dang_bo_co_so", parent__kind__code="huyen")
        )
        .select_related("unit")
        .order_by("path")
    )


def _districts_on(province: Unit, day: date):
    low, high = path_range(province.path)
    return list(
        UnitVersion.objects.valid_on(day)
        .filter(path__gte=low, path__lt=high, kind__code="huyen")
        .select_related("unit")
        .order_by("path")
    )


def _counts(rng: random.Random, kind: AudienceKind, low: int, high: int) -> dict:
    expected = rng.randint(low, high)
    attended = min(expected, round(expected * rng.uniform(0.90, 1.0)))
    return {"kind": kind, "expected": expected, "attended": attended}


def populate(
    *, rng: random.Random, province: Unit, start: date, end: date, say=print
) -> dict[str, int]:
    if not AudienceKind.objects.exists():  # after a PostgreSQL flush
        load_default_audiences(AudienceKind)
    kinds = {k.code: k for k in AudienceKind.objects.all()}
    documents, documents_created = _documents(province, say)
    sessions: list[dict] = []
    listed_rows = 0

    def studied(day: date, unit: Unit | None = None) -> list[Document]:
        """1–2 of the latest documents issued by then: the province's, or the unit's own."""
        own = [d for d in documents.get(unit.pk, []) if d.date <= day][-2:] if unit else []
        known = [d for d in documents.get(province.pk, []) if d.date <= day][-4:] + own
        return rng.sample(known, min(len(known), rng.choice((1, 1, 2))))

    def title(prefix: str, docs: list[Document]) -> str:
        if not docs:
            return (
                f"{prefix} chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
            )
        return f"{prefix} " + "; ".join(f"{d.doc_type.name.lower()} số {d.symbol}" for d in docs)

    # the province: one session a quarter
    quarter = date(start.year, 1 + 3 * ((start.month - 1) // 3), 1)
    while quarter <= end:
        following = date(quarter.year + (quarter.month == 10), (quarter.month + 2) % 12 + 1, 1)
        day = _day_in(rng, max(quarter, start), min(following - timedelta(days=1), end))
        docs = studied(day)
        sessions.append(
            {
                "unit": province,
                "date": day,
                "title": title("Hội nghị học tập, quán triệt, triển khai", docs),
                "form": rng.choice((SessionForm.HYBRID, SessionForm.ONLINE)),
                "place": "Hội trường Tỉnh ủy, kết nối trực tuyến đến các điểm cầu cơ sở",
                "documents": docs,
                "groups": [
                    _counts(rng, kinds["can_bo_chu_chot"], 850, 1000),
                    _counts(rng, kinds["bao_cao_vien"], 60, 120),
                ],
            }
        )
        quarter = following

    halves = list(_half_years(start, end))
    for index, (first, last) in enumerate(halves, start=1):
        budget = MAX_LISTED_ROWS * index // len(halves)  # lists spread over the whole period
        before_reform = last < REFORM
        if before_reform:
            for version in _districts_on(province, last):
                day = _day_in(rng, first, last)
                docs = studied(day, version.unit)
                sessions.append(
                    {
                        "unit": version.unit,
                        "date": day,
                        "title": title("Hội nghị quán triệt", docs),
                        "form": SessionForm.IN_PERSON,
                        "place": f"Hội trường {version.name.replace('Đảng bộ ', 'Huyện ủy ')}",
                        "documents": docs,
                        "groups": [_counts(rng, kinds["can_bo_chu_chot"], 150, 320)],
                    }
                )
        for version in _communes_on(province, last):
            if rng.random() < 0.2:
                continue
            day = _day_in(rng, first, last)
            if version.unit.created_on > day:
                day = version.unit.created_on
            docs = studied(day, version.unit)
            groups = [_counts(rng, kinds["can_bo_chu_chot"], 20, 45)]
            if rng.random() < 0.5 and listed_rows < budget:
                members = list(
                    eligible_members(version.unit, day).order_by().values_list("pk", flat=True)
                )
                rate = rng.uniform(0.90, 1.0)
                entries = [(m, rng.random() < rate) for m in members]
                if entries:
                    groups.append({"kind": kinds["dang_vien"], "by_list": True, "members": entries})
                    listed_rows += len(entries)
            else:
                groups.append(_counts(rng, kinds["dang_vien"], 150, 900))
            sessions.append(
                {
                    "unit": version.unit,
                    "date": day,
                    "title": title("Hội nghị học tập, quán triệt", docs),
                    "form": SessionForm.IN_PERSON,
                    "place": f"Hội trường {version.name.replace('Đảng bộ ', 'Đảng ủy ')}",
                    "documents": docs,
                    "groups": groups,
                }
            )
    created = bulk_create_sessions(actor=None, sessions=sessions, reason="Dữ liệu mô phỏng")
    with_lists = sum(1 for s in sessions if any(g.get("by_list") for g in s["groups"]))
    say(
        f"  Đã tạo {created} hội nghị học tập, quán triệt ({with_lists} có danh sách, "
        f"{format_number(listed_rows)} lượt đảng viên theo danh sách)."
    )
    return {
        "study_sessions": created,
        "study_sessions_with_lists": with_lists,
        "study_listed_attendees": listed_rows,
        "study_documents_created": documents_created,
    }
