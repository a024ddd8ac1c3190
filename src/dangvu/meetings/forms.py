"""Forms of the meeting pages. They only read and check input; writes go through services."""

from __future__ import annotations

import re
from datetime import date

from django import forms

from dangvu.orgs.forms import DATE_FORMATS, DateInput
from dangvu.vntext.fields import NFCFormCharField
from dangvu.web.form_fields import Styled

from .models import MeetingKind, Presence, Topic

MONTH_PATTERNS = (
    re.compile(r"^(?P<m>\d{1,2})[/-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$"),
)


def parse_month(text: str) -> date | None:
    text = (text or "").strip()
    for pattern in MONTH_PATTERNS:
        match = pattern.match(text)
        if match and 1 <= int(match["m"]) <= 12 and 1900 <= int(match["y"]) <= 2999:
            return date(int(match["y"]), int(match["m"]), 1)
    return None


class MonthField(forms.CharField):
    """A month typed as mm/yyyy (or yyyy-mm); the value is the first day of the month."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": "mm/yyyy", "inputmode": "numeric"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, date):
            return f"{value.month:02d}/{value.year}"
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        month = parse_month(text)
        if month is None:
            raise forms.ValidationError(f"Tháng “{text}” không đọc được; hãy nhập dạng mm/yyyy.")
        return month


class FilterForm(Styled, forms.Form):
    don_vi = forms.TypedChoiceField(label="Tổ chức", required=False, coerce=int, empty_value=None)
    tu_thang = MonthField(label="Từ tháng", required=False)
    den_thang = MonthField(label="Đến tháng", required=False)
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *MeetingKind.choices]
    )
    chu_de = forms.TypedChoiceField(label="Chủ đề", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tất cả trong phạm vi")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        self.fields["chu_de"].choices = [("", "Tất cả")] + [
            (t.pk, t.name) for t in Topic.objects.filter(active=True)
        ]
        self.style()

    def clean(self):
        data = super().clean()
        first, last = data.get("tu_thang"), data.get("den_thang")
        if first and last and first > last:
            self.add_error("den_thang", "“Đến tháng” trước “Từ tháng”.")
        return data


class PeriodForm(Styled, forms.Form):
    """Unit + period picker of the quality and figures pages (both months required)."""

    don_vi = forms.TypedChoiceField(label="Tổ chức", required=False, coerce=int, empty_value=None)
    tu_thang = MonthField(label="Từ tháng")
    den_thang = MonthField(label="Đến tháng")

    MAX_MONTHS = 36

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tổ chức cao nhất trong phạm vi")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        self.style()

    def clean(self):
        data = super().clean()
        first, last = data.get("tu_thang"), data.get("den_thang")
        if first and last:
            if first > last:
                self.add_error("den_thang", "“Đến tháng” trước “Từ tháng”.")
            elif (last.year - first.year) * 12 + last.month - first.month >= self.MAX_MONTHS:
                self.add_error("den_thang", f"Chọn tối đa {self.MAX_MONTHS} tháng.")
        return data


class CellChoiceForm(Styled, forms.Form):
    chi_bo = forms.TypedChoiceField(label="Chi bộ", coerce=int)

    def __init__(self, *args, cells=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chi_bo"].choices = [(c.pk, c.name) for c in cells]
        self.style()


class MeetingForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="Loại buổi sinh hoạt", choices=MeetingKind.choices)
    date = forms.DateField(label="Ngày sinh hoạt", input_formats=DATE_FORMATS, widget=DateInput())
    month = MonthField(
        label="Tính cho tháng",
        required=False,
        help_text="Để trống: tháng của ngày sinh hoạt. Có thể chọn tháng trước đó.",
    )
    title = NFCFormCharField(label="Tên chuyên đề", required=False, max_length=255)
    topics = forms.ModelMultipleChoiceField(
        label="Chủ đề",
        required=False,
        queryset=Topic.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    chair = forms.TypedChoiceField(label="Chủ trì", required=False, coerce=int, empty_value=None)
    secretary = forms.TypedChoiceField(label="Thư ký", required=False, coerce=int, empty_value=None)
    content = NFCFormCharField(label="Nội dung", required=False, widget=forms.Textarea({"rows": 4}))
    opinions = NFCFormCharField(
        label="Ý kiến thảo luận", required=False, widget=forms.Textarea({"rows": 3})
    )
    conclusion = NFCFormCharField(
        label="Kết luận, nghị quyết", required=False, widget=forms.Textarea({"rows": 3})
    )
    documents_text = NFCFormCharField(
        label="Văn bản được quán triệt, thảo luận",
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text="Số, ký hiệu và trích yếu, mỗi văn bản một dòng.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(m.pk, m.full_name) for m in members]
        self.fields["chair"].choices = choices
        self.fields["secretary"].choices = choices
        self.style()
        self.fields["topics"].widget.attrs["class"] = ""

    def clean(self):
        data = super().clean()
        if data.get("kind") == MeetingKind.THEMATIC and not data.get("title"):
            self.add_error("title", "Sinh hoạt chuyên đề cần tên chuyên đề.")
        return data


class AttendanceForm(forms.Form):
    """The whole cell in one form: a status radio (default có mặt) and a reason per expected
    member, plus a checkbox per assigned upper-level attendee."""

    STATUS_CHOICES = [(int(p), p.label) for p in Presence if p != Presence.EXEMPT]

    def __init__(self, *args, listed=(), assignments=(), initial_rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.listed = list(listed)
        self.assignments = list(assignments)
        initial_rows = initial_rows or {}
        self.fields["revision"] = forms.IntegerField(widget=forms.HiddenInput)
        for entry in self.listed:
            if not entry.expected:
                continue
            pk = entry.member.pk
            row = initial_rows.get(pk)
            self.fields[f"s_{pk}"] = forms.TypedChoiceField(
                label=entry.member.full_name,
                choices=self.STATUS_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                initial=row.status if row else int(Presence.PRESENT),
            )
            self.fields[f"r_{pk}"] = NFCFormCharField(
                label="Lý do",
                required=False,
                max_length=200,
                initial=row.reason if row else "",
                widget=forms.TextInput({"class": "form-control form-control-sm"}),
            )
        for assignment in self.assignments:
            self.fields[f"a_{assignment.pk}"] = forms.BooleanField(
                label=assignment.name, required=False, initial=getattr(assignment, "came", False)
            )

    def rows(self):
        for entry in self.listed:
            pk = entry.member.pk
            yield {
                "entry": entry,
                "status": self[f"s_{pk}"] if entry.expected else None,
                "reason": self[f"r_{pk}"] if entry.expected else None,
            }

    def assignee_fields(self):
        return [(a, self[f"a_{a.pk}"]) for a in self.assignments]

    def entries(self) -> dict[int, tuple[int, str]]:
        return {
            e.member.pk: (
                self.cleaned_data[f"s_{e.member.pk}"],
                self.cleaned_data[f"r_{e.member.pk}"],
            )
            for e in self.listed
            if e.expected
        }

    def assignees(self) -> dict[int, bool]:
        return {a.pk: self.cleaned_data[f"a_{a.pk}"] for a in self.assignments}


class UploadForm(Styled, forms.Form):
    file = forms.FileField(label="Tệp điểm danh (.xlsx)")
    revision = forms.IntegerField(widget=forms.HiddenInput)

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                "Tệp phải là Excel .xlsx (tải mẫu điểm danh của buổi này, điền rồi tải lên)."
            )
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("Tệp lớn quá 2 MB: mẫu điểm danh một chi bộ nhỏ hơn nhiều.")
        return upload


class AssignmentForm(Styled, forms.Form):
    chi_bo = forms.TypedChoiceField(label="Chi bộ", coerce=int)
    username = forms.CharField(
        label="Tài khoản của người được phân công",
        required=False,
        max_length=150,
        help_text="Tên đăng nhập (nếu có).",
    )
    member_id = forms.IntegerField(
        label="Mã đảng viên của người được phân công", required=False, min_value=1
    )
    name = NFCFormCharField(label="Họ và tên", required=False, max_length=180)
    position = NFCFormCharField(label="Chức vụ", required=False, max_length=255)
    start = forms.DateField(label="Từ ngày", input_formats=DATE_FORMATS, widget=DateInput())
    end = forms.DateField(
        label="Đến ngày", required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    decision = NFCFormCharField(label="Căn cứ phân công", required=False, max_length=255)

    def __init__(self, *args, cells=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chi_bo"].choices = [(c.pk, c.name) for c in cells]
        self.style()
