"""The team: staff accounts and their roles, managed by the chief editor.

A superuser, or a user given the ``auth`` user permissions (the chief editor),
adds Writers, Moderators and Editors here by choosing a role. Least privilege
holds for everyone who is not a superuser: the only roles on offer are the three
editorial groups; superuser status and single permissions are not on the form;
superusers' accounts cannot be changed or deleted; groups' permissions are
read-only. Superusers keep Django's full user form.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

User = get_user_model()

# The editorial roles, least privilege first (articles/migrations/0002 and 0006).
ROLES = ["Writers", "Moderators", "Editors"]
ROLE_HELP = _(
    "Writers draft articles and send them to review; Moderators judge readers' comments; Editors edit, "
    "publish and archive everything editorial and moderate comments. None of them manages accounts."
)


def editorial_groups():
    return Group.objects.filter(name__in=ROLES).order_by("name")


class TeamMemberCreationForm(AdminUserCreationForm):
    role = forms.ModelChoiceField(queryset=Group.objects.none(), label=_("role"), help_text=ROLE_HELP)

    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = editorial_groups()


class TeamUserAdmin(UserAdmin):
    add_form = TeamMemberCreationForm
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "usable_password", "password1", "password2"]}),
        (_("Who"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Role"), {"fields": ["role"]}),
    ]
    list_display = ["username", "full_name", "email", "roles", "is_active", "is_superuser", "last_login"]
    list_filter = ["groups", "is_active", "is_superuser"]

    # -- what a chief editor who is not a superuser sees and may do --------------

    def get_fieldsets(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return [
            (None, {"fields": ["username", "password"]}),
            (_("Who"), {"fields": ["first_name", "last_name", "email"]}),
            (_("Role and access"), {"fields": ["groups", "is_active"]}),
            (_("Dates"), {"fields": ["last_login", "date_joined"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["last_login", "date_joined"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = editorial_groups()
            kwargs["help_text"] = ROLE_HELP
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _protects(self, request, obj):
        """A superuser's account is changed only by a superuser."""
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._protects(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._protects(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj):
        return obj.get_full_name() or "—"

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(sorted(group.name for group in obj.groups.all())) or "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.is_staff = True  # a team member works in the admin
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        kept = []
        if change and not request.user.is_superuser:
            # Groups the form does not offer (given by a superuser) stay as they are.
            kept = list(form.instance.groups.exclude(name__in=ROLES))
        super().save_related(request, form, formsets, change)
        if not change and "role" in form.cleaned_data:
            form.instance.groups.set([form.cleaned_data["role"]])
        if kept:
            form.instance.groups.add(*kept)


class ReadOnlyGroupAdmin(GroupAdmin):
    """Which permissions a role carries is decided in migrations; only a superuser changes it here."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


for model, model_admin in ((User, TeamUserAdmin), (Group, ReadOnlyGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
