"""Forms of the study pages. They only read and check input; writes go through services."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory

from dangvu.vntext.fields import NFCFormCharField, NFCFormTextField
from dangvu.web.form_fields import DateRange, Styled, date_field

from .models import AudienceKind, SessionForm

BY_LIST, BY_COUNT = "danh_sach", "so_luong"


def _label(unit) -> str:
    return getattr(unit, "choice_label", None) or "· " * max(unit.depth - 1, 0) + unit.name


class FilterForm(DateRange, Styled, forms.Form):
    """The list's filters (all optional)."""

    q = NFCFormCharField(label="Tìm theo tên hội nghị", required=False, max_length=200)
    don_vi = forms.TypedChoiceField(label="Tổ chức", required=False, coerce=int, empty_value=None)
    truc_tiep = forms.BooleanField(label="Chỉ do tổ chức này tổ chức", required=False)
    tu_ngay = date_field("Từ ngày", required=False)
    den_ngay = date_field("Đến ngày", required=False)
    van_ban = forms.TypedChoiceField(label="Văn bản", required=False, coerce=int, empty_value=None)
    doi_tuong = forms.ModelChoiceField(
        label="Đối tượng", required=False, queryset=AudienceKind.objects.all(), empty_label="Tất cả"
    )

    def __init__(self, *args, units=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tất cả trong phạm vi")] + [
            (u.pk, _label(u)) for u in units
        ]
        self.fields["van_ban"].choices = [("", "Tất cả")] + [(d.pk, str(d)) for d in documents]
        self.style()


class FiguresForm(DateRange, Styled, forms.Form):
    don_vi = forms.TypedChoiceField(label="Tổ chức", required=False, coerce=int, empty_value=None)
    nam = forms.IntegerField(label="Năm", required=False, min_value=1990, max_value=2100)
    quy = forms.TypedChoiceField(
        label="Quý",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Cả năm")] + [(q, f"Quý {q}") for q in range(1, 5)],
    )
    thang = forms.TypedChoiceField(
        label="Tháng",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(m, f"Tháng {m}") for m in range(1, 13)],
    )
    tu_ngay = date_field("Hoặc từ ngày", required=False)
    den_ngay = date_field("đến ngày", required=False)
    van_ban = forms.TypedChoiceField(label="Văn bản", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [(u.pk, _label(u)) for u in units]
        self.fields["van_ban"].choices = [("", "Tất cả")] + [(d.pk, str(d)) for d in documents]
        self.style()


class SessionEditForm(Styled, forms.Form):
    unit = forms.TypedChoiceField(label="Tổ chức đảng tổ chức", coerce=int)
    date = date_field("Ngày")
    end_date = date_field("Đến ngày (hội nghị nhiều ngày)", required=False)
    title = NFCFormCharField(label="Tên hội nghị", max_length=500)
    form = forms.ChoiceField(label="Hình thức", choices=SessionForm.choices)
    place = NFCFormCharField(label="Địa điểm", max_length=255, required=False)
    documents = forms.TypedMultipleChoiceField(
        label="Văn bản được học tập, quán triệt", coerce=int, required=False
    )
    note = NFCFormTextField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— chọn —")] + [(u.pk, _label(u)) for u in units]
        self.fields["documents"].choices = [(d.pk, str(d)) for d in documents]
        self.fields["documents"].widget.attrs["size"] = 6
        self.style()

    def clean(self):
        data = super().clean()
        start, end = data.get("date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        return data


class GroupForm(Styled, forms.Form):
    """One audience of the session: kept as a list of members, or as counts."""

    kind = forms.ModelChoiceField(
        label="Đối tượng",
        queryset=AudienceKind.objects.filter(active=True),
        required=False,
        empty_label="— không —",
    )
    mode = forms.ChoiceField(
        label="Cách ghi",
        choices=[(BY_COUNT, "Số lượng"), (BY_LIST, "Danh sách đảng viên")],
        initial=BY_COUNT,
    )
    expected = forms.IntegerField(label="Số được triệu tập", required=False, min_value=0)
    attended = forms.IntegerField(label="Số tham gia", required=False, min_value=0)

    def clean(self):
        data = super().clean()
        if not data.get("kind"):
            return data
        if data.get("mode") == BY_COUNT:
            expected, attended = data.get("expected"), data.get("attended")
            if expected is None:
                self.add_error("expected", "Hãy nhập số được triệu tập.")
            elif expected < 1:
                self.add_error("expected", "Số được triệu tập phải lớn hơn 0.")
            if attended is None:
                self.add_error("attended", "Hãy nhập số tham gia.")
            if expected is not None and attended is not None and attended > expected:
                self.add_error(
                    "attended",
                    f"Số tham gia ({attended}) lớn hơn số được triệu tập ({expected}).",
                )
        return data

    def group(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        if data["mode"] == BY_LIST:
            return {"kind": data["kind"], "by_list": True}
        return {
            "kind": data["kind"],
            "by_list": False,
            "expected": data["expected"],
            "attended": data["attended"],
        }


class BaseGroupFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "nhom")
        super().__init__(*args, **kwargs)
        for form in self.forms:
            form.style()

    def clean(self):
        if any(self.errors):
            return
        kinds = [f.cleaned_data.get("kind") for f in self.forms if f.cleaned_data.get("kind")]
        if not kinds:
            raise forms.ValidationError("Hãy nhập ít nhất một đối tượng tham dự.")
        if len(set(kinds)) != len(kinds):
            raise forms.ValidationError("Mỗi đối tượng chỉ nhập một dòng.")

    def groups(self) -> list[dict]:
        return [g for g in (f.group() for f in self.forms) if g is not None]


GroupFormSet = formset_factory(GroupForm, formset=BaseGroupFormSet, extra=0, max_num=12)


class AnyIdsField(forms.TypedMultipleChoiceField):
    """Member ids picked on the page; whether each may be listed is the service's check."""

    def valid_value(self, value) -> bool:
        return str(value).isdigit()


class AddMembersForm(Styled, forms.Form):
    """Adding to a list: every member of a unit of the subtree, or members picked by name."""

    add_unit = forms.TypedChoiceField(
        label="Thêm toàn bộ đảng viên của", required=False, coerce=int, empty_value=None
    )
    add_ids = AnyIdsField(
        label="Thêm từng người", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    added_present = forms.BooleanField(
        label="Người được thêm: đánh dấu có mặt", required=False, initial=True
    )

    def __init__(self, *args, units=(), candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_unit"].choices = [("", "—")] + [(u.pk, _label(u)) for u in units]
        self.fields["add_ids"].choices = [(m.pk, m.full_name) for m in candidates]
        self.style()
