from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    """The administrator's pages: the agency's logins, officers and units."""

    name = "forcereview.administration"
    label = "administration"
