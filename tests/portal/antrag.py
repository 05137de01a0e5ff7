"""Helpers to fill in the dog registration like a citizen would."""
import contextlib
import io

HALTER = {'vorname': 'Erika', 'nachname': 'Mustermann', 'date': '1980-02-03',
          'email': 'erika@example.org', 'telefon': '0345 123456'}
ANSCHRIFT = {'strasse': 'Lindenallee', 'hausnummer': '5', 'plz': '06108',
             'ort': 'Musterstadt'}
DOGS = [
    {'name': 'Bello', 'rasse': 'Labrador', 'chipnummer': '276098100123456',
     'geburt': '2020-05-01', 'seit': '2021-01-01', 'gelistet': 'false'},
    {'name': 'Rex', 'rasse': 'Pitbull-Mischling',
     'chipnummer': '276 098 100 654 321', 'geburt': '2019-03-01',
     'seit': '2022-06-01', 'gelistet': 'true'},
]
IBAN = 'DE02120300000000202051'


def pdf_bytes(text='Sachkundenachweis'):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('Helvetica', size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def fill(form, values):
    for key, value in values.items():
        form[key] = value


def post_step(portal, page, values, status=None, upload=None):
    form = page.forms['antrag']
    fill(form, values)
    if upload is not None:
        form['upload'] = upload
    if status:
        return form.submit('weiter', status=status)
    return form.submit('weiter').follow()


def dogs_page_values(dogs):
    """Field values for the repeated dog step (names repeat per group)."""
    return dogs


def post_dogs(portal, page, dogs, status=None):
    form = page.forms['antrag']
    for i, dog in enumerate(dogs):
        n = i + 1
        prefix = 'f-hunde-%d-' % n
        for field, key in (('name', 'name'), ('rasse', 'rasse'),
                           ('chipnummer', 'chipnummer')):
            form.set(field, dog[key], index=i)
        form.set('date', dog['geburt'], index=2 * i)
        form.set('date', dog['seit'], index=2 * i + 1)
        form[prefix + 'gelistet'] = dog['gelistet']
    if status:
        return form.submit('weiter', status=status)
    return form.submit('weiter').follow()


def fill_until_review(portal, dogs=DOGS, sepa=True, upload=None):
    """All steps of the dog registration; returns the review page."""
    page = portal.get('/antrag/hundesteuer').follow()
    page = post_step(portal, page, HALTER)
    page = post_step(portal, page, ANSCHRIFT)
    page = post_step(portal, page, {'hunde': str(len(dogs))})
    page = post_dogs(portal, page, dogs)
    page = post_step(portal, page, {}, upload=upload)
    values = {'f-zahlung-sepa': 'true' if sepa else 'false'}
    if sepa:
        values.update({'kontoinhaber': 'Erika Mustermann', 'iban': IBAN})
    page = post_step(portal, page, values)
    assert page.html.h1.get_text(' ', strip=True).startswith(
        'Prüfen und absenden'), page.request.url
    return page


@contextlib.contextmanager
def portal_root(db):
    """The committed portal root, read through a fresh connection."""
    import transaction
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        yield conn.root().get('rathaus_portal')
    finally:
        tm.abort()
        conn.close()


def upload_file(name, data):
    from webtest import Upload
    return Upload(name, data)


def as_file(data):
    return io.BytesIO(data)


def send_review(review):
    """(receipt, status page) after "Antrag verbindlich absenden" on the
    review page ``review``."""
    form = [f for f in review.forms.values() if 'absenden' in f.fields][0]
    page = form.submit('absenden').follow()
    return page.html.select_one('.success strong').get_text(), page


def draft_data(portal_db):
    """The answers of the only draft in the portal database, or None."""
    with portal_root(portal_db) as root:
        drafts = list(getattr(root, 'drafts', {}).values())
        return dict(drafts[0].data) if drafts else None


def summary_texts(page):
    """The texts of the error summary's links, in order."""
    return [a.get_text(' ', strip=True)
            for a in page.html.select('.error-summary li a')]
