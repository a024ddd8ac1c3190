"""Forms of the rating pages. They only read and check input; writes go through services."""

from __future__ import annotations

from django import forms

from dangvu.vntext.fields import NFCFormCharField
from dangvu.web.form_fields import Styled, date_field

from .models import Level, SubjectKind
from .selectors import STATES

LEVEL_CHOICES = [("", "Theo điểm"), *list(Level.choices)]
QUARTERS = [(0, "Cả năm"), (1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")]


def _units_field(units, label="Tổ chức", empty="Tất cả trong phạm vi"):
    field = forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None)
    field.choices = [("", empty)] + [(u.pk, getattr(u, "label", u.name)) for u in units]
    return field


class RoundFilterForm(Styled, forms.Form):
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2999)
    doi_tuong = forms.ChoiceField(
        label="Đối tượng", required=False, choices=[("", "Tất cả"), *SubjectKind.choices]
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"don_vi": _units_field(units), **self.fields}
        self.style()


class RatingFilterForm(Styled, forms.Form):
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2999)
    quy = forms.TypedChoiceField(
        label="Kỳ",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Tất cả"), *QUARTERS],
    )
    doi_tuong = forms.ChoiceField(
        label="Đối tượng", required=False, choices=[("", "Tất cả"), *SubjectKind.choices]
    )
    muc = forms.ChoiceField(
        label="Xếp loại",
        required=False,
        choices=[
            ("", "Tất cả"),
            ("tot_tro_len", "Hoàn thành tốt nhiệm vụ trở lên"),
            *Level.choices,
        ],
    )
    dot = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"don_vi": _units_field(units), **self.fields}
        self.style()


class CommitmentFilterForm(Styled, forms.Form):
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Tất cả"), *STATES]
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"don_vi": _units_field(units), **self.fields}
        self.style()


class FiguresForm(Styled, forms.Form):
    nam = forms.IntegerField(label="Năm", min_value=2000, max_value=2999)
    quy = forms.TypedChoiceField(
        label="Kỳ", required=False, coerce=int, empty_value=0, choices=QUARTERS
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "don_vi": _units_field(units, empty="Tổ chức cao nhất trong phạm vi"),
            **self.fields,
        }
        self.style()


class RoundForm(Styled, forms.Form):
    subject_kind = forms.ChoiceField(label="Đối tượng", choices=SubjectKind.choices)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2999)
    quarter = forms.TypedChoiceField(label="Kỳ", coerce=int, choices=QUARTERS, initial=0)
    date = date_field("Ngày đánh giá", help_text="Danh sách đảng viên, tổ chức lấy theo ngày này.")
    title = NFCFormCharField(label="Tên đợt", required=False, max_length=255)
    note = NFCFormCharField(label="Ghi chú", required=False, widget=forms.Textarea({"rows": 2}))
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields = {
                "unit": forms.TypedChoiceField(
                    label="Tổ chức thực hiện",
                    coerce=int,
                    choices=[(u.pk, getattr(u, "label", u.name)) for u in units],
                ),
                **self.fields,
            }
        if editing:
            for name in ("subject_kind", "year", "quarter"):
                del self.fields[name]
        self.style()


class ScoreField(forms.CharField):
    """A score typed the Vietnamese way (85,5) or with a dot; the service checks the range."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                {"class": "form-control form-control-sm", "inputmode": "decimal", "size": 5}
            ),
        )
        super().__init__(max_length=6, **kwargs)


class CellRatingForm(forms.Form):
    """The whole cell in one form: score, level (empty: from the score) and note per member
    rated on the round date; a hidden revision per row for the stale-edit check."""

    def __init__(self, *args, members=(), stored=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        stored = stored or {}
        for member in self.members:
            pk = member.pk
            row = stored.get(pk)
            self.fields[f"diem_{pk}"] = ScoreField(
                label=f"Điểm của {member.full_name}",
                required=False,
                initial=str(row.score).replace(".", ",") if row else "",
            )
            self.fields[f"muc_{pk}"] = forms.ChoiceField(
                label="Xếp loại",
                required=False,
                choices=LEVEL_CHOICES,
                initial=row.level if row else "",
                widget=forms.Select({"class": "form-select form-select-sm"}),
            )
            self.fields[f"ghi_chu_{pk}"] = NFCFormCharField(
                label="Nhận xét",
                required=False,
                max_length=500,
                initial=row.note if row else "",
                widget=forms.TextInput({"class": "form-control form-control-sm"}),
            )
            self.fields[f"rev_{pk}"] = forms.IntegerField(
                required=False, widget=forms.HiddenInput, initial=row.revision if row else None
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"diem_{m.pk}") for m in self.members):
            raise forms.ValidationError("Chưa nhập điểm của đảng viên nào.")
        return data

    def rows(self):
        """Each member's fields, with the service's refusals that name the member."""
        refused = list(self.non_field_errors())
        for member in self.members:
            pk = member.pk
            prefix = f"{member.full_name}: "
            yield {
                "errors": [e[len(prefix) :] for e in refused if e.startswith(prefix)],
                "member": member,
                "score": self[f"diem_{pk}"],
                "level": self[f"muc_{pk}"],
                "note": self[f"ghi_chu_{pk}"],
                "revision": self[f"rev_{pk}"],
            }

    def filled(self) -> list[dict]:
        """The rows with a score (an empty row is left as it was)."""
        out = []
        for member in self.members:
            pk = member.pk
            if not self.cleaned_data.get(f"diem_{pk}"):
                continue
            out.append(
                {
                    "member_id": pk,
                    "score": self.cleaned_data[f"diem_{pk}"],
                    "level": self.cleaned_data[f"muc_{pk}"],
                    "note": self.cleaned_data[f"ghi_chu_{pk}"],
                    "revision": self.cleaned_data[f"rev_{pk}"],
                }
            )
        return out


class UnitRatingForm(Styled, forms.Form):
    unit = forms.TypedChoiceField(label="Tổ chức được xếp loại", coerce=int)
    score = ScoreField(label="Điểm")
    level = forms.ChoiceField(label="Xếp loại", required=False, choices=LEVEL_CHOICES)
    note = NFCFormCharField(label="Nhận xét", required=False, widget=forms.Textarea({"rows": 2}))
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.style()


class RatingEditForm(Styled, forms.Form):
    score = ScoreField(label="Điểm")
    level = forms.ChoiceField(label="Xếp loại", required=False, choices=LEVEL_CHOICES)
    note = NFCFormCharField(label="Nhận xét", required=False, widget=forms.Textarea({"rows": 2}))
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class CommitmentForm(Styled, forms.Form):
    shortcoming = NFCFormCharField(
        label="Hạn chế, khuyết điểm", widget=forms.Textarea({"rows": 2}), max_length=4000
    )
    action = NFCFormCharField(
        label="Biện pháp khắc phục", widget=forms.Textarea({"rows": 2}), max_length=4000
    )
    due = date_field("Hạn hoàn thành")
    done_on = date_field("Ngày hoàn thành", required=False)
    result = NFCFormCharField(
        label="Kết quả khắc phục", required=False, widget=forms.Textarea({"rows": 2})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, members=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        extra = {}
        if units is not None:
            extra["unit"] = forms.TypedChoiceField(
                label="Tổ chức", coerce=int, choices=[(u.pk, u.name) for u in units]
            )
        if members is not None:
            extra["member"] = forms.TypedChoiceField(
                label="Đảng viên (để trống: cả tập thể)",
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "Cả tập thể")] + [(m.pk, m.full_name) for m in members],
            )
        self.fields = {**extra, **self.fields}
        if not editing:
            del self.fields["done_on"]
            del self.fields["result"]
        self.style()
