"""Who may reach each study URL (merged by tests/test_permission_matrix.py)."""

MATRIX: dict = {}
TARGETS: dict = {}
