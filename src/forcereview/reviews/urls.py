from django.urls import path

from forcereview.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("task/<int:pk>/", views.task, name="task"),
    path("task/<int:pk>/determine/", views.determine, name="determine"),
    path("flag/<int:pk>/resolve/", views.resolve_flag, name="resolve_flag"),
    path("incident/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("intake/", views.intake, name="intake"),
    path("referral/<int:pk>/decline/", views.decline, name="decline"),
    path("disagreements/", views.disagreements, name="disagreements"),
    path("policy/", views.policy, name="policy"),
    path("policy/edit/", views.policy_edit, name="policy_edit"),
    path("policy/<int:number>/", views.policy_version, name="policy_version"),
]
