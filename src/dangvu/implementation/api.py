"""Targets, tasks, progress and work programmes under /api/implementation/ (same scopes and
services as the pages)."""

from ninja import Router

router = Router(tags=["Thực hiện nghị quyết, chương trình công tác"])
