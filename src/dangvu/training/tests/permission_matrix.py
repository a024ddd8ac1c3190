"""Who may reach each training URL (merged by tests/test_permission_matrix.py)."""

MATRIX: dict = {}
TARGETS: dict = {}
