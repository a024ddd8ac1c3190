"""Sinh hoạt chi bộ under /api/meetings/: same scopes (404 outside) and services as the pages."""

from ninja import Router

router = Router(tags=["Sinh hoạt chi bộ"])
