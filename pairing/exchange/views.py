"""The internal exchange of a paired region (its liaisons and the district's
officers): updates, situation feedback, questions and answers, staff exchanges,
each posted through its own URL; and the attachments, served after a check."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from pairing.exchange import selectors, services
from pairing.exchange.forms import (
    AnswerForm,
    ExchangeForm,
    FeedbackForm,
    QuestionForm,
    UpdateForm,
)
from pairing.exchange.models import Question, Update
from pairing.regions.actions import form_action, paired_region_for
from pairing.regions.models import PairedRegion

VIEW = "pairing.view_internal"
EXCHANGE = "pairing:exchange"


def exchange_page(
    request: HttpRequest, region: PairedRegion, status: int = 200, **forms: Any
) -> HttpResponse:
    may = request.user.has_perm
    shown = {
        "update": may("pairing.post_update", region) and UpdateForm(),
        "feedback": may("pairing.post_update", region) and FeedbackForm(),
        "question": may("pairing.ask_question", region) and QuestionForm(),
        "exchange": may("pairing.record_exchange", region) and ExchangeForm(),
    }
    context = {
        "region": region,
        "updates": selectors.internal_posts(region, Update.Kind.UPDATE),
        "feedback_posts": selectors.internal_posts(region, Update.Kind.FEEDBACK),
        "questions": selectors.questions(region),
        "exchanges": selectors.staff_exchanges(region),
        "may_answer": may("pairing.answer_question", region),
        "answer_form": forms.pop("answer", None) or AnswerForm(),
        "answering": forms.pop("answering", None),
        **{key: forms.get(key, form) for key, form in shown.items()},
    }
    return render(request, "pairing/exchange.html", context, status=status)


@login_required
def exchange(request: HttpRequest, slug: str) -> HttpResponse:
    region, refused = paired_region_for(request, slug, VIEW)
    return refused or exchange_page(request, region)


def _post(kind: str) -> Any:
    def service(*, actor: Any, paired_region: PairedRegion, **data: Any) -> Any:
        return services.post_update(
            actor=actor, paired_region=paired_region, kind=kind, **data
        )

    return service


post_update = form_action(
    perm="pairing.post_update",
    form=lambda request, region: UpdateForm(request.POST, request.FILES),
    service=_post(Update.Kind.UPDATE),
    done=gettext_lazy("The update is posted."),
    page=exchange_page,
    key="update",
    redirect_to=EXCHANGE,
)
post_feedback = form_action(
    perm="pairing.post_update",
    form=lambda request, region: FeedbackForm(request.POST, request.FILES),
    service=_post(Update.Kind.FEEDBACK),
    done=gettext_lazy("The feedback is posted."),
    page=exchange_page,
    key="feedback",
    redirect_to=EXCHANGE,
)
ask = form_action(
    perm="pairing.ask_question",
    form=lambda request, region: QuestionForm(request.POST),
    service=services.ask_question,
    done=gettext_lazy("The question is sent to the supporting district."),
    page=exchange_page,
    key="question",
    redirect_to=EXCHANGE,
)
record_exchange = form_action(
    perm="pairing.record_exchange",
    form=lambda request, region: ExchangeForm(request.POST),
    service=services.record_exchange,
    done=gettext_lazy("The staff exchange is recorded."),
    page=exchange_page,
    key="exchange",
    redirect_to=EXCHANGE,
)


def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Answer one question of this region (another region's question is a 404)."""
    region = get_object_or_404(PairedRegion, slug=slug)
    question = get_object_or_404(Question, pk=pk, paired_region=region)

    def service(*, actor: Any, paired_region: PairedRegion, answer: str) -> Any:
        return services.answer_question(
            actor=actor, paired_region=paired_region, question=question, answer=answer
        )

    def page(request: HttpRequest, region: PairedRegion, **kwargs: Any) -> Any:
        return exchange_page(request, region, answering=question.pk, **kwargs)

    return form_action(
        perm="pairing.answer_question",
        form=lambda request, region: AnswerForm(request.POST),
        service=service,
        done=gettext_lazy("The answer is sent; the asker is told."),
        page=page,
        key="answer",
        redirect_to=EXCHANGE,
    )(request, slug)


def attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A post's attachment: anyone's for a public update, else only for those who
    see the region's internal exchange."""
    update = get_object_or_404(
        Update.objects.select_related("paired_region"),
        pk=pk,
        paired_region__slug=slug,
    )
    if not update.attachment:
        raise Http404
    if not update.is_public and not request.user.has_perm(VIEW, update.paired_region):
        raise PermissionDenied
    return FileResponse(update.attachment.open("rb"), as_attachment=True)
