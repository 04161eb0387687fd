"""Content negotiation by the URL alone (`?format=json|csv`, JSON by default), so
that a cached response, keyed by its URL, is always the one the URL asks for."""

from rest_framework.negotiation import DefaultContentNegotiation


class FormatOnlyNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        format_query_param = self.settings.URL_FORMAT_OVERRIDE
        wanted = format_suffix or request.query_params.get(format_query_param)
        if wanted:
            return super().select_renderer(request, renderers, format_suffix)
        renderer = renderers[0]
        return renderer, renderer.media_type
