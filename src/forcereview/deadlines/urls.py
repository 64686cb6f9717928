from django.urls import path

from forcereview.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/meet/", views.meet, name="meet"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
