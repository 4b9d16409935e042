"""The map of Saxony's districts: outlines from our own SVG file, matched to districts by AGS.

``static/img/sachsen-kreise.svg`` holds one simplified outline per district (from the BKG's
VG250 data, see the file's ``<desc>``), with the AGS and a label position on each path. The
regions page draws them inline so that every district can be a link.
"""

from dataclasses import dataclass
from functools import cache
from xml.etree import ElementTree

from django.conf import settings

from portal.models import District

MAP_FILE = settings.BASE_DIR / "static" / "img" / "sachsen-kreise.svg"
SVG = "{http://www.w3.org/2000/svg}"
LABEL_LINE_LENGTH = 12
LINE_HEIGHT = 1.15


@dataclass(frozen=True)
class Outline:
    path: str
    label_x: int
    label_y: int


@dataclass(frozen=True)
class MapArea:
    district: District
    outline: Outline

    @property
    def label_lines(self):
        """The district's name in lines short enough for the map ("Landkreis" / "Leipzig")."""
        words = self.district.name.replace("-", "- ").split()
        lines = []
        for word in words:
            if lines and len(lines[-1]) + len(word) < LABEL_LINE_LENGTH:
                lines[-1] = f"{lines[-1]} {word}".replace("- ", "-")
            else:
                lines.append(word)
        return lines

    @property
    def label_offset(self):
        """How far the first line sits above the label point, so the lines centre on it."""
        return f"{0.35 - (len(self.label_lines) - 1) * LINE_HEIGHT / 2:.2f}em"


@cache
def outlines():
    """The map's viewBox and its outlines by AGS, read once per process."""
    # Our own committed file, never input from outside.
    root = ElementTree.parse(MAP_FILE).getroot()  # noqa: S314
    by_ags = {
        path.get("data-ags"): Outline(
            path=path.get("d"),
            label_x=int(path.get("data-label-x")),
            label_y=int(path.get("data-label-y")),
        )
        for path in root.iter(f"{SVG}path")
    }
    return root.get("viewBox"), by_ags


def map_areas(districts):
    """The districts that have an outline, independent cities last so they are drawn on top."""
    _view_box, by_ags = outlines()
    areas = [
        MapArea(district, by_ags[district.ags]) for district in districts if district.ags in by_ags
    ]
    return sorted(areas, key=lambda area: area.district.kind == District.Kind.INDEPENDENT_CITY)


def view_box():
    return outlines()[0]


# Longitude/latitude (WGS84) → the map's coordinates. The map is drawn in ETRS89/UTM 33N; over
# Saxony an affine transform is close enough to mark a town inside its district. Fitted by
# least squares to the 13 districts: the mean position of each district's towns (Destatis)
# against the mean of its outline's points (residuals below 15 of 1000 units).
TO_MAP_X = (308.117, 23.409, -4832.427)
TO_MAP_Y = (-4.345, -489.772, 25377.691)


def map_point(latitude, longitude):
    """Where a place at ``latitude``/``longitude`` lies on the district map: (x, y)."""
    lon, lat = float(longitude), float(latitude)
    x = TO_MAP_X[0] * lon + TO_MAP_X[1] * lat + TO_MAP_X[2]
    y = TO_MAP_Y[0] * lon + TO_MAP_Y[1] * lat + TO_MAP_Y[2]
    return round(x), round(y)
