from django.urls import path

from forcereview.administration import views

app_name = "administration"

urlpatterns = [
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path("users/<int:pk>/reset-password/", views.user_reset_password, name="user_reset_password"),
    path("officers/", views.officer_list, name="officers"),
    path("officers/new/", views.officer_new, name="officer_new"),
    path("officers/<int:pk>/", views.officer_detail, name="officer"),
    path("units/", views.unit_list, name="units"),
    path("units/new/", views.unit_new, name="unit_new"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
]
