"""Decision steps, one URL each: confirm, refuse,
uphold or dismiss an appeal, grant a district exception."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from assistance.cases.models import Case
from assistance.decisions import services
from assistance.decisions.forms import (
    AmountForm,
    AppealAnswerForm,
    ExceptionForm,
    RefusalForm,
    next_month,
)
from assistance.decisions.steps import CaseStepView
from assistance.publicity.selectors import current_publicity


class ConfirmView(CaseStepView):
    perm = "assistance.confirm_case"
    form_class = AmountForm
    title = _("Confirm the case")
    done = _("The case is confirmed and the applicant told.")

    def initial(self, case: Case) -> dict[str, Any]:
        publicity = current_publicity(case)
        amount = publicity.amount if publicity and case.kind == "temporary" else None
        return {"start_month": next_month(), "amount": amount}

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        return services.confirm_case(
            case=case,
            actor=self.request.user,
            start_month=data["start_month"],
            amount=data.get("amount"),
        )


class RefuseView(CaseStepView):
    perm = "assistance.refuse_case"
    form_class = RefusalForm
    title = _("Refuse the case")
    done = _("The case is refused and the applicant told the reasons.")

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        return services.refuse_case(
            case=case,
            actor=self.request.user,
            category=data["category"],
            reasons=data["reasons"],
        )


class AppealUpholdView(CaseStepView):
    perm = "assistance.decide_appeal"
    form_class = AppealAnswerForm
    title = _("Uphold the appeal: investigate again")
    done = _("The appeal is upheld; the case goes back for investigation.")
    uphold = True

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        return services.decide_appeal(
            case=case,
            actor=self.request.user,
            uphold=self.uphold,
            answer=data["answer"],
        )


class AppealDismissView(AppealUpholdView):
    title = _("Dismiss the appeal: the refusal stands")
    done = _("The appeal is dismissed; the refusal is final.")
    uphold = False


class ExceptionView(CaseStepView):
    perm = "assistance.grant_exception"
    form_class = ExceptionForm
    title = _("Record a district exception")
    done = _("The exception is recorded.")

    def act(self, case: Case, target: Any, data: dict[str, Any]) -> Any:
        return services.grant_exception(
            case=case, actor=self.request.user, kind=data["kind"], reason=data["reason"]
        )
