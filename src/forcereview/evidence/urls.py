from django.urls import path

from forcereview.evidence import views

app_name = "evidence"

urlpatterns = [
    path("incident/<int:incident_pk>/add/", views.upload, name="upload"),
    path("<int:pk>/", views.item_page, name="item"),
    path("<int:pk>/custody/", views.custody, name="custody"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/media/", views.media, name="media"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/export/", views.export, name="export"),
    path("<int:pk>/segments/<int:index>/correct/", views.correct, name="correct"),
    path("<int:pk>/hold/", views.place_hold, name="place_hold"),
    path("<int:pk>/hold/<int:hold_pk>/lift/", views.lift_hold, name="lift_hold"),
    path("<int:pk>/retention/", views.retention, name="retention"),
    path("<int:pk>/jobs/<int:job_pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/analyse/", views.reanalyse, name="reanalyse"),
]
