"""A person's own notifications and preferences. Every page is private to its owner."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from notifications import selectors, services
from notifications.forms import PreferencesForm, field_name


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 20

    def get_queryset(self):
        return selectors.notifications_of(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread_count"] = selectors.unread_count(self.request.user)
        return context


class NotificationOpenView(LoginRequiredMixin, View):
    """Marks the notification read and follows its link (only for its recipient)."""

    def get(self, request, pk):
        notification = selectors.notification_for_recipient(
            user=request.user, notification_id=pk
        )
        services.mark_read(notification=notification)
        target = notification.url
        if not target or not url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            target = reverse("notifications:list")
        return redirect(target)


class NotificationMarkAllReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        changed = services.mark_all_read(user=request.user)
        if changed:
            messages.success(request, _("All notifications are marked as read."))
        return redirect("notifications:list")


class NotificationPreferencesView(LoginRequiredMixin, FormView):
    template_name = "notifications/preferences.html"
    form_class = PreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["current"] = selectors.effective_preferences(self.request.user)
        return kwargs

    def form_valid(self, form):
        try:
            services.set_preferences(
                user=self.request.user, deliveries=form.deliveries()
            )
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field_name(key), problem)
            return self.form_invalid(form)
        messages.success(self.request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
