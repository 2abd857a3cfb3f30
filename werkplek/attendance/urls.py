from django.urls import path

from werkplek.attendance import views

app_name = "attendance"

urlpatterns = [
    path("<uuid:public_id>/", views.month_view, name="month"),
    path("<uuid:public_id>/fill/", views.fill_present, name="fill"),
]
