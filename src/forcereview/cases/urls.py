from django.urls import path

from forcereview.cases.views import cases, claims, complaints, reports

app_name = "cases"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("new/", cases.case_new, name="new"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/file.pdf", reports.case_pdf, name="pdf"),
    path("<int:pk>/officers/", cases.add_officer, name="add_officer"),
    path("<int:pk>/incidents/", cases.link_incident, name="link_incident"),
    path("<int:pk>/evidence/", cases.link_evidence, name="link_evidence"),
    path("<int:pk>/criminal-team/", cases.add_team_member, name="add_team_member"),
    path("<int:pk>/log/", cases.add_log_entry, name="add_log_entry"),
    path("<int:pk>/allegations/", cases.add_allegation, name="add_allegation"),
    path("<int:pk>/allegations/<int:aid>/recommend/", cases.recommend, name="recommend"),
    path("<int:pk>/allegations/<int:aid>/decide/", cases.decide, name="decide"),
    path("<int:pk>/discipline/<int:did>/", cases.decide_discipline, name="decide_discipline"),
    path("<int:pk>/stage/", cases.stage, name="stage"),
    path("<int:pk>/close/", cases.close, name="close"),
    path("<int:pk>/personnel/", cases.personnel, name="personnel"),
    path("<int:pk>/training/", cases.assign_training, name="assign_training"),
    path("<int:pk>/training/<int:tid>/complete/", cases.complete_training, name="complete_training"),
    path("<int:pk>/referrals/", cases.refer, name="refer"),
    path("<int:pk>/referrals/<int:rid>/", cases.update_referral, name="update_referral"),
    path("<int:pk>/board/<int:rid>/", reports.board_report, name="board_report"),
    path("<int:pk>/board/<int:rid>/update/", cases.board_report_step, name="board_report_step"),
    path("disclosures/", reports.disclosures, name="disclosures"),
    path("summaries/", reports.summary_list, name="summaries"),
    path("summaries/<int:pk>/", reports.summary_detail, name="summary_detail"),
    path("claims/", claims.claim_list, name="claim_list"),
    path("claims/new/", claims.claim_new, name="claim_new"),
    path("claims/<int:pk>/", claims.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/update/", claims.claim_step, name="claim_step"),
    path("complaints/", complaints.complaint_list, name="complaint_list"),
    path("complaints/<int:pk>/", complaints.complaint_detail, name="complaint_detail"),
]
