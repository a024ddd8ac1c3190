"""XLSX export of a session list: one row per audience of each session, bounded memory."""

from __future__ import annotations

from django.conf import settings

from dangvu.jobs.xlsx import Column, write_xlsx
from dangvu.vntext.formats import Ratio

from .models import AudienceGroup, StudySession

COLUMNS = [
    Column("Ngày", 12, "date"),
    Column("Đến ngày", 12, "date"),
    Column("Tổ chức đảng tổ chức", 32),
    Column("Tên hội nghị", 50),
    Column("Hình thức", 14),
    Column("Địa điểm", 24),
    Column("Văn bản học tập, quán triệt", 40),
    Column("Đối tượng", 24),
    Column("Cách ghi", 14),
    Column("Số được triệu tập", 12, "int"),
    Column("Số tham gia", 12, "int"),
    Column("Tỷ lệ tham gia (%)", 12, "decimal", "0.0"),
]
CHUNK = 500


def _rows(sessions, progress=None):
    ids = list(sessions.values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        by_id = {
            s.pk: s
            for s in StudySession.objects.filter(pk__in=chunk)
            .select_related("unit")
            .prefetch_related("documents__doc_type")
        }
        groups: dict[int, list[AudienceGroup]] = {}
        for group in (
            AudienceGroup.objects.filter(session_id__in=chunk)
            .select_related("kind")
            .order_by("kind__sort_order", "id")
        ):
            groups.setdefault(group.session_id, []).append(group)
        for session_id in chunk:
            session = by_id[session_id]
            documents = "; ".join(d.symbol for d in session.documents.all())
            for group in groups.get(session_id, []):
                yield [
                    session.date,
                    session.end_date,
                    session.unit.name,
                    session.title,
                    session.get_form_display(),
                    session.place,
                    documents,
                    group.kind.name,
                    "Danh sách" if group.by_list else "Số lượng",
                    group.expected,
                    group.attended,
                    Ratio(group.attended, group.expected).percent(),
                ]
        done += len(chunk)
        if progress is not None:
            progress(done, len(ids))


def write_sessions(sessions, target, *, title: str = "", progress=None) -> int:
    lines = [title or "DANH SÁCH HỘI NGHỊ HỌC TẬP, QUÁN TRIỆT"]
    if settings.DEV_DEFAULTS:
        lines.append("DỮ LIỆU MÔ PHỎNG")
    return write_xlsx(
        target,
        sheet_title="Hội nghị",
        columns=COLUMNS,
        rows=_rows(sessions, progress),
        title_lines=lines,
    )
