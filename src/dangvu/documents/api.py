"""Documents, implementation and study sessions under /api/documents/ (same scopes and services
as the pages)."""

from ninja import Router

router = Router(tags=["Văn bản, thực hiện, học tập quán triệt"])
