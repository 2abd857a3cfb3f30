from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "werkplek.core"
    label = "core"
