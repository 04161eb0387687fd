"""A storage like S3: it keeps files (in memory) but has no local paths."""

import os

from django.core.files.storage import InMemoryStorage
from django.utils._os import safe_join


class PathlessStorage(InMemoryStorage):
    def path(self, name):
        raise NotImplementedError("Object storage has no local paths.")

    def _relative_path(self, name):
        # InMemoryStorage finds its nodes through path(); keep that working inside.
        return os.path.relpath(safe_join(self.location, name), self.location)
