"""Portal -> E-Akte: sealed hand-over, Vorgang with form data and
Dokumente, exactly once, nothing lost or half-created, status back."""
import base64
import io
import json

import pytest

from tests.portal.antrag import (
    fill_until_review, pdf_bytes, portal_root, upload_file,
)
from .conftest import build_kaemmerei


def send(portal, **kw):
    review = fill_until_review(portal, **kw)
    form = [f for f in review.forms.values() if 'absenden' in f.fields][0]
    page = form.submit('absenden').follow()
    return page.html.select_one('.success strong').get_text(), \
        page.html.select_one('.success a')['href']


def pull(akte_wsgi):
    from rathaus.transfer.channel import pull_local
    return pull_local(akte_wsgi)


def vorgaenge(app):
    """{receipt: (Vorgang path, Aktenzeichen, form_data, [Dokumente])}."""
    from pyramid.traversal import find_resource
    from rathaus.scripts.env import script_env
    from rathaus.transfer.inbox import get_inbox
    found = {}
    with script_env(app) as (root, request):
        amt = root.get('20')
        for akte in (amt.values() if amt is not None else ()):
            for vorgang in akte.values():
                receipt = vorgang.form_data.get('00 Eingangsnummer')
                docs = [(d.title, d.current.filename, d.current.mimetype,
                         d.current.open().read()) for d in vorgang.values()]
                found.setdefault(receipt, []).append(
                    (akte.title, vorgang.aktenzeichen,
                     dict(vorgang.form_data), docs, vorgang.workflow_state))
        inbox = get_inbox(root)
        imported = dict(inbox.imported)
        for info in imported.values():
            assert find_resource(root, info['path']) is not None
    return found, imported


def journal_actions(app, receipt):
    """(user, action) of journal entries that mention ``receipt``."""
    from rathaus.journal import get_journal
    from rathaus.scripts.env import script_env
    with script_env(app) as (root, request):
        journal = get_journal(root)
        return [(e['user'], e['action']) for e in journal.entries.values()
                if receipt in json.dumps(e, default=str,
                                         ensure_ascii=False)]


def test_a_submission_becomes_a_vorgang_with_form_data_and_documents(
        portal, portal_db, kaemmerei, smtp):
    nachweis = pdf_bytes('Sachkundenachweis Rex')
    receipt, link = send(portal, upload=upload_file('nachweis.pdf',
                                                    nachweis))
    assert pull(kaemmerei) == {
        'filed': 1, 'failed': 0, 'status': 0, 'more': False}
    found, imported = vorgaenge(kaemmerei)
    ((akte_title, az, form_data, docs, state),) = found[receipt]
    assert akte_title.startswith('Hundesteuer – Online-Anmeldungen 20')
    assert state == 'neu'
    assert az.startswith('20.30.01-')
    assert form_data['00 Leistung'] == 'Hundeanmeldung und Hundesteuer'
    assert form_data['00 Formularversion'].startswith('1 (')
    values = set(form_data.values())
    for expected in ('Erika', 'Mustermann', 'Bello', 'Rex',
                     '276098100654321', 'DE02 1203 0000 0000 2020 51',
                     '696,00 Euro'):
        assert expected in values, expected
    assert [(t, m) for t, _, m, _ in docs] == [
        ('Eingangsbestätigung %s' % receipt, 'application/pdf'),
        ('Anlage: nachweis.pdf', 'application/pdf')]
    assert docs[0][3].startswith(b'%PDF-')
    assert docs[1][3] == nachweis
    assert ('admin', 'aus dem Serviceportal übernommen') in \
        journal_actions(kaemmerei, receipt)
    # acknowledged: the portal drops the sealed envelope, shows the state
    with portal_root(portal_db) as root:
        entry = root.outbox[receipt]
        assert not entry.pending and entry.blob is None
    page = portal.get(link)
    assert page.html.select_one('.current-state').get_text(strip=True) == \
        'Bei der Stadt eingegangen'
    assert az in page.text


def test_pulling_again_creates_nothing_new(portal, kaemmerei, smtp):
    receipt, _ = send(portal)
    pull(kaemmerei)
    assert pull(kaemmerei) == {
        'filed': 0, 'failed': 0, 'status': 0, 'more': False}
    found, _ = vorgaenge(kaemmerei)
    assert len(found[receipt]) == 1


def test_a_lost_acknowledgement_does_not_duplicate(portal, portal_db,
                                                   kaemmerei, smtp):
    """The akte filed the envelope but crashed before acknowledging."""
    from rathaus.scripts.env import script_env
    from rathaus.transfer import keys
    from rathaus.transfer.akte import file_envelope
    from rathaus.transfer.portal_side import PortalSide
    receipt, _ = send(portal)
    ((got, sealed),) = PortalSide(portal_db).pending()
    envelope = json.loads(keys.unseal(kaemmerei.registry.settings, sealed))
    with script_env(kaemmerei) as (root, request):
        file_envelope(root, request, envelope)
    assert pull(kaemmerei) == {
        'filed': 1, 'failed': 0, 'status': 0, 'more': False}
    found, _ = vorgaenge(kaemmerei)
    assert len(found[receipt]) == 1
    with portal_root(portal_db) as root:
        assert not root.outbox[receipt].pending


def test_a_failure_loses_nothing_and_is_retried(portal, portal_db,
                                                akte_root, smtp):
    build_kaemmerei(akte_root, with_amt=False)   # Amt 20 missing
    receipt, link = send(portal)
    assert pull(akte_root) == {
        'filed': 0, 'failed': 1, 'status': 0, 'more': False}
    with portal_root(portal_db) as root:
        entry = root.outbox[receipt]
        assert entry.pending and entry.attempts == 1
        assert 'Amt 20' in entry.last_error
    assert 'Eingereicht' in portal.get(link).html.select_one(
        '.current-state').text
    build_kaemmerei(akte_root)                    # staff fix the plan
    assert pull(akte_root)['filed'] == 0          # waits for its back-off
    retry_now(portal_db, receipt)                 # the admin's button
    assert pull(akte_root)['filed'] == 1
    found, _ = vorgaenge(akte_root)
    assert len(found[receipt]) == 1


def retry_now(portal_db, receipt):
    from rathaus.transfer.portal_side import PortalSide
    assert PortalSide(portal_db).retry(receipt)


def _forge(portal_db, settings, mutate):
    """Put a sealed envelope built from a real one, changed by ``mutate``,
    back into the outbox (as a broken or malicious portal might)."""
    import transaction
    from rathaus.transfer import keys, outbox
    from rathaus.transfer.portal_side import PortalSide
    ((receipt, sealed),) = PortalSide(portal_db).pending()
    envelope = json.loads(keys.unseal(settings, sealed))
    mutate(envelope)
    tm = transaction.TransactionManager()
    conn = portal_db.open(transaction_manager=tm)
    with tm:
        root = conn.root()['rathaus_portal']
        del root.outbox[receipt]
        outbox.put(root, settings_for_portal(settings), envelope)
    conn.close()
    return receipt


def settings_for_portal(akte_settings):
    from rathaus.transfer.keys import public_key
    pub = base64.b64encode(bytes(public_key({
        'rathaus.transfer.public_key': base64.b64encode(bytes(
            __import__('nacl.public', fromlist=['PrivateKey']).PrivateKey(
                base64.b64decode(akte_settings[
                    'rathaus.transfer.private_key'])).public_key)).decode()
    }))).decode()
    return {'rathaus.transfer.public_key': pub}


def test_nothing_is_half_created(portal, portal_db, kaemmerei, smtp):
    """A damaged attachment is found after Akte, Vorgang and the receipt
    Dokument were made: all of it is rolled back, the envelope stays."""
    send(portal, upload=upload_file('nachweis.pdf', pdf_bytes()))

    def damage(envelope):
        envelope['files'][0]['content'] = base64.b64encode(
            b'%PDF-1.4 something else').decode()
    receipt = _forge(portal_db, kaemmerei.registry.settings, damage)
    assert pull(kaemmerei) == {
        'filed': 0, 'failed': 1, 'status': 0, 'more': False}
    found, imported = vorgaenge(kaemmerei)
    assert found == {} and imported == {}
    from rathaus.scripts.env import script_env
    with script_env(kaemmerei) as (root, request):
        assert len(root['20']) == 0           # not even the Akte
    with portal_root(portal_db) as root:
        assert root.outbox[receipt].pending
        assert 'Prüfsumme' in root.outbox[receipt].last_error


def test_an_envelope_not_sealed_for_us_is_refused(portal, portal_db,
                                                  kaemmerei, smtp):
    import transaction
    from nacl.public import PrivateKey, SealedBox
    receipt, _ = send(portal)
    tm = transaction.TransactionManager()
    conn = portal_db.open(transaction_manager=tm)
    with tm:
        entry = conn.root()['rathaus_portal'].outbox[receipt]
        other = PrivateKey.generate().public_key
        with entry.blob.open('w') as f:
            f.write(SealedBox(other).encrypt(b'{"receipt": "x"}'))
    conn.close()
    assert pull(kaemmerei)['failed'] == 1
    assert vorgaenge(kaemmerei)[0] == {}


def test_status_changes_flow_back_to_the_citizen(portal, kaemmerei, smtp):
    from pyramid.traversal import find_resource
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    receipt, link = send(portal)
    pull(kaemmerei)
    _, imported = vorgaenge(kaemmerei)
    with script_env(kaemmerei) as (root, request):
        vorgang = find_resource(root, imported[receipt]['path'])
        api.transition(vorgang, request, 'bearbeiten')
    assert pull(kaemmerei)['status'] == 1
    assert pull(kaemmerei)['status'] == 0       # reported once
    page = portal.get(link)
    assert page.html.select_one('.current-state').get_text(strip=True) == \
        'In Bearbeitung'
    history = [li.get_text(' ', strip=True)
               for li in page.html.select('ol.history li')]
    assert [h.split(' am ')[0] for h in history] == [
        'Eingereicht', 'Bei der Stadt eingegangen', 'In Bearbeitung']
    assert all(' Uhr' in h for h in history)


@pytest.fixture
def technical_user(kaemmerei):
    """The transfer acts as a user with Sachbearbeitung on one Amt only."""
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    from rathaus.security import sharing
    from substanced.util import find_service
    with script_env(kaemmerei) as (root, request):
        user = find_service(root, 'principals').add_user(
            'transfer', 'x' * 20, None, locale='de')
        api.create_amt(root, request, '32', 'Ordnungsamt')
        sharing.add_grant(root['32'], request, user, 'sachbearbeitung')
    settings = kaemmerei.registry.settings
    before = settings.get('rathaus.transfer.login')
    settings['rathaus.transfer.login'] = 'transfer'
    yield kaemmerei
    settings['rathaus.transfer.login'] = before


def test_the_technical_user_files_only_where_it_is_granted(
        portal, portal_db, technical_user, smtp):
    from rathaus.scripts.env import script_env
    from rathaus.security import sharing
    receipt, _ = send(portal)
    pull(technical_user)
    found, imported = vorgaenge(technical_user)
    assert receipt not in imported          # no rights in the Kämmerei yet
    with portal_root(portal_db) as root:
        assert root.outbox[receipt].last_error.startswith(
            'Der Transfer-Benutzer „transfer“ darf im zuständigen Amt '
            'nicht anlegen')
    with script_env(technical_user) as (root, request):
        sharing.add_grant(root['20'], request,
                          sharing.find_principal(root, 'transfer'),
                          'sachbearbeitung')
    retry_now(portal_db, receipt)
    pull(technical_user)                    # retried: nothing was lost
    found, imported = vorgaenge(technical_user)
    assert receipt in imported
    assert ('transfer', 'angelegt') in journal_actions(technical_user,
                                                       receipt)
