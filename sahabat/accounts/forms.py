"""Forms for region admins: inviting people, changing roles, issuing tokens, filtering the trail."""

from auditlog.models import LogEntry
from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.accounts.permissions import GRANTABLE_ROLES, TOKEN_ROLES, Role


def _grantable_choices(actor, region, roles=None):
    if actor.is_superuser:
        allowed = set(Role.values)
    else:
        allowed = {
            grantable for held in actor.roles_in(region.pk) for grantable in GRANTABLE_ROLES.get(held, ())
        }
    return [
        (value, label)
        for value, label in Role.choices
        if value in allowed and (roles is None or value in roles)
    ]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, actor, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _grantable_choices(actor, region)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, actor, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _grantable_choices(actor, region)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("For example: Booth A-001 cashier phone")
    )
    role = forms.ChoiceField(label=_("Role"))
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("Leave empty for no expiry."),
    )

    def __init__(self, *args, actor, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _grantable_choices(actor, region, roles=TOKEN_ROLES)


class AuditFilterForm(forms.Form):
    ACTIONS = [
        ("", _("All actions")),
        (LogEntry.Action.CREATE, _("Created")),
        (LogEntry.Action.UPDATE, _("Changed")),
        (LogEntry.Action.DELETE, _("Deleted")),
    ]
    model = forms.ChoiceField(label=_("Record type"), required=False)
    user = forms.ChoiceField(label=_("User"), required=False)
    action = forms.TypedChoiceField(
        label=_("Action"), choices=ACTIONS, coerce=int, empty_value=None, required=False
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, model_choices, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("All record types")), *model_choices]
        self.fields["user"].choices = [("", _("All users"))] + [(str(u.pk), u.get_full_name()) for u in users]
