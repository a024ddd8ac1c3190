"""Forms of the training pages. They only read and check input; writes go through services."""

from __future__ import annotations

import re
from datetime import datetime

from django import forms

from dangvu.vntext.fields import NFCFormCharField, NFCFormTextField
from dangvu.vntext.normalize import clean_text
from dangvu.vntext.sort_keys import split_full_name
from dangvu.web.form_fields import DateRange, Styled, date_field

from .models import ClassForm as ClassFormChoice
from .models import Gender, Grade, Programme, Result

PASTE_EXAMPLE = "Nguyễn Văn An; 12/03/2001; Nam; 001201012345"
_SPLIT = re.compile(r"\t|;|\|")


class ClassFilterForm(DateRange, Styled, forms.Form):
    q = NFCFormCharField(label="Tìm theo tên lớp", required=False, max_length=120)
    chuong_trinh = forms.ModelChoiceField(
        label="Chương trình",
        queryset=Programme.objects.all(),
        required=False,
        empty_label="Tất cả",
    )
    don_vi = forms.TypedChoiceField(label="Tổ chức", required=False, coerce=int, empty_value=None)
    tu_ngay = date_field("Bế giảng từ ngày", required=False)
    den_ngay = date_field("đến ngày", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tất cả trong phạm vi")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        self.style()


class _ChosenUnit:
    """A form's ``unit``: one of the ``units`` it is given (labelled by depth); another one is
    refused with ``unit_refused``."""

    unit_refused = ""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.fields["unit"].choices = [("", "— chọn —")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        self.style()

    def clean_unit(self):
        unit = self.units.get(self.cleaned_data["unit"])
        if unit is None:
            raise forms.ValidationError(self.unit_refused)
        return unit


class TrainingClassForm(_ChosenUnit, Styled, forms.Form):
    programme = forms.ModelChoiceField(
        label="Chương trình", queryset=Programme.objects.filter(active=True)
    )
    unit = forms.TypedChoiceField(label="Đơn vị tổ chức", coerce=int)
    name = NFCFormCharField(label="Tên lớp", max_length=255)
    number = NFCFormCharField(
        label="Số hiệu lớp, khóa", max_length=60, required=False, help_text="Ví dụ: Khóa 12"
    )
    start_date = date_field("Ngày khai giảng")
    end_date = date_field("Ngày bế giảng")
    place = NFCFormCharField(label="Địa điểm", max_length=255, required=False)
    audience = NFCFormCharField(
        label="Đối tượng",
        max_length=255,
        required=False,
        help_text="Ví dụ: Cán bộ diện Ban Thường vụ Tỉnh ủy quản lý",
    )
    form = forms.ChoiceField(label="Hình thức", choices=ClassFormChoice.choices)
    note = NFCFormTextField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    unit_refused = "Bạn không có quyền mở lớp tại đơn vị này."

    def class_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "revision"}


class CandidateForm(_ChosenUnit, Styled, forms.Form):
    full_name = NFCFormCharField(label="Họ và tên", max_length=180)
    birth_date = date_field("Ngày sinh")
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    cccd = forms.CharField(label="Số định danh cá nhân (nếu có)", max_length=20, required=False)
    unit = forms.TypedChoiceField(label="Chi bộ đang bồi dưỡng", coerce=int)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    unit_refused = "Chi bộ không thuộc phạm vi của bạn."

    def identity(self) -> dict:
        ho, ten_dem, ten = split_full_name(self.cleaned_data["full_name"])
        return {
            "ho": ho,
            "ten_dem": ten_dem,
            "ten": ten,
            "birth_date": self.cleaned_data["birth_date"],
            "gender": self.cleaned_data["gender"],
            "cccd": (self.cleaned_data.get("cccd") or "").replace(" ", ""),
            "unit": self.cleaned_data["unit"],
        }


def parse_pasted(text: str) -> tuple[list[dict], list[str]]:
    """Lines "Họ và tên; dd/mm/yyyy; Nam/Nữ; CCCD" (tabs from Excel work too) → identities
    (without unit) and the problems, each naming its line."""
    people, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = clean_text(line.replace("\t", ";"))
        if not line:
            continue
        parts = [clean_text(p) for p in _SPLIT.split(line)]
        if len(parts) < 3:
            problems.append(
                f"Dòng {number}: cần ít nhất họ và tên, ngày sinh, giới tính "
                f"(ví dụ “{PASTE_EXAMPLE}”)."
            )
            continue
        name, born, gender = parts[0], parts[1], parts[2].lower()
        cccd = parts[3].replace(" ", "") if len(parts) > 3 else ""
        birth = None
        for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
            try:
                birth = datetime.strptime(born, fmt).date()
                break
            except ValueError:
                continue
        if birth is None:
            problems.append(f"Dòng {number}: ngày sinh “{born}” không đọc được (dd/mm/yyyy).")
            continue
        gender_code = {"nam": "nam", "nữ": "nu", "nu": "nu"}.get(gender)
        if gender_code is None:
            problems.append(f"Dòng {number}: giới tính “{parts[2]}” phải là Nam hoặc Nữ.")
            continue
        ho, ten_dem, ten = split_full_name(name)
        people.append(
            {
                "ho": ho,
                "ten_dem": ten_dem,
                "ten": ten,
                "birth_date": birth,
                "gender": gender_code,
                "cccd": cccd,
            }
        )
    return people, problems


class EnrolForm(Styled, forms.Form):
    members = forms.TypedMultipleChoiceField(
        label="Đảng viên", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    candidates = forms.TypedMultipleChoiceField(
        label="Quần chúng đã có trong danh sách",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pasted = NFCFormTextField(
        label="Dán danh sách quần chúng mới (mỗi dòng một người)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": PASTE_EXAMPLE}),
        help_text="Họ và tên; ngày sinh; giới tính; số định danh (nếu có) — dán từ Excel được.",
    )
    candidate_unit = forms.TypedChoiceField(
        label="Chi bộ bồi dưỡng các quần chúng mới", coerce=int, required=False, empty_value=None
    )
    outside_reason = NFCFormCharField(
        label="Lý do nhận học viên ngoài phạm vi đơn vị tổ chức (nếu có)",
        max_length=255,
        required=False,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, members=(), candidates=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [
            (m.pk, f"{m.full_name} ({m.birth_date:%d/%m/%Y}) — {m.unit.name if m.unit else ''}")
            for m in members
        ]
        self.fields["candidates"].choices = [
            (c.pk, f"{c.full_name} ({c.birth_date:%d/%m/%Y}) — {c.unit.name}") for c in candidates
        ]
        self.units = {u.pk: u for u in units}
        self.fields["candidate_unit"].choices = [("", "— chọn —")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        self.style()
        for name in ("members", "candidates"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        people, problems = parse_pasted(data.get("pasted") or "")
        for problem in problems:
            self.add_error("pasted", problem)
        if people:
            unit = self.units.get(data.get("candidate_unit"))
            if unit is None:
                self.add_error(
                    "candidate_unit", "Hãy chọn chi bộ đang bồi dưỡng các quần chúng mới."
                )
            for person in people:
                person["unit"] = unit
        data["new_candidates"] = people
        return data


class ResultsForm(forms.Form):
    """One row of fields per trainee: result, grade, certificate number and date, note."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = list(enrolments)
        small = {"class": "form-control form-control-sm"}
        select = {"class": "form-select form-select-sm"}
        for e in self.enrolments:
            p = f"r{e.pk}_"
            self.fields[p + "result"] = forms.ChoiceField(
                choices=Result.choices,
                required=False,
                initial=e.result,
                widget=forms.Select(attrs=select),
            )
            self.fields[p + "grade"] = forms.ChoiceField(
                choices=Grade.choices,
                required=False,
                initial=e.grade,
                widget=forms.Select(attrs=select),
            )
            self.fields[p + "number"] = NFCFormCharField(
                max_length=60,
                required=False,
                initial=e.certificate_number,
                widget=forms.TextInput(attrs=small),
            )
            self.fields[p + "date"] = date_field(
                "Ngày cấp", required=False, initial=e.certificate_date
            )
            self.fields[p + "date"].widget.attrs.update(small)
            self.fields[p + "note"] = NFCFormCharField(
                max_length=255,
                required=False,
                initial=e.note,
                widget=forms.TextInput(attrs=small),
            )

    def rows(self):
        """(enrolment, bound fields) for the template."""
        for e in self.enrolments:
            p = f"r{e.pk}_"
            yield e, [self[p + k] for k in ("result", "grade", "number", "date", "note")]

    def results(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "enrolment": e.pk,
                "result": data.get(f"r{e.pk}_result") or "",
                "grade": data.get(f"r{e.pk}_grade") or "",
                "certificate_number": data.get(f"r{e.pk}_number") or "",
                "certificate_date": data.get(f"r{e.pk}_date"),
                "note": data.get(f"r{e.pk}_note") or "",
            }
            for e in self.enrolments
        ]


class FiguresForm(DateRange, Styled, forms.Form):
    don_vi = forms.TypedChoiceField(label="Tổ chức", coerce=int, required=False, empty_value=None)
    tu_ngay = date_field("Từ ngày", required=False)
    den_ngay = date_field("Đến ngày", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [(u.pk, getattr(u, "label", u.name)) for u in units]
        self.style()


class WorklistForm(Styled, forms.Form):
    so_ngay = forms.IntegerField(
        label="Hết hạn trong (ngày)", min_value=0, max_value=3650, required=False, initial=90
    )
