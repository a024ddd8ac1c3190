"""Forms of the member pages. They only read and check input; writes go through services."""

from datetime import datetime

from django import forms

from dangvu.vntext.fields import NFCFormCharField
from dangvu.web.form_fields import Styled, date_field
from dangvu.web.widgets import FastSelect

from .lifecycle import BADGE_YEARS, EventKind, Status
from .models import SENSITIVE_FIELDS, Gender, Member, TheoryLevel
from .selectors import AGE_BANDS, ALL_MEMBERS
from .services import IDENTITY_FIELDS

AGE_BAND_LABELS = {
    "<30": "Dưới 30",
    "30-45": "Từ 30 đến 45",
    "46-60": "Từ 46 đến 60",
    ">60": "Trên 60",
}


class FilterForm(Styled, forms.Form):
    """The list's search box and filters (all optional; the sensitive ones only for users
    who hold ``see_sensitive`` somewhere)."""

    q = NFCFormCharField(label="Tìm (tên, số định danh, số thẻ)", required=False, max_length=180)
    don_vi = forms.TypedChoiceField(
        label="Tổ chức", required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    ngay = date_field("Tại ngày", required=False)
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), (ALL_MEMBERS, "Đang là đảng viên"), *Status.choices],
    )
    gender = forms.ChoiceField(
        label="Giới tính", required=False, choices=[("", "Tất cả"), *Gender.choices]
    )
    age_band = forms.ChoiceField(
        label="Độ tuổi",
        required=False,
        choices=[("", "Tất cả")] + [(b, AGE_BAND_LABELS[b]) for b in AGE_BANDS],
    )
    theory_level = forms.ChoiceField(
        label="Lý luận chính trị",
        required=False,
        choices=[("", "Tất cả")] + [c for c in TheoryLevel.choices if c[0]],
    )
    ethnicity = NFCFormCharField(label="Dân tộc", required=False, max_length=50)
    religion = NFCFormCharField(label="Tôn giáo", required=False, max_length=80)

    def __init__(self, *args, sensitive: bool, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", "Tất cả trong phạm vi")] + [
            (u.pk, getattr(u, "label", u.name)) for u in units
        ]
        if not sensitive:
            del self.fields["ethnicity"]
            del self.fields["religion"]
        self.style()


# The fields each kind of event asks for (besides kind, date and revision).
DECISION = ("decision_number", "decision_date")
KIND_FIELDS = {
    EventKind.ADMISSION: ("ceremony_date", "unit", "external", "sponsors", *DECISION),
    EventKind.READMISSION: ("ceremony_date", "unit", "external", "sponsors", *DECISION),
    EventKind.RECOGNITION: DECISION,
    EventKind.TRANSFER: ("unit", "external", *DECISION),
    EventKind.TEMP_TRANSFER: ("unit", "external", "end_date", "study", *DECISION),
    EventKind.TEMP_RETURN: ("ground",),
    EventKind.EXCUSED: ("ground", *DECISION),
    EventKind.EXCUSE_END: ("ground", *DECISION),
    EventKind.STRUCK_OFF: ("ground", *DECISION),
    EventKind.RESIGNED: ("ground", *DECISION),
    EventKind.EXPELLED: ("ground", *DECISION),
    EventKind.DIED: ("ground",),
    EventKind.BADGE: ("years", *DECISION),
}
# Required for a kind, with the message shown when missing.
KIND_REQUIRED = {
    EventKind.ADMISSION: {"ceremony_date": "Hãy nhập ngày tổ chức lễ kết nạp."},
    EventKind.READMISSION: {"ceremony_date": "Hãy nhập ngày tổ chức lễ kết nạp lại."},
    EventKind.TEMP_TRANSFER: {"end_date": "Hãy nhập thời hạn sinh hoạt tạm thời (đến ngày)."},
    EventKind.BADGE: {"years": "Hãy chọn huy hiệu (số năm tuổi Đảng)."},
    EventKind.STRUCK_OFF: {"ground": "Hãy ghi lý do xóa tên."},
    EventKind.RESIGNED: {"ground": "Hãy ghi lý do xin ra khỏi Đảng."},
    EventKind.EXPELLED: {"ground": "Hãy ghi căn cứ khai trừ."},
}
# Either a unit of the system or a place outside it.
NEEDS_PLACE = {
    EventKind.ADMISSION: "Hãy chọn chi bộ kết nạp hoặc ghi nơi ngoài hệ thống.",
    EventKind.READMISSION: "Hãy chọn chi bộ kết nạp lại hoặc ghi nơi ngoài hệ thống.",
    EventKind.TRANSFER: "Hãy chọn chi bộ chuyển đến hoặc ghi nơi ngoài hệ thống.",
    EventKind.TEMP_TRANSFER: "Hãy chọn nơi sinh hoạt tạm thời hoặc ghi nơi ngoài hệ thống.",
}
DETAIL_FIELDS = (
    "ceremony_date",
    "unit",
    "external",
    "end_date",
    "study",
    "years",
    "ground",
    "sponsors",
    "decision_number",
    "decision_date",
)


class EventForm(Styled, forms.Form):
    """One lifecycle event; once the kind is chosen only the fields it uses are shown."""

    kind = forms.ChoiceField(
        label="Sự kiện",
        choices=[("", "— Chọn loại sự kiện —"), *EventKind.choices],
        error_messages={"required": "Hãy chọn loại sự kiện."},
    )
    date = date_field(
        "Ngày (quyết định / hiệu lực)",
        error_messages={"required": "Hãy nhập ngày của sự kiện (dd/mm/yyyy)."},
    )
    ceremony_date = date_field("Ngày lễ kết nạp", required=False)
    unit = forms.ModelChoiceField(label="Chi bộ", required=False, queryset=None)
    external = NFCFormCharField(
        label="Nơi ngoài hệ thống",
        required=False,
        max_length=255,
        help_text="Khi chi bộ không có trong danh sách (tỉnh khác, lực lượng vũ trang…).",
    )
    end_date = date_field("Sinh hoạt tạm thời đến ngày", required=False)
    study = forms.BooleanField(label="Đi học (tạm thời tối đa 2 năm)", required=False)
    years = forms.TypedChoiceField(
        label="Huy hiệu (năm tuổi Đảng)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(y, f"{y} năm") for y in BADGE_YEARS],
    )
    ground = NFCFormCharField(label="Lý do, căn cứ", required=False, max_length=2000)
    sponsors = NFCFormCharField(label="Người giới thiệu", required=False, max_length=255)
    decision_number = NFCFormCharField(label="Số quyết định", required=False, max_length=60)
    decision_date = date_field("Ngày quyết định", required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args, units, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.chosen_kind = kind if kind in EventKind.values else ""
        if self.chosen_kind:
            keep = {"kind", "date", "revision", *KIND_FIELDS[self.chosen_kind]}
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]
            if self.chosen_kind == EventKind.TEMP_TRANSFER:
                self.fields["unit"].label = "Nơi sinh hoạt tạm thời (chi bộ)"
            elif self.chosen_kind == EventKind.TRANSFER:
                self.fields["unit"].label = "Chi bộ chuyển đến"
            elif self.chosen_kind == EventKind.RECOGNITION:
                self.fields["date"].label = "Ngày quyết định công nhận chính thức"
        self.fields["kind"].widget.attrs.update(
            {
                "hx-get": "",
                "hx-trigger": "change",
                "hx-target": "#event-form",
                "hx-select": "#event-form",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
            }
        )
        self.style()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for name, message in KIND_REQUIRED.get(kind, {}).items():
            if name in self.fields and data.get(name) in (None, ""):
                self.add_error(name, message)
        if kind in NEEDS_PLACE and not data.get("unit") and not data.get("external"):
            self.add_error("unit", NEEDS_PLACE[kind])
        return data

    def details(self) -> dict:
        """The event's details for ``services.record_event``: only this kind's fields."""
        data = self.cleaned_data
        wanted = KIND_FIELDS.get(data["kind"], DETAIL_FIELDS)
        return {k: data[k] for k in wanted if data.get(k) not in (None, "", False)}


def _field_choices(sensitive: bool):
    return [
        (name, Member._meta.get_field(name).verbose_name.capitalize())
        for name in IDENTITY_FIELDS
        if sensitive or name not in SENSITIVE_FIELDS
    ]


class CorrectionForm(Styled, forms.Form):
    field = forms.ChoiceField(
        label="Thông tin cần đính chính",
        error_messages={"invalid_choice": "Không được đính chính thông tin này."},
    )
    new_value = NFCFormCharField(
        label="Giá trị đúng",
        required=False,
        max_length=255,
        help_text="Ngày theo dạng dd/mm/yyyy; giới tính: Nam/Nữ; lý luận chính trị: Sơ cấp, "
        "Trung cấp, Cao cấp, Cử nhân. Để trống để xóa giá trị cũ.",
    )
    reason = NFCFormCharField(
        label="Lý do", max_length=2000, error_messages={"required": "Hãy ghi lý do đính chính."}
    )
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
        name, raw = data.get("field"), data.get("new_value") or ""
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
            levels = {label.lower(): code for code, label in TheoryLevel.choices if code}
            levels["không"] = levels[""] = ""
            if raw.lower() not in levels and raw not in TheoryLevel.values:
                self.add_error("new_value", "Trình độ: Sơ cấp, Trung cấp, Cao cấp hoặc Cử nhân.")
            else:
                data["value"] = levels.get(raw.lower(), raw)
        elif name == "ten" and not raw:
            self.add_error("new_value", "Tên không được để trống.")
        else:
            data["value"] = raw
        return data


class CardForm(Styled, forms.Form):
    number = forms.CharField(
        label="Số thẻ",
        max_length=12,
        help_text="Thẻ mới: 12 chữ số; thẻ cũ: dạng NN.NNNNNN.",
        error_messages={"required": "Hãy nhập số thẻ."},
    )
    issued_on = date_field("Ngày cấp", required=False)
    issuer = NFCFormCharField(label="Nơi cấp", required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class RegisterForm(Styled, forms.Form):
    """A new member: identity and the admission (and the recognition if already decided)."""

    full_name = NFCFormCharField(
        label="Họ và tên", max_length=180, error_messages={"required": "Hãy nhập họ và tên."}
    )
    other_name = NFCFormCharField(label="Tên gọi khác", required=False, max_length=180)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_date = date_field("Ngày sinh", error_messages={"required": "Hãy nhập ngày sinh."})
    cccd = forms.CharField(label="Số định danh cá nhân (12 số)", required=False, max_length=12)
    old_cmnd = forms.CharField(label="Số CMND cũ", required=False, max_length=12)
    ethnicity = NFCFormCharField(label="Dân tộc", required=False, max_length=50)
    religion = NFCFormCharField(label="Tôn giáo", required=False, max_length=80)
    birth_registration_place = NFCFormCharField(
        label="Nơi đăng ký khai sinh", required=False, max_length=255
    )
    hometown = NFCFormCharField(label="Quê quán", required=False, max_length=255)
    hometown_old = NFCFormCharField(label="Quê quán (tên cũ)", required=False, max_length=255)
    permanent_address = NFCFormCharField(label="Nơi thường trú", required=False, max_length=255)
    temporary_address = NFCFormCharField(label="Nơi tạm trú", required=False, max_length=255)
    education = NFCFormCharField(
        label="Giáo dục phổ thông", required=False, max_length=20, help_text="Ví dụ: 12/12"
    )
    qualification = NFCFormCharField(label="Chuyên môn, nghiệp vụ", required=False, max_length=255)
    theory_level = forms.ChoiceField(
        label="Lý luận chính trị", required=False, choices=TheoryLevel.choices
    )
    occupation = NFCFormCharField(label="Nghề nghiệp", required=False, max_length=255)
    position = NFCFormCharField(label="Chức vụ", required=False, max_length=255)
    phone = forms.CharField(label="Điện thoại", required=False, max_length=20)
    unit = forms.ModelChoiceField(
        label="Chi bộ kết nạp",
        queryset=None,
        error_messages={"required": "Hãy chọn chi bộ kết nạp."},
    )
    admission_date = date_field(
        "Ngày quyết định kết nạp",
        error_messages={"required": "Hãy nhập ngày quyết định kết nạp."},
    )
    ceremony_date = date_field(
        "Ngày lễ kết nạp", error_messages={"required": "Hãy nhập ngày tổ chức lễ kết nạp."}
    )
    sponsors = NFCFormCharField(label="Người giới thiệu", required=False, max_length=255)
    decision_number = NFCFormCharField(label="Số quyết định kết nạp", required=False, max_length=60)
    official_date_decided = date_field(
        "Ngày quyết định công nhận chính thức (nếu đã có)", required=False
    )

    # the name comes from "Họ và tên"; every other identity field as the services know them
    IDENTITY = tuple(f for f in IDENTITY_FIELDS if f not in ("ho", "ten_dem", "ten"))

    def __init__(self, *args, units, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not sensitive:
            del self.fields["ethnicity"]
            del self.fields["religion"]
        self.style()

    def identity(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in self.IDENTITY if k in data and data[k] not in (None, "")}
