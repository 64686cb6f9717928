"""The public complaint pages, served at /complaint/ with no sign-in."""

from django.urls import path

from forcereview.cases.views import complaints

app_name = "complaints"

urlpatterns = [
    path("", complaints.complaint_form, name="form"),
    path("received/", complaints.complaint_received, name="received"),
    path("status/", complaints.complaint_status, name="status"),
]
