"""The site's URLs plus the floor page (signed in, the base template, nothing else)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path


@login_required
def floor(request):
    return render(request, "base.html", {})


urlpatterns = [path("benchmark-floor/", floor), path("", include("ipt_site.urls"))]
