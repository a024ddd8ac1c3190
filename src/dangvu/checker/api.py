"""The report checker under /api/checker/: POST a text, get its claims and verdicts (JSON).

Any authenticated caller may use it (it stores nothing). With ``unit`` (id or code, within
the caller's reporting scope: another unit is a 404) and ``period`` (``2025``, ``2025-Q3`` …)
each claim that names an indicator also carries the system's figure in ``system``."""

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from .checking import check_text
from .forms import MAX_CHARS
from .system import BadChoice, OutOfScope, resolve

router = Router(tags=["Kiểm tra số liệu"])


class CheckIn(Schema):
    text: str = Field(
        description="Nội dung báo cáo (văn bản thuần; bảng: các ô cách nhau bằng tab)"
    )
    source: str = ""
    unit: str | int | None = Field(
        None, description="Tổ chức để so sánh với số liệu hệ thống (id hoặc mã)"
    )
    period: str | None = Field(None, description="Kỳ báo cáo: 2025, 2025-Q3, 2025-6T, 2025-T03")


class SystemOut(Schema):
    indicator: str
    category: str
    name: str
    unit: str
    period: str
    value: int | None
    base: int | None
    shown: str
    verdict: str
    verdict_label: str
    explanation: str


class PartOut(Schema):
    role: str
    text: str
    value: str
    start: int
    end: int


class AnchorOut(Schema):
    start: int
    end: int


class ClaimOut(Schema):
    kind: str
    kind_label: str
    start: int
    end: int
    text: str
    anchor: AnchorOut
    stated: str
    parts: list[PartOut]
    computed: str | None
    computed_text: str
    correct: str
    verdict: str
    verdict_label: str
    explanation: str
    suggestion: dict | None
    system: SystemOut | None


class ReportOut(Schema):
    source: str
    text: str
    counts: dict[str, int]
    claims: list[ClaimOut]


@router.post("/", response=ReportOut, url_name="check_report")
def check_report(request, payload: CheckIn):
    """Kiểm tra số liệu của một báo cáo: mỗi số liệu kèm vị trí, các số đã dùng, giá trị tính
    lại, kết luận (consistent / truncated / inconsistent / unchecked) và lời giải thích."""
    if not payload.text.strip():
        raise HttpError(422, "Nội dung báo cáo trống.")
    if len(payload.text) > MAX_CHARS:
        raise HttpError(422, "Báo cáo dài quá 500.000 ký tự; hãy chia nhỏ.")
    try:
        chosen = resolve(request.user, payload.unit, payload.period)
    except OutOfScope as exc:
        raise HttpError(404, str(exc)) from exc
    except BadChoice as exc:
        raise HttpError(422, str(exc)) from exc
    scope = dict(zip(("unit", "period"), chosen, strict=True)) if chosen else {}
    return check_text(payload.text, source=payload.source, user=request.user, **scope).as_dict()
