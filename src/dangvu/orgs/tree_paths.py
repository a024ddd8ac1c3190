"""Materialised paths of the org tree: ``/1/12/345/`` lists the unit ids from the root.

Paths are compared as plain byte strings (``COLLATE "C"`` on PostgreSQL, BINARY on SQLite),
so a subtree is a single indexed range ``path >= P AND path < P || '~'``.
"""

from django.db import models

SEPARATOR = "/"
UPPER = "~"  # sorts after every digit and the separator


class TreePathField(models.CharField):
    """A CharField stored with byte-order collation so prefix ranges use the index."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


def child_path(parent_path: str | None, unit_id: int) -> str:
    return f"{parent_path or SEPARATOR}{unit_id}{SEPARATOR}"


def path_range(path: str) -> tuple[str, str]:
    return path, path + UPPER


def path_within(path: str, root: str) -> bool:
    return path.startswith(root)


def path_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip(SEPARATOR).split(SEPARATOR) if part]


def path_depth(path: str) -> int:
    return len(path_ids(path)) - 1


def minimal_roots(paths) -> tuple[str, ...]:
    """Drop every path that lies inside another one of the set."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return tuple(result)
