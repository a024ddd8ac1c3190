"""The permission vocabulary: one place for every permission code a role can grant.

Later apps add their codes with :func:`register` from their ``AppConfig.ready``.
A permission is held through a role *at a unit* and reaches that unit's subtree.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Permission:
    code: str
    label: str
    implies: tuple[str, ...] = ()


VIEW_UNITS = "view_units"
READ = "read"
WRITE = "write"
MANAGE_UNITS = "manage_units"
MANAGE_MEMBERS = "manage_members"
SEE_SENSITIVE = "see_sensitive"
MANAGE_DISCIPLINE = "manage_discipline"
MANAGE_USERS = "manage_users"
VIEW_REPORTS = "view_reports"
VIEW_AUDIT = "view_audit"

_REGISTRY: dict[str, Permission] = {}


def register(code: str, label: str, implies: tuple[str, ...] = ()) -> Permission:
    if code in _REGISTRY:
        raise ValueError(f"Quyền {code!r} đã được khai báo.")
    for other in implies:
        if other not in _REGISTRY:
            raise ValueError(f"Quyền {code!r} kéo theo quyền chưa khai báo {other!r}.")
    permission = Permission(code, label, tuple(implies))
    _REGISTRY[code] = permission
    return permission


def all_permissions() -> dict[str, Permission]:
    return dict(_REGISTRY)


def label(code: str) -> str:
    return _REGISTRY[code].label


def expand(codes) -> frozenset[str]:
    """The codes and every code they imply; unknown codes raise ValueError."""
    result: set[str] = set()
    stack = list(codes)
    while stack:
        code = stack.pop()
        if code in result:
            continue
        if code not in _REGISTRY:
            raise ValueError(f"Quyền không tồn tại: {code!r}.")
        result.add(code)
        stack.extend(_REGISTRY[code].implies)
    return frozenset(result)


register(VIEW_UNITS, "Xem cây tổ chức")
register(READ, "Xem hồ sơ, số liệu của các tổ chức trực thuộc", (VIEW_UNITS,))
register(WRITE, "Nhập, sửa hồ sơ của các tổ chức trực thuộc", (READ,))
register(MANAGE_UNITS, "Thành lập, đổi tên, sáp nhập, chia tách, giải thể tổ chức", (READ,))
register(MANAGE_MEMBERS, "Quản lý đảng viên", (READ,))
register(SEE_SENSITIVE, "Xem thông tin nhạy cảm của đảng viên", (READ,))
register(MANAGE_DISCIPLINE, "Quản lý kiểm tra, kỷ luật", (READ,))
register(MANAGE_USERS, "Quản lý tài khoản cấp dưới", (VIEW_UNITS,))
register(VIEW_REPORTS, "Xem báo cáo, số liệu tổng hợp", (VIEW_UNITS,))
register(VIEW_AUDIT, "Xem nhật ký thay đổi", (READ,))
