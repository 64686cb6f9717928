from django.urls import path

from forcereview.records import import_views, views

app_name = "records"

urlpatterns = [
    path("", views.incident_list, name="incident_list"),
    path("new/", views.incident_new, name="incident_new"),
    path("import/", import_views.import_incidents, name="import"),
    path("import/example.csv", import_views.example_csv, name="import_example"),
    path("<int:pk>/", views.incident_detail, name="incident_detail"),
    path("<int:pk>/edit/", views.incident_edit, name="incident_edit"),
]
