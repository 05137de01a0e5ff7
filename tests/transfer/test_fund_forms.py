"""The Fundbüro's two online forms, end to end: a loss report and a
claim of a published found item become Vorgänge in 32.20.01; the claim
names the item's Aktenzeichen and is journaled on the item; unknown,
withdrawn and tampered numbers are refused with German messages."""
import datetime

import pytest

from tests.portal.antrag import fill, portal_root
from .fundworld import (
    TODAY, build_fundamt, journal_of, publish, record_item, withdraw,
)
from .test_transfer import pull

CONTACT = {'vorname': 'Erika', 'nachname': 'Mustermann',
           'email': 'erika@example.org'}


@pytest.fixture
def fundamt(akte_root):
    return akte_root, build_fundamt(akte_root)


def step(page, values, status=None):
    form = page.forms['antrag']
    fill(form, values)
    if status:
        return form.submit('weiter', status=status)
    return form.submit('weiter').follow()


def errors(page):
    return [a.get_text(' ', strip=True)
            for a in page.html.select('.error-summary a')]


def send(page, status=None):
    form = [f for f in page.forms.values() if 'absenden' in f.fields][0]
    return form.submit('absenden', status=status)


def filed(app, title_prefix):
    """[(Akte title, Vorgang title, Aktenzeichen, form data, path)]."""
    from pyramid.traversal import resource_path
    from rathaus.scripts.env import script_env
    with script_env(app) as (root, request):
        return [(a.title, v.title, v.aktenzeichen, dict(v.form_data),
                 resource_path(v))
                for a in root['32'].values() if a.plan_key == '32.20.01'
                and a.title.startswith(title_prefix)
                for v in a.values()]


def test_a_loss_report_is_checked_and_filed_in_the_fundbuero(
        portal, portal_db, fundamt, smtp):
    app, _ = fundamt
    page = portal.get('/antrag/fundbuero').follow()
    refused = step(page, {}, status=400)
    assert errors(refused) == [
        'Art des Gegenstands: Bitte wählen Sie bei „Art des Gegenstands“ '
        'eine Antwort.',
        'Beschreibung: Bitte füllen Sie „Beschreibung“ aus.']
    page = step(refused, {'f-gegenstand-kategorie': 'schluessel',
                          'beschreibung': 'Zwei Schlüssel, blauer Anhänger'})
    future = (TODAY + datetime.timedelta(days=1)).isoformat()
    refused = step(page, {'ort': 'Stadtpark', 'date': future}, status=400)
    assert errors(refused) == [
        'Wann haben Sie ihn verloren?: Dieses Datum darf nicht in der '
        'Zukunft liegen.']
    page = step(refused, {'ort': 'Stadtpark', 'date': TODAY.isoformat()})
    refused = step(page, dict(CONTACT, email=''), status=400)
    assert errors(refused) == [
        'E-Mail-Adresse: Bitte füllen Sie „E-Mail-Adresse“ aus.']
    refused = step(refused, dict(CONTACT, email='erika@'), status=400)
    assert 'gültige E-Mail-Adresse' in errors(refused)[0]
    review = step(refused, CONTACT)
    assert 'Schlüssel' in review.text and 'Stadtpark' in review.text
    done = send(review).follow()
    receipt = done.html.select_one('.success strong').get_text()
    assert receipt.startswith('FU-')
    assert smtp.messages[0]['To'] == 'erika@example.org'
    assert pull(app)['filed'] == 1
    ((akte, title, az, data, path),) = filed(app, 'Verlustmeldungen')
    assert akte == 'Verlustmeldungen %d' % datetime.date.today().year
    assert title == 'Verlustmeldung: Schlüssel – Erika Mustermann'
    assert az.startswith('32.20.01-')
    assert data['00 Eingangsnummer'] == receipt
    assert 'Zwei Schlüssel, blauer Anhänger' in data.values()
    assert 'Stadtpark' in data.values()


def claim_until_review(portal, public_id):
    page = portal.get('/antrag/fundanspruch/schritt/fundsache',
                      {'fund': public_id})
    assert page.forms['antrag']['nummer'].value == public_id
    page = step(page, {})
    page = step(page, {'merkmale': 'Am Anhänger hängt ein kleiner '
                                   'Holzelefant'})
    return step(page, CONTACT)


def test_a_claim_opens_a_vorgang_that_refers_to_the_found_item(
        portal, portal_db, fundamt, smtp):
    app, akte = fundamt
    path, public_id, item_az = record_item(app, akte)
    publish(app, path)
    pull(app)
    detail = portal.get('/fundsachen/%s' % public_id)
    link = detail.html.find('a', string='Das gehört mir – Anspruch anmelden')
    assert portal.get(link['href']).forms['antrag']['nummer'].value == \
        public_id
    review = claim_until_review(portal, public_id)
    assert public_id in review.text
    done = send(review).follow()
    receipt = done.html.select_one('.success strong').get_text()
    assert pull(app)['filed'] == 1
    ((akte_title, title, az, data, claim_path),) = filed(app, 'Ansprüche')
    assert title == 'Anspruch auf Fundsache %s – Erika Mustermann' % public_id
    assert data['00 Fundsache (Aktenzeichen)'] == item_az
    assert data['00 Fundsache (Fundnummer)'].endswith('-0001')
    assert 'Am Anhänger hängt ein kleiner Holzelefant' in data.values()
    claims = [d for u, a, d in journal_of(app, path)
              if a == 'Anspruch angemeldet']
    assert claims == [{'anspruch': az, 'eingangsnummer': receipt}]
    assert ('mit Fundsache verknüpft' in
            [a for _, a, _ in journal_of(app, claim_path)])
    # a repeated pull (lost acknowledgement) links nothing twice
    from rathaus.scripts.env import script_env
    from rathaus.transfer import fundregister
    with script_env(app) as (root, request):
        from rathaus.transfer.inbox import get_inbox
        info = dict(get_inbox(root).imported[receipt])
        fundregister.after_filed(root, request, {
            'service': 'fundanspruch', 'receipt': receipt,
            'data': {'fundsache': {'nummer': public_id}}}, info)
    assert len([a for _, a, _ in journal_of(app, path)
                if a == 'Anspruch angemeldet']) == 1


def test_unknown_and_tampered_numbers_are_refused(portal, portal_db,
                                                  fundamt, smtp):
    from rathaus.portal.drafts import get_drafts
    from rathaus.transfer.fundregister import normalise_id
    app, akte = fundamt
    path, public_id, _ = record_item(app, akte)
    unpublished, hidden_id, _ = record_item(app, akte)
    publish(app, path)
    pull(app)
    message = ('Nummer der Fundsache: Eine Fundsache mit der Nummer „%s“ '
               'gibt es im Fundregister nicht (mehr). Bitte prüfen Sie die '
               'Nummer im Fundregister.')
    page = portal.get('/antrag/fundanspruch/schritt/fundsache',
                      {'fund': 'F-2345-6789'}, status=400)
    assert errors(page) == [message % 'F-2345-6789']
    for tampered in (hidden_id, public_id + 'X', '../' + public_id,
                     '2026-0001'):
        page = step(page, {'nummer': tampered}, status=400)
        assert errors(page) == [message % normalise_id(tampered)]
    with portal_root(portal_db) as root:       # refused input: no draft
        assert len(get_drafts(root)) == 0
    # typed by hand, lower case with spaces: accepted, stored canonical
    page = step(page, {'nummer': ' ' + public_id.lower().replace('-', ' ')})
    assert page.html.h1.get_text().startswith('Woran erkennen wir')


def test_a_claim_of_a_withdrawn_item_is_not_sent(portal, portal_db, fundamt,
                                                 smtp):
    app, akte = fundamt
    path, public_id, _ = record_item(app, akte)
    publish(app, path)
    pull(app)
    review = claim_until_review(portal, public_id)
    withdraw(app, path)                     # handed out meanwhile
    pull(app)
    refused = send(review, status=409)
    assert refused.status_int == 409
    assert 'Diese Fundsache ist nicht mehr im Fundregister' in refused.text
    assert smtp.messages == []
    with portal_root(portal_db) as root:
        assert len(getattr(root, 'submissions', ())) == 0
    assert pull(app)['filed'] == 0


def test_a_claim_whose_item_is_gone_is_filed_all_the_same(fundamt):
    """E.g. the Vorgang was deleted between sending and filing."""
    from pyramid.traversal import find_resource, resource_path
    from rathaus.akte import api
    from rathaus.scripts.env import script_env
    from rathaus.transfer import fundregister
    app, akte = fundamt
    with script_env(app) as (root, request):
        claim = api.add_vorgang(find_resource(root, akte), request,
                                'Fundbüro – Anspruch', form_data={
                                    '00 Eingangsnummer': 'FU-2026-000009'})
        fundregister.after_filed(root, request, {
            'service': 'fundanspruch', 'receipt': 'FU-2026-000009',
            'data': {'fundsache': {'nummer': 'f-2345-6789'},
                     'kontakt': {'vorname': 'Erika'}}},
            {'path': resource_path(claim)})
        assert claim.form_data['00 Fundsache (Aktenzeichen)'] == \
            'keine Fundsache mit der Nummer F-2345-6789'


def test_routing_hooks_title_loss_reports_and_claims():
    from rathaus.services.fundbuero import claim_routing, loss_routing
    assert loss_routing({'gegenstand': {'kategorie': 'schluessel'},
                         'kontakt': {'vorname': 'Erika',
                                     'nachname': 'Mustermann'}}, None) == {
        'vorgang': 'Verlustmeldung: Schlüssel – Erika Mustermann',
        'absender': 'Erika Mustermann'}
    assert claim_routing({'fundsache': {'nummer': 'f-2345-6789'},
                          'kontakt': {'vorname': 'Erika'}}, None) == {
        'vorgang': 'Anspruch auf Fundsache F-2345-6789 – Erika',
        'absender': 'Erika'}
    assert claim_routing({'fundsache': {'nummer': 'F-2345-6789'}},
                         None)['vorgang'] == 'Anspruch auf Fundsache F-2345-6789'
