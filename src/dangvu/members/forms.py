from datetime import datetime

from django import forms

from dangvu.orgs.forms import DATE_FORMATS, DateInput
from dangvu.vntext.fields import NFCFormCharField

from .lifecycle import EventKind, Status
from .models import SENSITIVE_FIELDS, Gender, Member, TheoryLevel
from .selectors import AGE_BANDS
from .services import IDENTITY_FIELDS


class Styled:
    def style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")


class FilterForm(Styled, forms.Form):
    q = forms.CharField(label="Tìm", required=False)
    ngay = forms.DateField(
        label="Tại ngày", required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), ("dang_vien", "Đang là đảng viên"), *Status.choices],
    )
    gender = forms.ChoiceField(
        label="Giới tính", required=False, choices=[("", "Tất cả"), *Gender.choices]
    )
    age_band = forms.ChoiceField(
        label="Độ tuổi", required=False, choices=[("", "Tất cả")] + [(b, b) for b in AGE_BANDS]
    )
    theory_level = forms.ChoiceField(
        label="Lý luận chính trị",
        required=False,
        choices=[("", "Tất cả")] + [c for c in TheoryLevel.choices if c[0]],
    )
    ethnicity = forms.CharField(label="Dân tộc", required=False)

    def __init__(self, *args, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not sensitive:
            del self.fields["ethnicity"]
        self.style()


class EventForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="Sự kiện", choices=EventKind.choices)
    date = forms.DateField(
        label="Ngày (quyết định / hiệu lực)", input_formats=DATE_FORMATS, widget=DateInput()
    )
    ceremony_date = forms.DateField(
        label="Ngày lễ kết nạp (kết nạp lại)",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
    )
    unit = forms.ModelChoiceField(
        label="Chi bộ (kết nạp lại, chuyển đến)", required=False, queryset=None
    )
    external = NFCFormCharField(label="Nơi ngoài hệ thống", required=False, max_length=255)
    end_date = forms.DateField(
        label="Sinh hoạt tạm thời đến ngày",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
    )
    study = forms.BooleanField(label="Đi học (tạm thời tối đa 2 năm)", required=False)
    years = forms.TypedChoiceField(
        label="Huy hiệu (năm tuổi Đảng)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(y, y) for y in (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)],
    )
    ground = NFCFormCharField(label="Lý do, căn cứ", required=False, max_length=2000)
    decision_number = NFCFormCharField(label="Số quyết định", required=False, max_length=60)
    decision_date = forms.DateField(
        label="Ngày quyết định", required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    revision = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.style()

    def details(self) -> dict:
        data = self.cleaned_data
        keys = (
            "ceremony_date",
            "unit",
            "external",
            "end_date",
            "study",
            "years",
            "ground",
            "decision_number",
            "decision_date",
        )
        return {k: data[k] for k in keys if data.get(k) not in (None, "")}


def _field_choices(sensitive: bool):
    return [
        (name, Member._meta.get_field(name).verbose_name.capitalize())
        for name in IDENTITY_FIELDS
        if sensitive or name not in SENSITIVE_FIELDS
    ]


class CorrectionForm(Styled, forms.Form):
    field = forms.ChoiceField(label="Thông tin cần đính chính")
    new_value = NFCFormCharField(
        label="Giá trị đúng",
        required=False,
        max_length=255,
        help_text="Ngày theo dạng dd/mm/yyyy; giới tính: Nam/Nữ.",
    )
    reason = NFCFormCharField(label="Lý do", max_length=2000)
    decision_ref = NFCFormCharField(
        label="Căn cứ (quyết định, văn bản)", required=False, max_length=255
    )
    revision = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = _field_choices(sensitive)
        self.style()

    def clean(self):
        data = super().clean()
        name, raw = data.get("field"), data.get("new_value", "")
        if name == "birth_date":
            try:
                data["value"] = datetime.strptime(raw, "%d/%m/%Y").date()
            except ValueError:
                self.add_error("new_value", "Ngày sinh phải theo dạng dd/mm/yyyy.")
        elif name == "gender":
            genders = {"nam": "nam", "nữ": "nu", "nu": "nu"}
            if raw.lower() not in genders:
                self.add_error("new_value", "Giới tính phải là Nam hoặc Nữ.")
            else:
                data["value"] = genders[raw.lower()]
        elif name == "theory_level":
            levels = {label.lower(): code for code, label in TheoryLevel.choices}
            if raw.lower() not in levels and raw not in TheoryLevel.values:
                self.add_error("new_value", "Trình độ: Sơ cấp, Trung cấp, Cao cấp hoặc Cử nhân.")
            else:
                data["value"] = levels.get(raw.lower(), raw)
        else:
            data["value"] = raw
        return data


class CardForm(Styled, forms.Form):
    number = forms.CharField(label="Số thẻ", max_length=12)
    issued_on = forms.DateField(
        label="Ngày cấp", required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    issuer = NFCFormCharField(label="Nơi cấp", required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class RegisterForm(Styled, forms.Form):
    full_name = NFCFormCharField(label="Họ và tên", max_length=180)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_date = forms.DateField(label="Ngày sinh", input_formats=DATE_FORMATS, widget=DateInput())
    cccd = forms.CharField(label="Số định danh cá nhân (12 số)", required=False, max_length=12)
    ethnicity = NFCFormCharField(label="Dân tộc", required=False, max_length=50)
    religion = NFCFormCharField(label="Tôn giáo", required=False, max_length=80)
    hometown = NFCFormCharField(label="Quê quán", required=False, max_length=255)
    permanent_address = NFCFormCharField(label="Nơi thường trú", required=False, max_length=255)
    unit = forms.ModelChoiceField(label="Chi bộ kết nạp", queryset=None)
    admission_date = forms.DateField(
        label="Ngày quyết định kết nạp", input_formats=DATE_FORMATS, widget=DateInput()
    )
    ceremony_date = forms.DateField(
        label="Ngày lễ kết nạp", input_formats=DATE_FORMATS, widget=DateInput()
    )
    sponsors = NFCFormCharField(label="Người giới thiệu", required=False, max_length=255)
    decision_number = NFCFormCharField(label="Số quyết định kết nạp", required=False, max_length=60)

    def __init__(self, *args, units, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not sensitive:
            del self.fields["ethnicity"]
            del self.fields["religion"]
        self.style()
