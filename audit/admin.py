"""A read-only list of the audit log for platform admins (rows are only appended)."""

from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target_repr", "community"]
    list_filter = ["action", "community"]
    search_fields = ["action", "target_repr", "actor__email"]
    date_hierarchy = "at"
    list_select_related = ["actor", "community"]
    readonly_fields = [
        "at",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "community",
        "data",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
