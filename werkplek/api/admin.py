from django.contrib import admin

from werkplek.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Installation admins can see and revoke tokens; the secret was never stored."""

    list_display = [
        "name",
        "user",
        "prefix",
        "can_write",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["can_write"]
    search_fields = ["name", "user__email", "prefix"]
    list_select_related = ["user"]
    exclude = ["secret_hash"]
    readonly_fields = ["user", "prefix", "last_used_at", "created_at"]
