from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "forcereview.accounts"
    label = "accounts"
