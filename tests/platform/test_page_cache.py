"""The anonymous page cache: what is cached, what never is, and how it is retired."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from accounts.preferences import LARGE_TEXT_COOKIE
from communities.cache import bump_generation, cache_public_page


class CountingView:
    def __init__(self):
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        return HttpResponse(f"render {self.calls}")


@pytest.fixture
def view():
    return CountingView()


def anonymous_get(path="/", cookies=None):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.COOKIES.update(cookies or {})
    return request


def test_second_anonymous_get_is_served_from_the_cache(view):
    cached = cache_public_page(view)
    first = cached(anonymous_get())
    second = cached(anonymous_get())
    assert view.calls == 1
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_bumping_the_generation_retires_every_cached_page(view):
    cached = cache_public_page(view)
    cached(anonymous_get("/"))
    cached(anonymous_get("/other/"))
    bump_generation()
    assert cached(anonymous_get("/")).content == b"render 3"
    assert view.calls == 3


@pytest.mark.django_db
def test_signed_in_people_never_get_or_fill_the_cache(view, user):
    cached = cache_public_page(view)
    request = RequestFactory().get("/")
    request.user = user
    cached(request)
    cached(request)
    assert view.calls == 2
    assert cached(anonymous_get()).content == b"render 3"


def test_language_and_text_size_are_separate_cache_entries(view):
    cached = cache_public_page(view)
    with translation.override("en"):
        cached(anonymous_get())
    with translation.override("zh-hans"):
        cached(anonymous_get())
        cached(anonymous_get(cookies={LARGE_TEXT_COOKIE: "1"}))
    assert view.calls == 3


def test_a_page_that_used_its_csp_nonce_is_not_cached():
    calls = []

    def view_with_nonce(request):
        calls.append(1)
        str(request._csp_nonce)  # the template used the nonce
        return HttpResponse("inline script page")

    from django.utils.csp import LazyNonce

    cached = cache_public_page(view_with_nonce)
    for _ in range(2):
        request = anonymous_get()
        request._csp_nonce = LazyNonce()
        cached(request)
    assert len(calls) == 2


def test_a_response_setting_cookies_or_carrying_messages_is_not_cached():
    calls = []

    def view_setting_cookie(request):
        calls.append(1)
        response = HttpResponse("hello")
        response.set_cookie("csrftoken", "abc")
        return response

    cached = cache_public_page(view_setting_cookie)
    cached(anonymous_get())
    cached(anonymous_get())
    assert len(calls) == 2

    shown = CountingView()
    cached = cache_public_page(shown)
    request = anonymous_get()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(20, "Saved")
    cached(request)
    cached(anonymous_get())
    assert shown.calls == 2


def test_errors_are_not_cached():
    calls = []

    def missing(request):
        calls.append(1)
        return HttpResponse("nope", status=404)

    cached = cache_public_page(missing)
    cached(anonymous_get())
    cached(anonymous_get())
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_change_in_a_transaction_retires_the_cache_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    from communities.cache import current_generation

    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        bump_generation()
        during = current_generation()
    assert during == before + 1  # pages cached from now on are retired at commit
    assert current_generation() == before + 2
