from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "forcereview.reviews"
    label = "reviews"
