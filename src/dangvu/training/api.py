"""Đào tạo, bồi dưỡng under /api/training/: same scopes (404 outside) and services as the pages."""

from ninja import Router

router = Router(tags=["Đào tạo, bồi dưỡng"])
