"""Forms of the citizen-engagement pages. They only read and check input; writes go through
services (which word every refusal in Vietnamese)."""

from __future__ import annotations

from django import forms

from dangvu.study.forms import FiguresForm as StudyFiguresForm
from dangvu.vntext.fields import NFCFormCharField, NFCFormTextField
from dangvu.web.form_fields import DateRange, Styled, date_field

from .models import Channel, FeedbackState, IssueState, Sector
from .selectors import STATUS_FILTERS


def _label(unit) -> str:
    return getattr(unit, "choice_label", None) or "· " * max(unit.depth - 1, 0) + unit.name


def _unit_field(label: str, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=required, coerce=int, empty_value=None)


def _codes(model, label: str, required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        required=required,
        queryset=model.objects.filter(active=True),
        empty_label="Tất cả" if not required else "— chọn —",
    )


class FeedbackFilterForm(DateRange, Styled, forms.Form):
    q = NFCFormCharField(label="Tìm trong nội dung", required=False, max_length=200)
    don_vi = _unit_field("Tổ chức tiếp nhận")
    truc_tiep = forms.BooleanField(label="Chỉ do tổ chức này tiếp nhận", required=False)
    noi_nhan = _unit_field("Chuyển đến tổ chức")
    tu_ngay = date_field("Tiếp nhận từ ngày", required=False)
    den_ngay = date_field("đến ngày", required=False)
    kenh = _codes(Channel, "Kênh")
    linh_vuc = _codes(Sector, "Lĩnh vực")
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *FeedbackState.choices]
    )
    tinh_hinh = forms.ChoiceField(
        label="Tình hình",
        required=False,
        choices=[("", "Tất cả")] + [(k, v[0]) for k, v in STATUS_FILTERS.items()],
    )
    tai_ngay = date_field("tại ngày", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Tất cả trong phạm vi")] + [(u.pk, _label(u)) for u in units]
        self.fields["don_vi"].choices = choices
        self.fields["noi_nhan"].choices = choices
        self.fields["kenh"].queryset = Channel.objects.all()
        self.fields["linh_vuc"].queryset = Sector.objects.all()
        self.style()


class FeedbackForm(Styled, forms.Form):
    unit = _unit_field("Tổ chức tiếp nhận", required=True)
    channel = _codes(Channel, "Kênh tiếp nhận", required=True)
    sector = _codes(Sector, "Lĩnh vực", required=True)
    raised_by = NFCFormCharField(
        label="Người / nhóm phản ánh",
        max_length=200,
        help_text="Tên gọi hoặc mô tả nhóm (ví dụ “Nhóm hộ dân thôn 3”); không ghi số định "
        "danh, địa chỉ hay thông tin cá nhân khác.",
    )
    contact = NFCFormCharField(label="Liên hệ (không bắt buộc)", max_length=120, required=False)
    content = NFCFormTextField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4}))
    received_on = date_field("Ngày tiếp nhận")
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units=(), fixed_unit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, _label(u)) for u in units]
        if fixed_unit:
            del self.fields["unit"]
        self.style()


class RouteForm(Styled, forms.Form):
    routed_unit = _unit_field("Chuyển đến tổ chức")
    routed_agency = NFCFormCharField(
        label="hoặc cơ quan ngoài (ghi tên)", max_length=255, required=False
    )
    routed_on = date_field("Ngày chuyển")
    due_on = date_field("Hạn trả lời", required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["routed_unit"].choices = [("", "—")] + [(u.pk, _label(u)) for u in units]
        self.style()


class AnswerForm(Styled, forms.Form):
    response = NFCFormTextField(
        label="Nội dung trả lời", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    responded_on = date_field("Ngày trả lời")
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ReferForm(Styled, forms.Form):
    referred_to = NFCFormCharField(label="Cơ quan có thẩm quyền", max_length=255, required=False)
    response = NFCFormTextField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responded_on = date_field("Ngày chuyển")
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class CloseForm(Styled, forms.Form):
    closed_on = date_field("Ngày kết thúc")
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class IssueFilterForm(Styled, forms.Form):
    q = NFCFormCharField(label="Tìm theo tên vụ việc", required=False, max_length=200)
    don_vi = _unit_field("Tổ chức")
    truc_tiep = forms.BooleanField(label="Chỉ của tổ chức này", required=False)
    tu_nam = forms.IntegerField(label="Từ năm", required=False, min_value=1990, max_value=2100)
    den_nam = forms.IntegerField(label="đến năm", required=False, min_value=1990, max_value=2100)
    linh_vuc = _codes(Sector, "Lĩnh vực")
    tinh_hinh = forms.ChoiceField(
        label="Tình hình", required=False, choices=[("", "Tất cả"), *IssueState.choices]
    )
    giai_quyet_den = date_field("Giải quyết xong đến ngày", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tất cả trong phạm vi")] + [
            (u.pk, _label(u)) for u in units
        ]
        self.fields["linh_vuc"].queryset = Sector.objects.all()
        self.style()

    def clean(self):
        data = super().clean()
        first, last = data.get("tu_nam"), data.get("den_nam")
        if first and last and first > last:
            self.add_error("den_nam", "“Đến năm” phải sau “Từ năm”.")
        return data


class IssueForm(Styled, forms.Form):
    unit = _unit_field("Chi bộ / cấp ủy lựa chọn", required=True)
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    sector = _codes(Sector, "Lĩnh vực", required=True)
    title = NFCFormCharField(label="Vụ việc", max_length=300)
    description = NFCFormTextField(
        label="Mô tả", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    plan = NFCFormTextField(
        label="Kế hoạch, biện pháp giải quyết", widget=forms.Textarea(attrs={"rows": 3})
    )
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units=(), fixed_unit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, _label(u)) for u in units]
        if fixed_unit:
            del self.fields["unit"]
        self.style()


class IssueResultForm(Styled, forms.Form):
    state = forms.ChoiceField(label="Tình hình", choices=IssueState.choices)
    resolved_on = date_field("Ngày giải quyết xong", required=False)
    result = NFCFormTextField(
        label="Kết quả", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class FiguresForm(StudyFiguresForm):
    """The study figures' period choice (year, quarter, month or a range) without its
    document filter."""

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, units=units, **kwargs)
        del self.fields["van_ban"]
