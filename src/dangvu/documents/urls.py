from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("moi/", views.create, name="create"),
    path("xuat/", views.export, name="export"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/sua/", views.edit, name="edit"),
    path("<int:document_id>/tep/", views.add_attachment, name="attachment_add"),
    path("<int:document_id>/tep/<int:attachment_id>/", views.download, name="download"),
    path(
        "<int:document_id>/tep/<int:attachment_id>/go/",
        views.remove_attachment,
        name="attachment_remove",
    ),
    path("<int:document_id>/quan-he/", views.add_relation, name="relation_add"),
    path(
        "<int:document_id>/quan-he/<int:relation_id>/go/",
        views.remove_relation,
        name="relation_remove",
    ),
]
