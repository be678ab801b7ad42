from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "motcua.supervision"
    verbose_name = "Giám sát, nhân lực và báo cáo"
