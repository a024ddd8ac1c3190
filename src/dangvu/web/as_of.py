"""The "as of date" selector shared by every page that shows history."""

from datetime import date, datetime

from dangvu.accounts.scopes import today

_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_day(raw: str | None) -> date | None:
    raw = (raw or "").strip()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def as_of(request) -> tuple[date, str]:
    """The date asked for in ``?ngay=`` (default today) and an error message if unreadable."""
    raw = request.GET.get("ngay")
    if not raw:
        return today(), ""
    day = parse_day(raw)
    if day is None:
        return (
            today(),
            f"Ngày “{raw}” không đọc được; hãy nhập theo dạng dd/mm/yyyy. Đang hiển thị hôm nay.",
        )
    return day, ""
