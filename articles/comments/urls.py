from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path("feeds/articles/<slug:slug>/comments/", feeds.ArticleCommentsFeed(), name="feed"),
]
