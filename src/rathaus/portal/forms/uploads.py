"""Uploads are checked on their content (magic bytes, and images are
decoded), never on their name or the browser's declared type."""
import hashlib
import io

import colander

SIGNATURES = {
    'pdf': (b'%PDF-',),
    'png': (b'\x89PNG\r\n\x1a\n',),
    'jpeg': (b'\xff\xd8\xff',),
}
MIMETYPES = {'pdf': 'application/pdf', 'png': 'image/png',
             'jpeg': 'image/jpeg'}
TITLES = {'pdf': 'PDF', 'png': 'PNG', 'jpeg': 'JPEG'}


def sniff(data):
    """'pdf', 'png', 'jpeg' or None, from the first bytes."""
    for kind, magics in SIGNATURES.items():
        if any(data.startswith(m) for m in magics):
            return kind
    return None


def _image_is_sound(data):
    from PIL import Image
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except Exception:   # Pillow raises many kinds for broken files
        return False


def check(data, accept, max_size):
    """The detected kind of ``data``; raises ValueError with a German
    message for files that are too large or not what they claim."""
    if len(data) > max_size:
        raise ValueError('Die Datei ist zu groß (höchstens %s MB).'
                         % _mb(max_size))
    if not data:
        raise ValueError('Die Datei ist leer.')
    kind = sniff(data)
    if kind not in accept or (kind in ('png', 'jpeg')
                              and not _image_is_sound(data)):
        raise ValueError('Der Inhalt dieser Datei ist kein erlaubtes '
                         'Format (erlaubt: %s; geprüft wird der Inhalt, '
                         'nicht der Dateiname).'
                         % ', '.join(TITLES[a] for a in accept))
    return kind


def _mb(size):
    return ('%.1f' % (size / 1024 / 1024)).replace('.0', '').replace('.', ',')


class UploadValidator:
    """colander validator for a deform FileData value."""

    def __init__(self, accept, max_size):
        self.accept, self.max_size = accept, max_size

    def __call__(self, node, value):
        fp = value.get('fp')
        if fp is None:
            raise colander.Invalid(node, 'Bitte wählen Sie die Datei '
                                   'erneut aus.')
        fp.seek(0)
        data = fp.read(self.max_size + 1)
        try:
            kind = check(data, self.accept, self.max_size)
        except ValueError as exc:
            raise colander.Invalid(node, str(exc))
        value['data'] = data
        value['kind'] = kind


class MemoryTmpStore(dict):
    """deform's upload tmpstore for one request: a refused form forgets
    the file (nothing is stored for rejected input)."""

    def preview_url(self, uid):
        return None


def digest(data):
    return hashlib.sha256(data).hexdigest()
