"""Pydantic types for django-ninja schemas."""

from typing import Annotated

from pydantic import AfterValidator

from dangvu.vntext.normalize import clean_text

__all__ = ["NFCStr"]

# A string cleaned like NFCCharField: NFC, whitespace collapsed, stripped.
NFCStr = Annotated[str, AfterValidator(clean_text)]
