from django.contrib import admin
from django.urls import path

admin.site.site_header = "kzportal editorial"
admin.site.site_title = "kzportal editorial"
admin.site.index_title = "Commentary, actors, claims and comments"

urlpatterns = [
    path("admin/", admin.site.urls),
]
