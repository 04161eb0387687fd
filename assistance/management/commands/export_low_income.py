"""Write the file for the city's 低收入人口 monitoring platform (docs/assistance-export.md)."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from assistance.oversight.exports import FORMATS, export_low_income
from communities.models import Region


class Command(BaseCommand):
    help = (
        "Export the district's supported households (ID numbers included) for the "
        "city's low-income population monitoring platform; logged and audited."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="district slug")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--out", required=True, help="file to write")
        parser.add_argument(
            "--agreement",
            default="",
            help="reference of the entrusted-processing agreement (委托处理协议)",
        )
        parser.add_argument(
            "--made-by", default="", help="who runs the export (default: OS user)"
        )

    def handle(self, *args, **options) -> None:
        agreement = options["agreement"].strip()
        if not agreement:
            raise CommandError(
                "Refused: give --agreement with the reference of the "
                "entrusted-processing agreement with the platform."
            )
        district = Region.objects.filter(
            slug=options["district"], kind=Region.Kind.DISTRICT
        ).first()
        if district is None:
            raise CommandError(f"No district with the slug {options['district']!r}.")
        try:
            log = export_low_income(
                district=district,
                fmt=options["format"],
                path=options["out"],
                agreement=agreement,
                made_by=options["made_by"] or getpass.getuser(),
            )
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wrote {log.rows} rows to {log.path} (export {log.pk}).")
