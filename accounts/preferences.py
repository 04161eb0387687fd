"""Display preferences a person keeps across visits (cookie names and values)."""

LARGE_TEXT_COOKIE = "gz_large_text"
