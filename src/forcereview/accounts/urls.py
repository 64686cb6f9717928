from django.urls import path

from forcereview.accounts import views

app_name = "accounts"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke_token"),
    path("password/", views.change_password, name="password"),
    path("set-password/<str:uidb64>/<str:token>/", views.set_password, name="set_password"),
]
