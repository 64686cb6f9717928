from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "forcereview.web"
    label = "web"

    def ready(self) -> None:
        from forcereview.web import home
        from forcereview.web.panels import HOME_PANELS

        HOME_PANELS.extend(p for p in home.PANELS if p not in HOME_PANELS)
