from django import forms

from dangvu.vntext.fields import NFCFormCharField

from .models import KindRule, Unit, UnitKind, UnitVersion
from .services import Decision


class DateInput(forms.DateInput):
    """Dates typed the way users write them: dd/mm/yyyy (ISO is accepted too)."""

    def __init__(self, **kwargs):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **kwargs.pop("attrs", {})}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class DecisionForm(forms.Form):
    effective_date = forms.DateField(
        label="Ngày hiệu lực", widget=DateInput(), input_formats=DATE_FORMATS
    )
    decision_number = NFCFormCharField(
        label="Số quyết định", max_length=60, required=False, help_text="Ví dụ: 1234-QĐ/TU"
    )
    decision_date = forms.DateField(
        label="Ngày quyết định", required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    decision_issuer = NFCFormCharField(
        label="Cơ quan ban hành",
        max_length=255,
        required=False,
        help_text="Ví dụ: Ban Thường vụ Tỉnh ủy",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def full_clean(self):
        # fields added in subclasses' __init__ get the style too
        for field in self.fields.values():
            widget = field.widget
            if "class" not in widget.attrs:
                widget.attrs["class"] = (
                    "form-select" if isinstance(widget, forms.Select) else "form-control"
                )
        super().full_clean()

    def change_kwargs(self) -> dict:
        """The arguments every tree service takes: date, decision and the edited revision."""
        data = self.cleaned_data
        kwargs = {"effective_date": data["effective_date"], "decision": self.decision()}
        if data.get("revision") is not None:
            kwargs["expected_revision"] = data["revision"]
        return kwargs

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            number=data.get("decision_number", ""),
            date=data.get("decision_date"),
            issuer=data.get("decision_issuer", ""),
        )


class RevisionMixin(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput())


def child_kinds_of(kind_id: int | None):
    allowed = KindRule.objects.filter(parent_kind_id=kind_id).values("child_kind_id")
    return UnitKind.objects.filter(pk__in=allowed)


def parent_kinds_of(kind_id: int):
    allowed = KindRule.objects.filter(child_kind_id=kind_id, parent_kind__isnull=False).values(
        "parent_kind_id"
    )
    return UnitKind.objects.filter(pk__in=allowed)


class CreateChildForm(DecisionForm):
    name = NFCFormCharField(label="Tên tổ chức", max_length=255)
    kind = forms.ModelChoiceField(label="Loại tổ chức", queryset=UnitKind.objects.none())
    code = NFCFormCharField(label="Mã đơn vị", max_length=40, required=False)
    field_order = ["name", "kind", "code", "effective_date"]

    def __init__(self, *args, parent_kind_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = child_kinds_of(parent_kind_id)


class RenameForm(RevisionMixin, DecisionForm):
    name = NFCFormCharField(label="Tên mới", max_length=255)
    code = NFCFormCharField(label="Mã đơn vị", max_length=40, required=False)
    field_order = ["name", "code", "effective_date"]


class MoveForm(RevisionMixin, DecisionForm):
    new_parent = forms.ModelChoiceField(label="Trực thuộc tổ chức", queryset=Unit.objects.none())
    field_order = ["new_parent", "effective_date"]

    def __init__(self, *args, unit: Unit, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = parent_kinds_of(unit.kind_id)
        self.fields["new_parent"].queryset = (
            candidates.current().filter(kind__in=kinds).exclude(pk=unit.pk).order_by("path")
        )


class ReclassifyForm(RevisionMixin, DecisionForm):
    kind = forms.ModelChoiceField(label="Loại mới", queryset=UnitKind.objects.none())
    field_order = ["kind", "effective_date"]

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        parent_kind = unit.parent.kind_id if unit.parent_id else None
        self.fields["kind"].queryset = child_kinds_of(parent_kind).exclude(pk=unit.kind_id)


class DissolveForm(RevisionMixin, DecisionForm):
    pass


class MergeForm(DecisionForm):
    """Merge some children of a unit, into one of them or into a new unit under it."""

    sources = forms.ModelMultipleChoiceField(
        label="Các tổ chức hợp nhất",
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    into = forms.ModelChoiceField(
        label="Hợp nhất vào tổ chức đang có",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Để trống để thành lập tổ chức mới.",
    )
    new_name = NFCFormCharField(label="Tên tổ chức mới", max_length=255, required=False)
    new_kind = forms.ModelChoiceField(
        label="Loại tổ chức mới", queryset=UnitKind.objects.none(), required=False
    )
    field_order = ["sources", "into", "new_name", "new_kind", "effective_date"]

    def __init__(self, *args, parent: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        children = Unit.objects.filter(
            pk__in=UnitVersion.objects.filter(parent=parent, valid_to__isnull=True).values(
                "unit_id"
            )
        ).order_by("sort_key")
        self.fields["sources"].queryset = children
        self.fields["into"].queryset = children
        self.fields["new_kind"].queryset = child_kinds_of(parent.kind_id)

    def clean(self):
        data = super().clean()
        if not data.get("into") and not (data.get("new_name") and data.get("new_kind")):
            raise forms.ValidationError(
                "Hãy chọn tổ chức tiếp nhận, hoặc nhập tên và loại của tổ chức mới."
            )
        if data.get("into") and data.get("new_name"):
            raise forms.ValidationError(
                "Chỉ chọn một trong hai: hợp nhất vào tổ chức đang có, hoặc thành lập tổ chức mới."
            )
        return data


class SplitForm(RevisionMixin, DecisionForm):
    """Split a unit into up to four new units; each alive child is assigned to one."""

    PARTS = 4
    keep_source = forms.BooleanField(
        label="Tổ chức cũ vẫn tiếp tục hoạt động (tách một phần)", required=False
    )

    def __init__(self, *args, unit: Unit, children: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        kinds = child_kinds_of(unit.parent.kind_id if unit.parent_id else None)
        choices = [("", "— (ở lại tổ chức cũ)")] + [
            (str(i), f"Tổ chức mới {i}") for i in range(1, self.PARTS + 1)
        ]
        for i in range(1, self.PARTS + 1):
            self.fields[f"part{i}_name"] = NFCFormCharField(
                label=f"Tên tổ chức mới {i}", max_length=255, required=False
            )
            self.fields[f"part{i}_kind"] = forms.ModelChoiceField(
                label=f"Loại tổ chức mới {i}", queryset=kinds, required=False
            )
        self.children = children
        for child in children:
            self.fields[f"child_{child.pk}"] = forms.ChoiceField(
                label=child.name, choices=choices, required=False
            )

    def parts(self):
        """[(name, kind, [children])] for the filled-in parts."""
        data = self.cleaned_data
        result = []
        for i in range(1, self.PARTS + 1):
            name, kind = data.get(f"part{i}_name"), data.get(f"part{i}_kind")
            if not name and not kind:
                continue
            if not name or not kind:
                raise forms.ValidationError(f"Tổ chức mới {i}: cần cả tên và loại.")
            members = [c for c in self.children if data.get(f"child_{c.pk}") == str(i)]
            result.append((name, kind, members))
        return result
