"""Where each district stands with regional coordination: the post that describes it now."""

from collections import defaultdict

from coordinators.models import FundingBasis, RegionalConference, RegionalCoordinator

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


class CoordinationOverview:
    """Where regional coordination stands across the districts, as far as sources tell.

    The funder reported how many districts use its money (six in April 2024) without naming
    them; the posts recorded here name only those a source confirms. The overview keeps both
    apart: the districts with a confirmed post, how many of the reported users stay unnamed,
    and the districts of which nothing is published.
    """

    def __init__(self, districts):
        self.districts = list(districts)
        self.posts = current_posts(self.districts)
        self.conferences = conferences_by_district(self.districts)
        self.rows = [
            {
                "district": district,
                "post": self.posts.get(district.pk),
                "conference": self.conferences.get(district.pk),
            }
            for district in self.districts
            if district.pk in self.posts or district.pk in self.conferences
        ]
        self.active_districts = [
            district
            for district in self.districts
            if district.pk in self.posts
            and self.posts[district.pk].status == RegionalCoordinator.Status.ACTIVE
        ]
        self.unpublished_districts = [
            district for district in self.districts if district.pk not in self.posts
        ]
        self.reported = (
            FundingBasis.objects.exclude(districts_using=None)
            .order_by("-usage_reported_on", "-start_date")
            .first()
        )

    @property
    def unnamed_users(self):
        """How many of the districts the funder counted as users no source names."""
        if self.reported is None:
            return 0
        return max(self.reported.districts_using - len(self.active_districts), 0)
