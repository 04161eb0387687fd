"""Index every live notice, disclosure and charter again (after a bulk import, say)."""

from django.core.management.base import BaseCommand

from governance.search import index as search_index


class Command(BaseCommand):
    help = "Rebuild the site search index from the live pages."

    def handle(self, *args, **options):
        count = search_index.rebuild()
        self.stdout.write(f"Indexed {count} pages.")
