"""Study and dissemination sessions under /api/study/ (same scopes and services as the pages)."""

from ninja import Router

router = Router(tags=["Học tập, quán triệt"])
