"""Who may reach each meetings URL (merged by tests/test_permission_matrix.py)."""

MATRIX: dict = {}
TARGETS: dict = {}
