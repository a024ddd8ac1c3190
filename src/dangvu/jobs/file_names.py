"""File names: ASCII names for storage, the Vietnamese name for the user's download."""

import re
from pathlib import PurePath
from urllib.parse import quote

from dangvu.vntext.search_keys import search_key

_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


def storage_name(filename: str, *, fallback: str = "tep") -> str:
    """ "Danh sách đảng viên.xlsx" -> "danh-sach-dang-vien.xlsx" (safe on every disk)."""
    path = PurePath(filename.replace("\\", "/"))
    suffix = path.suffix.lower() if _SUFFIX.match(path.suffix.lower()) else ""
    stem = "-".join(search_key(path.stem if suffix else path.name).split())[:80] or fallback
    return stem + suffix


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """The header value with an ASCII ``filename`` for old clients and the UTF-8 name in
    ``filename*`` (RFC 5987/6266), so "Danh sách đảng viên.xlsx" arrives as written."""
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{storage_name(filename)}\"; filename*=UTF-8''{quote(filename)}"
