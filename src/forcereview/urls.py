from django.urls import include, path

from forcereview.api import api

urlpatterns = [
    path("", include("forcereview.web.urls")),
    path("incidents/", include("forcereview.records.urls")),
    path("evidence/", include("forcereview.evidence.urls")),
    path("reviews/", include("forcereview.reviews.urls")),
    path("cases/", include("forcereview.cases.urls")),
    path("complaint/", include("forcereview.cases.public_urls")),
    path("deadlines/", include("forcereview.deadlines.urls")),
    path("audit/", include("forcereview.audit.urls")),
    path("account/", include("forcereview.accounts.urls")),
    path("admin/", include("forcereview.administration.urls")),
    path("api/", api.urls),
]

handler403 = "forcereview.web.views.forbidden"
handler404 = "forcereview.web.views.not_found"
handler500 = "forcereview.web.views.server_error"
