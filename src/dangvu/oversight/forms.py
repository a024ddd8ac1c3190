"""Forms of the oversight pages. They only read and check input; writes go through services
(which give the Vietnamese reasons for the rules: allowed forms, dates, subjects)."""

from __future__ import annotations

from django import forms

from dangvu.accounts.scopes import today
from dangvu.vntext.fields import NFCFormCharField
from dangvu.web.form_fields import DateRange, Styled, date_field

from .models import Activity, CaseKind, Form, SubjectKind, ViolationCategory


def _unit_field(label: str, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, coerce=int, required=required, empty_value=None)


def _text(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _unit_choices(units, empty: str | None = None) -> list:
    choices = [("", empty)] if empty is not None else []
    return choices + [(u.pk, getattr(u, "label", u.name)) for u in units]


SUBJECT_CHOICES = [(SubjectKind.UNIT.value, "Tổ chức đảng"), ("dang_vien", "Đảng viên")]


class SubjectFields(forms.Form):
    """A subject: a unit (chosen) or a member (by registry number)."""

    subject_type = forms.ChoiceField(
        label="Đối tượng", choices=SUBJECT_CHOICES, widget=forms.RadioSelect
    )
    subject_unit = _unit_field("Tổ chức đảng là đối tượng", required=False)
    subject_member = forms.IntegerField(
        label="Mã đảng viên là đối tượng",
        required=False,
        min_value=1,
        help_text="Mã số hồ sơ đảng viên (xem ở trang hồ sơ đảng viên).",
    )

    def clean(self):
        data = super().clean()
        if data.get("subject_type") == SubjectKind.UNIT and not data.get("subject_unit"):
            self.add_error("subject_unit", "Hãy chọn tổ chức đảng là đối tượng.")
        if data.get("subject_type") == "dang_vien" and not data.get("subject_member"):
            self.add_error("subject_member", "Hãy nhập mã đảng viên là đối tượng.")
        return data


class RevisionField(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


# ---------------------------------------------------------------- filters


class CaseFilterForm(DateRange, Styled, forms.Form):
    don_vi = _unit_field("Tổ chức", required=False)
    tu_ngay = date_field("Từ ngày", required=False)
    den_ngay = date_field("Đến ngày", required=False)
    hoat_dong = forms.ChoiceField(
        label="Hoạt động", required=False, choices=[("", "Tất cả"), *Activity.choices]
    )
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *CaseKind.choices]
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = _unit_choices(units, "Tất cả trong phạm vi")
        self.style()


class DecisionFilterForm(CaseFilterForm):
    hoat_dong = None
    loai = None
    doi_tuong = forms.ChoiceField(
        label="Đối tượng", required=False, choices=[("", "Tất cả"), *SUBJECT_CHOICES]
    )
    hinh_thuc = forms.ChoiceField(
        label="Hình thức", required=False, choices=[("", "Tất cả"), *Form.choices]
    )


class PlanFilterForm(Styled, forms.Form):
    don_vi = _unit_field("Tổ chức", required=False)
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = _unit_choices(units, "Tất cả trong phạm vi")
        self.style()


class FiguresForm(Styled, forms.Form):
    don_vi = _unit_field("Tổ chức", required=False)
    nam = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    quy = forms.TypedChoiceField(
        label="Kỳ",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Cả năm"), (1, "Quý 1"), (2, "Quý 2"), (3, "Quý 3"), (4, "Quý 4")],
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = _unit_choices(units, "Tổ chức cao nhất trong phạm vi")
        self.style()


# ---------------------------------------------------------------- plans


class PlanForm(Styled, RevisionField):
    unit = _unit_field("Đơn vị ban hành")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = NFCFormCharField(label="Tên kế hoạch", max_length=255)
    number = NFCFormCharField(label="Số kế hoạch", max_length=60, required=False)
    note = _text("Ghi chú")

    def __init__(self, *args, units=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _unit_choices(units)
        if editing:  # the issuing unit and the year stay
            del self.fields["unit"]
            del self.fields["year"]
        self.style()


class PlanItemForm(Styled, RevisionField):
    activity = forms.ChoiceField(label="Hoạt động", choices=Activity.choices)
    kind = forms.ChoiceField(label="Loại", choices=CaseKind.choices)
    content = NFCFormCharField(label="Nội dung", max_length=500)
    subject_unit = _unit_field("Tổ chức được kiểm tra, giám sát", required=False)
    subject_text = NFCFormCharField(
        label="Đối tượng (mô tả)",
        max_length=255,
        required=False,
        help_text="Ví dụ: bí thư các chi bộ thôn; đảng viên là cán bộ chủ chốt.",
    )
    month = forms.IntegerField(label="Tháng dự kiến", required=False, min_value=1, max_value=12)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_unit"].choices = _unit_choices(units, "(không chọn)")
        self.style()


# ---------------------------------------------------------------- cases


class CaseForm(Styled, SubjectFields, RevisionField):
    unit = _unit_field("Chủ thể tiến hành")
    activity = forms.ChoiceField(label="Hoạt động", choices=Activity.choices)
    kind = forms.ChoiceField(label="Loại", choices=CaseKind.choices)
    plan_item = forms.TypedChoiceField(
        label="Theo nội dung kế hoạch", required=False, coerce=int, empty_value=None
    )
    title = NFCFormCharField(label="Nội dung", max_length=500)
    start_date = date_field("Ngày bắt đầu")
    end_date = date_field("Ngày kết thúc", required=False)
    findings = _text("Kết quả, phát hiện")
    conclusion = _text("Kết luận")
    follow_up = _text("Kiến nghị, theo dõi sau kiểm tra, giám sát")

    def __init__(self, *args, units=(), subjects=(), items=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _unit_choices(units)
        self.fields["subject_unit"].choices = _unit_choices(subjects, "(chọn tổ chức)")
        self.fields["plan_item"].choices = [("", "(ngoài kế hoạch)")] + [
            (i.pk, f"{i.plan.year} — {i.plan.unit.name}: {i.content}") for i in items
        ]
        if editing:  # the conducting body and the subject stay
            for name in ("unit", "subject_type", "subject_unit", "subject_member"):
                del self.fields[name]
        self.style()

    def clean(self):
        if "subject_type" not in self.fields:
            return forms.Form.clean(self)
        return super().clean()


# ---------------------------------------------------------------- decisions


class DecisionForm(Styled, SubjectFields, RevisionField):
    unit = _unit_field("Cấp quyết định")
    number = NFCFormCharField(label="Số quyết định", max_length=60, help_text="Ví dụ: 12-QĐ/UBKT")
    date = date_field("Ngày quyết định")
    violation = forms.ModelChoiceField(
        label="Nhóm vi phạm", queryset=ViolationCategory.objects.filter(active=True)
    )
    form = forms.ChoiceField(
        label="Hình thức kỷ luật",
        choices=Form.choices,
        help_text="Tổ chức đảng: khiển trách, cảnh cáo, giải tán. Đảng viên chính thức: khiển "
        "trách, cảnh cáo, cách chức, khai trừ. Đảng viên dự bị: khiển trách, cảnh cáo. Khai trừ "
        "ghi luôn việc ra khỏi Đảng vào hồ sơ; giải tán kết thúc hoạt động của tổ chức.",
    )
    text = _text("Nội dung quyết định")
    case = forms.IntegerField(label="Mã cuộc kiểm tra liên quan", required=False, min_value=1)

    def __init__(self, *args, units=(), subjects=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _unit_choices(units)
        self.fields["subject_unit"].choices = _unit_choices(subjects, "(chọn tổ chức)")
        self.fields["date"].initial = today()
        if editing:
            for name in ("unit", "subject_type", "subject_unit", "subject_member"):
                del self.fields[name]
        self.style()

    def clean(self):
        if "subject_type" not in self.fields:
            return forms.Form.clean(self)
        return super().clean()
