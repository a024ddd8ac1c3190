"""Forms of the implementation pages. They read and check input; writes go through services."""

from datetime import date
from decimal import Decimal

from django import forms

from dangvu.orgs.forms import DATE_FORMATS, DateInput
from dangvu.reports.periods import Period, period_choices
from dangvu.vntext.fields import NFCFormCharField, NFCFormTextField
from dangvu.vntext.formats import parse_vn_number
from dangvu.web.form_fields import Styled

from .goals import measured_indicators
from .models import Direction, Field, ItemKind, Measure, TaskStatus


class VnDecimalField(forms.CharField):
    """A number typed the Vietnamese way: "2.229", "96,1" (a dot decimal is accepted too)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return None
        try:
            number = parse_vn_number(value)
        except (ValueError, ArithmeticError):
            raise forms.ValidationError(
                f"“{value}” không phải là số; ví dụ hợp lệ: 12, 2.229, 96,1."
            ) from None
        if abs(number) >= Decimal("1e12") or number != number.quantize(Decimal("0.01")):
            raise forms.ValidationError("Số quá lớn hoặc có quá 2 chữ số thập phân.")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = f"{value.normalize():f}"
            return text.replace(".", ",")
        return value


def _date(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, widget=DateInput()
    )


class ItemFilterForm(Styled, forms.Form):
    q = NFCFormCharField(label="Tìm nội dung", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *ItemKind.choices]
    )
    don_vi = forms.TypedChoiceField(
        label="Đơn vị thực hiện", required=False, coerce=int, empty_value=None
    )
    qua_han = forms.BooleanField(label="Chỉ quá hạn", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tất cả trong phạm vi")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        self.style()


def _measured_choices():
    return [("", "— (đơn vị tự báo cáo)"), *measured_indicators().items()]


class ItemForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=ItemKind.choices)
    code = NFCFormCharField(label="Số thứ tự", required=False, max_length=20)
    name = NFCFormTextField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    measure = forms.ChoiceField(
        label="Cách tổng hợp (chỉ tiêu)",
        required=False,
        choices=[("", "—"), *Measure.choices],
        help_text="Số lượng: cộng số của các đơn vị. Tỷ lệ: cộng tử số và mẫu số.",
    )
    measure_unit = NFCFormCharField(
        label="Đơn vị tính", required=False, max_length=40, help_text="%, đảng viên, chi bộ…"
    )
    baseline = VnDecimalField(label="Giá trị đầu kỳ", required=False)
    target_value = VnDecimalField(label="Chỉ tiêu phải đạt", required=False)
    direction = forms.ChoiceField(label="Chiều đánh giá", choices=Direction.choices)
    deadline = _date("Thời hạn")
    indicator = forms.ChoiceField(
        label="Đo bằng số liệu của hệ thống",
        required=False,
        choices=_measured_choices,
        help_text="Chỉ tiêu số lượng: báo cáo tổng hợp so số liệu này với chỉ tiêu "
        "(ví dụ: kết nạp đảng viên). Kỳ của chỉ tiêu: kỳ ngắn nhất kết thúc đúng thời hạn "
        "và chứa ngày ban hành văn bản.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("revision", None)
        return data


class AssignForm(Styled, forms.Form):
    units = forms.TypedMultipleChoiceField(
        label="Giao cho đơn vị",
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text="Giữ Ctrl để chọn nhiều đơn vị; đơn vị được giao chịu trách nhiệm cho cả "
        "các tổ chức trực thuộc.",
    )
    target_value = VnDecimalField(
        label="Chỉ tiêu giao cho mỗi đơn vị",
        required=False,
        help_text="Để trống: dùng chỉ tiêu chung của văn bản.",
    )
    note = NFCFormCharField(label="Ghi chú", required=False, max_length=500)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(u.pk, getattr(u, "label", u.name)) for u in units]
        self.style()


class ReportFields(Styled, forms.Form):
    value = VnDecimalField(label="Kết quả đạt được đến cuối kỳ", required=False)
    numerator = VnDecimalField(label="Tử số (ví dụ: số đạt)", required=False)
    denominator = VnDecimalField(label="Mẫu số (ví dụ: tổng số)", required=False)
    status = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "—"), *TaskStatus.choices]
    )
    note = NFCFormTextField(
        label="Ghi chú, đánh giá", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label="Tệp minh chứng (PDF, DOCX, XLSX, JPG, PNG; tối đa 10 MB)", required=False
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        if item.kind == ItemKind.TASK:
            keep = {"status"}
        elif item.measure == Measure.RATE:
            keep = {"numerator", "denominator"}
        else:
            keep = {"value"}
            self.fields["value"].label += f" ({item.measure_unit})"
        for name in ("value", "numerator", "denominator", "status"):
            if name not in keep:
                del self.fields[name]
            else:
                self.fields[name].required = True
        self.style()

    def values(self) -> dict:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k in ("value", "numerator", "denominator", "status", "note")
        }


class ReportForm(ReportFields):
    period = forms.ChoiceField(label="Kỳ báo cáo")
    field_order = ["period"]

    def __init__(self, *args, item, day: date, **kwargs):
        super().__init__(*args, item=item, **kwargs)
        years = range(day.year, item.document.date.year - 1, -1)
        self.fields["period"].choices = [
            (code, label)
            for code, label in period_choices(years)
            if Period.parse(code).start <= day and Period.parse(code).end >= item.document.date
        ]
        self.fields["period"].widget.attrs["class"] = "form-select form-select-sm"
        self.order_fields(["period"])

    def clean_period(self):
        return Period.parse(self.cleaned_data["period"])


class CorrectionForm(ReportFields):
    reason = NFCFormCharField(label="Lý do sửa", max_length=500)
    revision = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ProgrammeForm(Styled, forms.Form):
    unit = forms.TypedChoiceField(label="Cấp ủy", coerce=int)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = NFCFormCharField(label="Tên chương trình", max_length=300)
    adopted_on = _date("Ngày ban hành")
    note = NFCFormTextField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, units=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
            del self.fields["year"]
        else:
            self.fields["unit"].choices = [(u.pk, getattr(u, "label", u.name)) for u in units]
        self.style()


class ProgrammeItemForm(Styled, forms.Form):
    field = forms.ChoiceField(label="Lĩnh vực", choices=Field.choices)
    content = NFCFormTextField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    due_month = forms.TypedChoiceField(
        label="Tháng thực hiện",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(m, f"Tháng {m}") for m in range(1, 13)],
    )
    due_quarter = forms.TypedChoiceField(
        label="Quý thực hiện",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")],
    )
    responsible = NFCFormCharField(label="Cơ quan chủ trì", max_length=200)
    order = forms.IntegerField(label="Thứ tự", required=False, min_value=0, max_value=999)
    revision = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("revision", None)
        return data
