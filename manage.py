#!/usr/bin/env python
"""Django's command-line utility. Loads `.env`, defaults to development settings."""

import os
import sys
from pathlib import Path


def main() -> None:
    try:
        from dotenv import load_dotenv
    except ImportError:  # pragma: no cover - dependency is always installed
        pass
    else:
        load_dotenv(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
