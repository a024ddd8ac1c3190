"""Who may reach each documents URL (merged by tests/test_permission_matrix.py)."""

MATRIX: dict = {}
TARGETS: dict = {}
