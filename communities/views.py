from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from communities.models import Membership


@login_required
def my_communities(request):
    memberships = Membership.objects.filter(user=request.user).select_related(
        "community"
    )
    return render(
        request, "communities/my_communities.html", {"memberships": memberships}
    )
