"""Every pairing permission: importing each concern's rules registers them."""

from pairing.exchange import rules as exchange  # noqa: F401
from pairing.regions import rules as regions  # noqa: F401
