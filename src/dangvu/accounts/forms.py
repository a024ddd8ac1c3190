from django import forms
from django.contrib.auth.password_validation import validate_password

from dangvu.orgs.forms import DATE_FORMATS, DateInput
from dangvu.vntext.fields import NFCFormCharField

from . import services
from .models import Role


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class AssignRoleForm(StyledForm):
    role = forms.ModelChoiceField(label="Vai trò", queryset=Role.objects.all())
    unit = forms.ModelChoiceField(label="Tại tổ chức", queryset=None)
    valid_from = forms.DateField(label="Từ ngày", widget=DateInput(), input_formats=DATE_FORMATS)
    valid_to = forms.DateField(
        label="Đến trước ngày", required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def assign(self, *, actor, user):
        data = self.cleaned_data
        return services.assign_role(
            actor=actor,
            user=user,
            role=data["role"],
            unit=data["unit"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        )


class NewUserForm(AssignRoleForm):
    username = forms.SlugField(label="Tên đăng nhập", max_length=150)
    full_name = NFCFormCharField(label="Họ và tên", max_length=150)
    password = forms.CharField(label="Mật khẩu ban đầu", widget=forms.PasswordInput())
    field_order = ["username", "full_name", "password", "role", "unit", "valid_from"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class EndRoleForm(StyledForm):
    valid_to = forms.DateField(
        label="Kết thúc từ ngày", widget=DateInput(), input_formats=DATE_FORMATS
    )
