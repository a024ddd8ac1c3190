"""The `dangvu` console command: Django's manage.py for this project."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    argv = list(sys.argv if argv is None else argv)
    # The demo and the test runner may run without a SECRET_KEY of their own.
    if len(argv) > 1 and argv[1] in {"demo", "test"}:
        os.environ.setdefault("DANGVU_DEV_DEFAULTS", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
