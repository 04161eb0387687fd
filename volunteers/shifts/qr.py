"""QR codes for check-in and certificates: the shared helper in `communities.qr`."""

from communities.qr import qr_data_uri

__all__ = ["qr_data_uri"]
