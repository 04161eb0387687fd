"""Precomputed figures of the officers' region dashboards (see `snapshots`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionFigures(models.Model):
    """A street's or district's dashboard totals, as one kind of viewer sees them.

    `viewer` fingerprints the viewer's role grants (links behind a figure depend
    on what the viewer may open); `sections` holds, per registered section, its
    figures with their labels (in `language`), counts, links and tones.
    """

    region = models.ForeignKey(
        "communities.Region",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("region"),
    )
    viewer = models.CharField(_("viewer"), max_length=64)
    language = models.CharField(_("language"), max_length=16)
    sections = models.JSONField(_("sections"), default=list)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("region figures")
        verbose_name_plural = _("region figures")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "viewer", "language"],
                name="communities_regionfigures_one_per_viewer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.language} {self.computed_at:%H:%M}"
