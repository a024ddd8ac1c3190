"""Model and form fields that store Vietnamese text in NFC.

NFCCharField also trims and collapses whitespace (names, titles); NFCTextField only
normalises to NFC so line breaks in free text survive. Both deconstruct as their own
import path, so migrations refer to ``dangvu.vntext.fields``.
"""

from typing import Any

from django import forms
from django.db import models

from dangvu.vntext.normalize import clean_text, nfc

__all__ = ["NFCCharField", "NFCFormCharField", "NFCFormTextField", "NFCTextField"]


class NFCFormCharField(forms.CharField):
    """Form field: NFC, whitespace runs collapsed to one space, stripped."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, str):
            value = clean_text(value)
            if value in self.empty_values:
                return self.empty_value
        return value


class NFCFormTextField(forms.CharField):
    """Form field for free text: NFC only (plus the usual strip)."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return nfc(value) if isinstance(value, str) else value


class NFCCharField(models.CharField):
    """CharField stored as ``clean_text`` (NFC, single spaces, stripped)."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return clean_text(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):  # leave expressions (F, Value...) alone
            value = clean_text(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": NFCFormCharField, **kwargs})


class NFCTextField(models.TextField):
    """TextField stored in NFC; whitespace is left as typed."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return nfc(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):  # leave expressions (F, Value...) alone
            value = nfc(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": NFCFormTextField, **kwargs})
