from django.urls import path

from werkplek.checklists import views

app_name = "checklists"

urlpatterns = [
    path("items/<uuid:public_id>/tick/", views.item_tick, name="item_tick"),
    path("items/<uuid:public_id>/untick/", views.item_untick, name="item_untick"),
    path("items/<uuid:public_id>/waive/", views.item_waive, name="item_waive"),
    path("template/", views.template_detail, name="template"),
    path("template/copy/<uuid:public_id>/", views.template_copy_pack, name="template_copy"),
    path("template/items/new/", views.template_item_edit, name="template_item_new"),
    path("template/items/<uuid:public_id>/", views.template_item_edit, name="template_item_edit"),
    path(
        "template/items/<uuid:public_id>/move/<str:direction>/",
        views.template_item_move,
        name="template_item_move",
    ),
    path(
        "template/items/<uuid:public_id>/delete/",
        views.template_item_delete,
        name="template_item_delete",
    ),
]
