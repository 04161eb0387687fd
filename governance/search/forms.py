"""The site search form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from governance.search import index as search_index


class SearchForm(forms.Form):
    """The site search: words to find, and optional filters (GET, cacheable)."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=100,
        help_text=_("Any word or part of a sentence, at least two characters."),
    )
    community = forms.ModelChoiceField(
        label=_("Community"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("All communities"),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:

        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.only(
            "pk", "name", "slug", "kind", "street_id"
        ).order_by("name")
        self.fields["kind"].choices = [("", _("Everything"))] + [
            (kind.key, kind.label) for kind in search_index.KINDS.values()
        ]
        self.fields["category"].choices = [
            ("", _("All categories"))
        ] + search_index.category_choices()
