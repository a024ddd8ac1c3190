"""Forms of the document pages. They only read and check input; writes go through services."""

from __future__ import annotations

from django import forms

from dangvu.vntext.fields import NFCFormCharField, NFCFormTextField
from dangvu.web.form_fields import DateRange, Styled, date_field

from .attachment_files import ALLOWED_TEXT, MAX_MB
from .models import DocumentType, IssuingBody, RelationKind


def _type_choices(*, active_only: bool) -> list[tuple]:
    types = DocumentType.objects.all()
    if active_only:
        types = types.filter(active=True)
    return [(t.pk, f"{t.code} – {t.name}") for t in types]


class FilterForm(DateRange, Styled, forms.Form):
    """The list's search box and filters (all optional)."""

    q = NFCFormCharField(
        label="Tìm (số hiệu, trích yếu)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "71-NQ/TU, 71 nq, chuyển đổi số…"}),
    )
    loai = forms.TypedChoiceField(label="Loại", required=False, coerce=int, empty_value=None)
    don_vi = forms.TypedChoiceField(
        label="Tổ chức ban hành", required=False, coerce=int, empty_value=None
    )
    co_quan = forms.ChoiceField(
        label="Cơ quan", required=False, choices=[("", "Tất cả"), *IssuingBody.choices]
    )
    tu_ngay = date_field("Từ ngày", required=False)
    den_ngay = date_field("Đến ngày", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loai"].choices = [("", "Tất cả"), *_type_choices(active_only=False)]
        self.fields["don_vi"].choices = [("", "Tất cả trong phạm vi")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        self.style()


class DocumentForm(Styled, forms.Form):
    unit = forms.TypedChoiceField(label="Tổ chức ban hành", coerce=int)
    body = forms.ChoiceField(label="Cơ quan ban hành", choices=IssuingBody.choices)
    doc_type = forms.TypedChoiceField(label="Loại văn bản", coerce=int)
    number = forms.CharField(
        label="Số",
        max_length=6,
        help_text="Giữ số 0 đứng đầu như trên văn bản, ví dụ 01.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    agency = NFCFormCharField(
        label="Ký hiệu cơ quan",
        max_length=20,
        help_text="Phần sau dấu “/” của số hiệu: TU, ĐU, HU, UBKTTU, BTCTU…",
    )
    date = date_field("Ngày ban hành")
    term = forms.CharField(
        label="Nhiệm kỳ", required=False, max_length=11, help_text="Ví dụ 2020-2025 (nếu có)."
    )
    title = NFCFormCharField(label="Trích yếu", max_length=500)
    summary = NFCFormTextField(
        label="Tóm tắt nội dung", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, getattr(u, "label", u.name)) for u in units]
        self.fields["doc_type"].choices = [("", "— chọn —"), *_type_choices(active_only=True)]
        self.style()

    def service_data(self) -> dict:
        from dangvu.orgs.models import Unit

        data = dict(self.cleaned_data)
        data.pop("revision", None)
        data["unit"] = Unit.objects.get(pk=data["unit"])
        data["doc_type"] = DocumentType.objects.get(pk=data["doc_type"])
        return data


class AttachmentForm(Styled, forms.Form):
    file = forms.FileField(
        label="Tệp đính kèm",
        help_text=f"{ALLOWED_TEXT}, tối đa {MAX_MB} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class RelationForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="Quan hệ", choices=RelationKind.choices)
    target = NFCFormCharField(
        label="Văn bản được liên kết (số hiệu)",
        max_length=60,
        help_text="Ví dụ 71-NQ/TU; nếu có nhiều văn bản cùng số hiệu, ghi thêm năm: 71-NQ/TU 2022.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
