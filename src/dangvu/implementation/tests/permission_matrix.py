"""Who may reach each implementation URL (merged by tests/test_permission_matrix.py)."""

MATRIX: dict = {}
TARGETS: dict = {}
