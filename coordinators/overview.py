"""Where each district stands with regional coordination: the post that describes it now."""

from collections import defaultdict

from coordinators.models import RegionalConference, RegionalCoordinator

# A district can have had several posts (a model project, then a post of its own); the one that
# describes it now is the most current: an active post before a planned, vacant or ended one.
STATUS_PRECEDENCE = [
    RegionalCoordinator.Status.ACTIVE,
    RegionalCoordinator.Status.PLANNED,
    RegionalCoordinator.Status.VACANT,
    RegionalCoordinator.Status.ENDED,
]


def current_posts(districts):
    """District pk → its current ``RegionalCoordinator`` post, for districts that have any."""
    posts_by_district = defaultdict(list)
    for post in RegionalCoordinator.objects.filter(district__in=districts):
        posts_by_district[post.district_id].append(post)
    return {pk: most_current(posts) for pk, posts in posts_by_district.items()}


def most_current(posts):
    """The post among ``posts`` (of one district) that describes the district now, or None."""
    return min(posts, key=_precedence, default=None)


def _precedence(post):
    # Among posts of the same status, the one that started last wins; unknown starts come last.
    started = post.since.toordinal() if post.since else 0
    return (STATUS_PRECEDENCE.index(post.status), -started)


def conferences_by_district(districts):
    """District pk → its ``RegionalConference``, for districts that have one."""
    return {
        conference.district_id: conference
        for conference in RegionalConference.objects.filter(district__in=districts)
    }
