from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "forcereview.cases"
    label = "cases"
    verbose_name = "Internal-affairs cases"

    def ready(self) -> None:
        from forcereview.cases import checks, hooks  # noqa: F401  (checks registers itself)

        hooks.connect()
