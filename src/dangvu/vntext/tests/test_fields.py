import unicodedata
from types import SimpleNamespace

from django.db.models import F
from pydantic import TypeAdapter

from dangvu.vntext.fields import (
    NFCCharField,
    NFCFormCharField,
    NFCFormTextField,
    NFCTextField,
)
from dangvu.vntext.schema_types import NFCStr

NFD_NAME = unicodedata.normalize("NFD", "  Nguyễn   Thị Hoà ")


def named(field, name):
    field.set_attributes_from_name(name)
    return field


def test_char_field_cleans_on_save_and_to_python():
    field = named(NFCCharField(max_length=100), "ho_ten")
    member = SimpleNamespace(ho_ten=NFD_NAME)
    assert field.pre_save(member, add=True) == "Nguyễn Thị Hoà"
    assert member.ho_ten == "Nguyễn Thị Hoà"  # tone placement kept as typed
    assert field.to_python(NFD_NAME) == "Nguyễn Thị Hoà"
    assert field.to_python(None) is None
    assert field.get_prep_value(NFD_NAME) == "Nguyễn Thị Hoà"


def test_char_field_leaves_expressions_alone():
    field = named(NFCCharField(max_length=100), "ho_ten")
    expression = F("ten")
    member = SimpleNamespace(ho_ten=expression)
    assert field.pre_save(member, add=False) is expression


def test_text_field_keeps_line_breaks():
    field = named(NFCTextField(), "ghi_chu")
    text = unicodedata.normalize("NFD", "Dòng một\n\n  Dòng hai  ")
    note = SimpleNamespace(ghi_chu=text)
    assert field.pre_save(note, add=True) == "Dòng một\n\n  Dòng hai  "
    assert unicodedata.is_normalized("NFC", note.ghi_chu)


def test_fields_deconstruct_to_their_own_path():
    name, path, _, kwargs = named(NFCCharField(max_length=50), "ten").deconstruct()
    assert (name, path, kwargs) == ("ten", "dangvu.vntext.fields.NFCCharField", {"max_length": 50})
    _, path, _, _ = named(NFCTextField(blank=True), "ghi_chu").deconstruct()
    assert path == "dangvu.vntext.fields.NFCTextField"


def test_form_fields_clean():
    form_field = NFCCharField(max_length=100).formfield()
    assert isinstance(form_field, NFCFormCharField)
    assert form_field.clean(NFD_NAME) == "Nguyễn Thị Hoà"
    assert form_field.max_length == 100
    assert NFCFormCharField(required=False).clean("\u200b ") == ""
    text_field = NFCTextField().formfield()
    assert isinstance(text_field, NFCFormTextField)
    assert text_field.clean(unicodedata.normalize("NFD", "Một\n  hai")) == "Một\n  hai"


def test_pydantic_type():
    adapter = TypeAdapter(NFCStr)
    assert adapter.validate_python(NFD_NAME) == "Nguyễn Thị Hoà"
