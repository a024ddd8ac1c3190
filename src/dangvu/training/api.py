"""Đào tạo, bồi dưỡng under /api/training/: same scopes (404 outside) and selectors as the pages."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from dangvu.accounts import permissions
from dangvu.accounts.scopes import today
from dangvu.api_writes import Problem
from dangvu.orgs.models import Unit
from dangvu.vntext.schema_types import NFCStr

from . import selectors
from .models import Programme, TrainingClass

router = Router(tags=["Đào tạo, bồi dưỡng"])


class ClassOut(Schema):
    id: int
    programme_id: int
    programme_code: str
    programme_name: str
    unit_id: int
    unit_name: str
    name: str
    number: str
    start_date: date
    end_date: date
    place: str
    audience: str
    form: str
    revision: int
    trainees: int

    @staticmethod
    def resolve_programme_code(obj) -> str:
        return obj["programme_code"] if isinstance(obj, dict) else obj.programme.code

    @staticmethod
    def resolve_programme_name(obj) -> str:
        return obj["programme_name"] if isinstance(obj, dict) else obj.programme.name

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj["unit_name"] if isinstance(obj, dict) else obj.unit.name


class EnrolmentOut(Schema):
    id: int
    kind: str  # "dang_vien" | "quan_chung"
    member_id: int | None
    candidate_id: int | None
    full_name: str
    birth_date: date
    unit_name: str
    outside_reason: str
    result: str
    grade: str
    certificate_number: str
    certificate_date: date | None
    valid_until: date | None


class ClassDetailOut(ClassOut):
    note: str
    enrolments: list[EnrolmentOut]


class FigureRow(Schema):
    label: str
    unit_id: int | None = None
    programme_id: int | None = None
    classes: int
    trainees: int
    completed: int


class FiguresOut(Schema):
    """Classes that ended in the period, organised in the unit's subtree on ``date_to``
    (units that had ended count at their successors); trainees are enrolments (lượt)."""

    unit_id: int
    date_from: date
    date_to: date
    classes: int
    trainees: int
    completed: int
    via_successor: bool
    programmes: list[FigureRow]
    units: list[FigureRow]


def _enrolment(e) -> dict:
    person = e.person
    return {
        "id": e.pk,
        "kind": "quan_chung" if e.is_candidate else "dang_vien",
        "member_id": e.member_id,
        "candidate_id": e.candidate_id,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "unit_name": person.unit.name if person.unit_id else "",
        "outside_reason": e.outside_reason,
        "result": e.result,
        "grade": e.grade,
        "certificate_number": e.certificate_number,
        "certificate_date": e.certificate_date,
        "valid_until": e.valid_until,
    }


def _root(request, unit_id: int | None):
    if unit_id is None:
        return None
    return get_object_or_404(Unit.objects.visible_to(request.user, permissions.READ), pk=unit_id)


@router.get("classes", response=list[ClassOut], summary="Danh sách lớp (lọc, mới nhất trước)")
@paginate(LimitOffsetPagination)
def training_class_list(
    request,
    programme: str = "",
    unit: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    q: NFCStr = "",
):
    """``date_from`` / ``date_to`` bound the day the class ended; ``unit`` is a subtree on
    the tree of ``date_to`` (default today). ``programme`` is a programme code."""
    chosen = get_object_or_404(Programme, code=programme) if programme else None
    try:
        return selectors.class_list(
            request.user,
            programme=chosen,
            unit=_root(request, unit),
            date_from=date_from,
            date_to=date_to,
            q=q,
        )
    except selectors.UnitNotOnTree:
        raise Http404 from None


@router.get("classes/{class_id}", response=ClassDetailOut, summary="Một lớp và danh sách học viên")
def training_class_detail(request, class_id: int):
    training_class = get_object_or_404(
        TrainingClass.objects.visible_to(request.user).select_related("programme", "unit"),
        pk=class_id,
    )
    enrolments = [_enrolment(e) for e in selectors.class_enrolments(training_class)]
    training_class.trainees = len(enrolments)
    data = ClassOut.model_validate(training_class).model_dump()
    return {**data, "note": training_class.note, "enrolments": enrolments}


@router.get(
    "figures",
    response={200: FiguresOut, 422: Problem},
    summary="Số lớp và học viên theo chương trình, theo tổ chức trực thuộc, trong một kỳ",
)
def training_figures(
    request, unit: int, date_from: date | None = None, date_to: date | None = None
):
    root = _root(request, unit)
    end = date_to or today()
    start = date_from or date(end.year, 1, 1)
    if end < start:
        return Status(422, {"detail": "date_to phải sau date_from."})
    try:
        result = selectors.figures(request.user, unit=root, date_from=start, date_to=end)
    except selectors.UnitNotOnTree:
        return Status(
            422,
            {
                "detail": f"{root.name} không có trên cây tổ chức ngày {end:%d/%m/%Y}; hãy "
                "chọn tổ chức kế thừa hoặc kỳ khác."
            },
        )

    def row(r):
        return {
            "label": r.label,
            "unit_id": r.unit.pk if r.unit else None,
            "programme_id": r.programme.pk if r.programme else None,
            "classes": r.classes,
            "trainees": r.trainees,
            "completed": r.completed,
        }

    return {
        "unit_id": root.pk,
        "date_from": start,
        "date_to": end,
        "classes": result.total.classes,
        "trainees": result.total.trainees,
        "completed": result.total.completed,
        "via_successor": result.via_successor,
        "programmes": [row(r) for r in result.programmes],
        "units": [row(r) for r in result.units],
    }
