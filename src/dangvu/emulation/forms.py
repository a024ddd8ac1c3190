"""Forms of the emulation pages. They only read and check input; writes go through services."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from dangvu.vntext.fields import NFCFormCharField, NFCFormTextField
from dangvu.web.form_fields import Styled, date_field

from .models import DvkState, ExampleKind, Field, Movement, RecognitionKind, Result, Target

WHO = [("", "Tất cả"), ("tap_the", "Tập thể"), ("ca_nhan", "Cá nhân")]


def _label(unit) -> str:
    label = "· " * max(unit.depth - 1, 0) + unit.name
    return label + (f" (đến {unit.ended_on:%d/%m/%Y})" if unit.ended_on else "")


def _year(label="Năm", required=False):
    return forms.IntegerField(label=label, required=required, min_value=2000, max_value=2100)


class UnitChoices(Styled, forms.Form):
    """A form whose ``don_vi``/``unit`` choices are the given units."""

    unit_fields = ("don_vi",)
    blank_unit = "Tất cả trong phạm vi"

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.unit_fields:
            if name in self.fields:
                blank = [("", self.blank_unit)] if not self.fields[name].required else []
                self.fields[name].choices = blank + [(u.pk, _label(u)) for u in units]
        self.style()


def _unit_field(label="Tổ chức", required=False):
    return forms.TypedChoiceField(label=label, required=required, coerce=int, empty_value=None)


# ---------------------------------------------------------------- filters


class PledgeFilter(UnitChoices):
    don_vi = _unit_field()
    nam = _year()
    doi_tuong = forms.ChoiceField(
        label="Danh hiệu", required=False, choices=[("", "Tất cả"), *Target.choices]
    )
    ket_qua = forms.ChoiceField(
        label="Kết quả",
        required=False,
        choices=[("", "Tất cả"), *Result.choices, ("chua", "Chưa đánh giá")],
    )


class RegistrationFilter(UnitChoices):
    don_vi = _unit_field()
    nam = _year()
    doi_tuong = forms.ChoiceField(label="Tập thể / cá nhân", required=False, choices=WHO)
    q = NFCFormCharField(label="Tên đảng viên", required=False, max_length=100)


class ExampleFilter(UnitChoices):
    don_vi = _unit_field()
    nam = _year()
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *ExampleKind.choices]
    )
    doi_tuong = forms.ChoiceField(label="Tập thể / cá nhân", required=False, choices=WHO)
    phong_trao = forms.ChoiceField(
        label="Phong trào",
        required=False,
        choices=[
            ("", "Tất cả"),
            ("lam_theo", "Học tập và làm theo"),
            ("dan_van_kheo", "Dân vận khéo"),
        ],
    )
    trang_thai = forms.ChoiceField(
        label="Bước (Dân vận khéo)",
        required=False,
        choices=[("", "Tất cả"), *DvkState.choices, ("da_danh_gia_tro_len", "Đã đánh giá trở lên")],
    )
    q = NFCFormCharField(label="Tên mô hình", required=False, max_length=100)


class RecognitionFilter(UnitChoices):
    don_vi = _unit_field()
    nam = _year()
    loai = forms.ModelChoiceField(
        label="Hình thức",
        required=False,
        queryset=RecognitionKind.objects.all(),
        empty_label="Tất cả",
    )


class FiguresForm(UnitChoices):
    blank_unit = "—"
    don_vi = _unit_field(required=True)
    nam = _year(required=True)


# ---------------------------------------------------------------- records


class RevisionMixin(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CriteriaSetForm(RevisionMixin, UnitChoices):
    unit_fields = ("province",)
    province = _unit_field("Đảng bộ tỉnh ban hành", required=True)
    year = _year(required=True)
    target = forms.ChoiceField(label="Đối tượng", choices=Target.choices)
    title = NFCFormCharField(label="Tên bộ tiêu chí", max_length=300)
    decision_ref = NFCFormCharField(label="Văn bản ban hành", required=False, max_length=120)
    pass_score = forms.DecimalField(label="Điểm tối thiểu để đạt", required=False, min_value=0)
    criteria = NFCFormTextField(
        label="Tiêu chí",
        help_text="Mỗi tiêu chí một dòng: mã | nội dung | điểm tối đa | x nếu bắt buộc đạt. "
        "Ví dụ: 1 | Chính trị tư tưởng tốt | 25 | x",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_criteria(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            parts += [""] * (4 - len(parts))
            weight = None
            if parts[2]:
                try:
                    weight = Decimal(parts[2].replace(",", "."))
                except InvalidOperation:
                    raise forms.ValidationError(
                        f"Dòng {number}: điểm “{parts[2]}” không phải là số."
                    ) from None
            rows.append(
                {
                    "code": parts[0],
                    "text": parts[1],
                    "weight": weight,
                    "required": parts[3].lower() in ("x", "có", "bắt buộc"),
                }
            )
        return rows


def criteria_text(criteria_set) -> str:
    return "\n".join(
        " | ".join(
            [
                c.code,
                c.text,
                "" if c.weight is None else f"{c.weight.normalize():f}",
                "x" if c.required else "",
            ]
        ).rstrip(" |")
        for c in criteria_set.criteria.all()
    )


class PledgeForm(RevisionMixin, UnitChoices):
    unit_fields = ("unit",)
    unit = _unit_field("Chi bộ / đảng bộ cơ sở", required=True)
    year = _year(required=True)
    pledged_on = date_field("Ngày đăng ký")
    note = NFCFormTextField(
        label="Nội dung đăng ký", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("unit", "year"):
                self.fields[name].disabled = True


class EvaluationForm(RevisionMixin, UnitChoices):
    unit_fields = ("decided_by",)
    decided_by = _unit_field("Cấp ủy cấp trên quyết định", required=True)
    decided_on = date_field("Ngày quyết định")
    decision_ref = NFCFormCharField(
        label="Số quyết định, thông báo", required=False, max_length=120
    )
    result = forms.ChoiceField(label="Kết quả", choices=Result.choices)
    comment = NFCFormTextField(
        label="Nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"tc_{c.pk}"] = forms.BooleanField(
                label=f"{c.code}. {c.text}" + (" (bắt buộc)" if c.required else ""),
                required=False,
            )
        self.style()

    def results(self) -> dict:
        return {c.pk: bool(self.cleaned_data.get(f"tc_{c.pk}")) for c in self.criteria}

    def criterion_fields(self):
        return [self[f"tc_{c.pk}"] for c in self.criteria]


class RegistrationForm(RevisionMixin, UnitChoices):
    unit_fields = ("unit",)
    blank_unit = "— (đăng ký cá nhân)"
    year = _year(required=True)
    unit = _unit_field("Tập thể đăng ký")
    member = forms.IntegerField(
        label="Hoặc mã đảng viên (cá nhân đăng ký)", required=False, min_value=1
    )
    registered_on = date_field("Ngày đăng ký")
    content = NFCFormTextField(
        label="Nội dung đăng ký làm theo", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("year", "unit", "member"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if not self.fields["unit"].disabled and bool(data.get("unit")) == bool(data.get("member")):
            raise forms.ValidationError(
                "Chọn một tập thể hoặc nhập mã một đảng viên (không cả hai)."
            )
        return data


class ExampleForm(RevisionMixin, UnitChoices):
    unit_fields = ("unit", "recognised_by")
    blank_unit = "—"
    kind = forms.ChoiceField(label="Loại", choices=ExampleKind.choices)
    movement = forms.ChoiceField(label="Phong trào", choices=Movement.choices)
    title = NFCFormCharField(label="Tên mô hình, điển hình", max_length=300)
    unit = _unit_field("Tập thể")
    member = forms.IntegerField(label="Hoặc mã đảng viên (cá nhân)", required=False, min_value=1)
    field = forms.ModelChoiceField(label="Lĩnh vực", queryset=Field.objects.filter(active=True))
    year = _year(required=True)
    description = NFCFormTextField(
        label="Mô tả, hiệu quả", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recognised_by = _unit_field("Cấp công nhận")
    recognised_body = NFCFormCharField(
        label="Cơ quan công nhận (khác)", required=False, max_length=200
    )
    decision_ref = NFCFormCharField(label="Số quyết định công nhận", required=False, max_length=120)
    recognised_on = date_field("Ngày công nhận", required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("unit")) == bool(data.get("member")):
            raise forms.ValidationError(
                "Chọn một tập thể hoặc nhập mã một đảng viên (không cả hai)."
            )
        return data


class MoveForm(RevisionMixin, UnitChoices):
    unit_fields = ("recognised_by",)
    blank_unit = "—"
    state = forms.ChoiceField(label="Chuyển sang bước", choices=DvkState.choices)
    recognised_by = _unit_field("Cấp ủy công nhận (khi công nhận hiệu quả)")
    recognised_on = date_field("Ngày công nhận", required=False)
    decision_ref = NFCFormCharField(label="Số quyết định", required=False, max_length=120)


class RecognitionForm(RevisionMixin, UnitChoices):
    unit_fields = ("recognised_by",)
    kind = forms.ModelChoiceField(
        label="Hình thức", queryset=RecognitionKind.objects.filter(active=True)
    )
    member = forms.IntegerField(label="Mã đảng viên", min_value=1)
    year = _year(required=True)
    recognised_by = _unit_field("Cấp ủy biểu dương", required=True)
    recognised_on = date_field("Ngày biểu dương")
    decision_ref = NFCFormCharField(label="Số quyết định", required=False, max_length=120)
    note = NFCFormTextField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("kind", "member", "year", "recognised_by"):
                self.fields[name].disabled = True
