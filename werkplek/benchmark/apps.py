from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "werkplek.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"
