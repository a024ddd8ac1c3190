"""Document symbols ("71-NQ/TU"): rendering from parts and parsing back from text."""


def render_symbol(number: str, type_code: str, agency: str) -> str:
    return f"{number}-{type_code}/{agency}"
