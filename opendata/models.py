"""The app's models, one module per concern (Django reads them from here)."""

from opendata.tokens.models import ApiToken

__all__ = ["ApiToken"]
