"""Coordinates in decimal degrees: one text input for latitude and
longitude together, because that is what a phone's map app copies
("51.48230, 11.97012" in Google Maps, "51,48230° N, 11,97012° O" in
German Apple Maps).  Stored as ``{'lat': float, 'lon': float}``.

A field may carry a bounding box (``bounds``: south, west, north, east);
points outside it are refused with a German message, and swapped values
that would lie inside are named as such.
"""
import re

import colander

NUMBER = re.compile(r'[-+−]?\d+(?:[.,]\d+)?')
# what map apps add around the numbers; N/E/O/S/W as hemisphere letters
DECORATION = re.compile(r'[°\s;/]|(?<![a-z])(?:n|e|o|s|w|nord|ost|süd|'
                        r'west|breite|länge|lat|lon|lng)(?![a-z])')
DIGITS = 6          # about 0.1 m; more is noise


class Bounds:
    """A bounding box in decimal degrees."""

    def __init__(self, south, west, north, east):
        self.south, self.west = float(south), float(west)
        self.north, self.east = float(north), float(east)
        if not (-90 <= self.south < self.north <= 90
                and -180 <= self.west < self.east <= 180):
            raise ValueError('bounds need -90 <= south < north <= 90 and '
                             '-180 <= west < east <= 180')

    def contains(self, lat, lon):
        return self.south <= lat <= self.north and \
            self.west <= lon <= self.east

    def example(self):
        """A point in the middle, as text for messages."""
        return format_point((self.south + self.north) / 2,
                            (self.west + self.east) / 2)


def parse_bounds(spec):
    if not isinstance(spec, dict) or \
            set(spec) != {'south', 'west', 'north', 'east'}:
        raise ValueError('bounds need exactly south, west, north, east')
    try:
        return Bounds(spec['south'], spec['west'], spec['north'],
                      spec['east'])
    except (TypeError, ValueError) as exc:
        raise ValueError('bad bounds: %s' % exc) from exc


def _number(text):
    return float(text.replace('−', '-').replace(',', '.'))


def parse_point(text):
    """(lat, lon) from text, or None if it is not two decimal numbers.
    Southern and western hemisphere letters make the value negative."""
    lowered = text.strip().lower()
    numbers = NUMBER.findall(lowered)
    rest = DECORATION.sub('', NUMBER.sub('', lowered)).replace(',', '')
    if len(numbers) != 2 or rest:
        return None
    lat, lon = (_number(n) for n in numbers)
    letters = re.findall(r'(?<![a-z])(n|s|e|o|w)(?![a-z])', lowered)
    if 's' in letters or 'süd' in lowered:
        lat = -abs(lat)
    if 'w' in letters or 'west' in lowered:
        lon = -abs(lon)
    return round(lat, DIGITS), round(lon, DIGITS)


def format_point(lat, lon):
    return '%.5f, %.5f' % (lat, lon)


def display(value):
    """German text of a stored value (decimal point as apps show it)."""
    return format_point(value['lat'], value['lon'])


class CoordinatesType(colander.SchemaType):
    """Text <-> {'lat', 'lon'}.  Text that is no pair of numbers stays
    text here and is refused by the validator, so a field whose
    condition does not hold never complains about it."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null
        if isinstance(appstruct, dict):
            return display(appstruct)
        return str(appstruct)

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None) or not str(cstruct).strip():
            return colander.null
        point = parse_point(str(cstruct))
        if point is None:
            return str(cstruct).strip()
        return {'lat': point[0], 'lon': point[1]}


def _format_msg(node):
    bounds = getattr(node, 'bounds', None)
    example = bounds.example() if bounds else '51.48230, 11.97012'
    return ('Bitte geben Sie Breite und Länge in Dezimalgrad an, durch '
            'Komma getrennt, z. B. %s.' % example)


class CoordinatesValidator:
    """Plausible on earth, and inside ``bounds`` if given."""

    def __init__(self, bounds=None):
        self.bounds = bounds

    def __call__(self, node, value):
        if not isinstance(value, dict):
            raise colander.Invalid(node, _format_msg(node))
        lat, lon = value['lat'], value['lon']
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise colander.Invalid(node, 'Diese Koordinaten gibt es nicht: '
                                   'die Breite liegt zwischen -90 und 90, '
                                   'die Länge zwischen -180 und 180 Grad.')
        if self.bounds is None or self.bounds.contains(lat, lon):
            return
        if self.bounds.contains(lon, lat):
            raise colander.Invalid(node, 'Breite und Länge sind vertauscht. '
                                   'Bitte zuerst die Breite, dann die '
                                   'Länge angeben, z. B. %s.'
                                   % self.bounds.example())
        raise colander.Invalid(node, 'Dieser Ort liegt außerhalb des '
                               'Stadtgebiets. Wir können nur Schäden in '
                               'unserer Stadt bearbeiten; bitte prüfen Sie '
                               'die Koordinaten (z. B. %s).'
                               % self.bounds.example())
