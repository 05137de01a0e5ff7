"""Save and continue later: a mailed, signed, expiring link reopens the
draft at its step; anything else shows nothing.  Expired drafts are
purged by a periodic job."""
import datetime
import re

import pytest

from rathaus.portal import draftlink, drafts, signedtoken, statuslink
from rathaus.scripts.env import app_env

from .antrag import ANSCHRIFT, HALTER, post_step, portal_root

SECRET = 'testing-only-portal-secret'


def start_two_steps(portal):
    page = portal.get('/antrag/hundesteuer').follow()
    page = post_step(portal, page, HALTER)
    return post_step(portal, page, ANSCHRIFT)   # now on 'anzahl'


def ask_for_link(page, email=None, status=200):
    later = page.click(description='Später weitermachen: Link per E-Mail '
                                   'zusenden')
    assert later.html.h1.get_text() == 'Später weitermachen'
    form = later.forms[0]
    if email is not None:
        form['email'] = email
    return form.submit(status=status)


def link_in(mail):
    body = mail.get_body(('plain',)).get_content()
    return re.search(r'http://\S+/antrag/hundesteuer/weiter/\S+', body).group(0)


def test_link_reopens_the_draft_at_its_step_in_another_browser(
        portal, portal_db, smtp):
    page = start_two_steps(portal)
    assert 'Anzahl der Hunde' in page.html.h1.text
    sent = ask_for_link(page)    # the address given in step 1 is offered
    assert 'erika@example.org' in sent.html.select_one('.success').text
    (mail,) = smtp.messages
    assert mail['To'] == 'erika@example.org'
    assert 'später weitermachen' in mail['Subject']
    link = link_in(mail)
    body = mail.get_body(('plain',)).get_content()
    assert 'Mustermann' not in body and 'Lindenallee' not in body
    # another browser (no session): the link leads to the saved step
    portal.reset()
    step = portal.get(link, status=303)
    assert step.headers['Location'].endswith(
        '/antrag/hundesteuer/schritt/anzahl')
    assert step.headers['Referrer-Policy'] == 'no-referrer'
    page = step.follow()
    assert 'Anzahl der Hunde' in page.html.h1.text
    done = [li.get_text(' ', strip=True) for li in page.html.select(
        '.progress li.done')]
    assert done == ['1. Halterin oder Halter (erledigt)',
                    '2. Anschrift (erledigt)']
    # the earlier answers are there
    back = portal.get('/antrag/hundesteuer/schritt/halter')
    assert back.forms['antrag']['nachname'].value == 'Mustermann'
    with portal_root(portal_db) as root:
        assert len(root.drafts) == 1     # the same draft, not a copy


def test_link_from_the_review_page_returns_there(portal, smtp):
    from .antrag import fill_until_review
    review = fill_until_review(portal)
    ask_for_link(review, 'jemand@example.org')
    portal.reset()
    answer = portal.get(link_in(smtp.messages[0]), status=303)
    assert answer.headers['Location'].endswith('/antrag/hundesteuer/pruefen')
    assert 'Prüfen und absenden' in answer.follow().html.h1.text


def test_wrong_address_is_refused_and_nothing_is_mailed(portal, smtp):
    page = start_two_steps(portal)
    refused = ask_for_link(page, 'erika-at-example.org', status=400)
    assert refused.html.title.text.startswith('Fehler: ')
    summary = refused.html.select_one('.error-summary')
    assert summary.a['href'] == '#spaeter-email'
    assert 'gültige E-Mail-Adresse' in summary.text
    assert refused.html.select_one('#spaeter-email')['aria-invalid'] == 'true'
    empty = ask_for_link(page, '', status=400)
    assert 'Bitte geben Sie Ihre E-Mail-Adresse an.' in empty.text
    assert smtp.messages == []


def test_before_the_first_step_there_is_nothing_to_save(portal, smtp):
    page = portal.get('/antrag/hundesteuer').follow()
    assert 'Später weitermachen' not in page.text
    later = portal.get('/antrag/hundesteuer/spaeter')
    assert 'Es ist noch nichts gespeichert' in later.text
    assert not later.forms
    token = page.forms['antrag']['csrf_token'].value
    posted = portal.post('/antrag/hundesteuer/spaeter', {
        'email': 'x@example.org', 'csrf_token': token})
    assert 'Es ist noch nichts gespeichert' in posted.text
    assert smtp.messages == []


def token_of(link):
    return link.rsplit('/', 1)[1]


def test_tampered_foreign_or_expired_links_show_nothing(portal, portal_db,
                                                        smtp):
    page = start_two_steps(portal)
    ask_for_link(page)
    link = link_in(smtp.messages[0])
    token = token_of(link)
    payload, sig = token.split('.')
    draft_id, step = draftlink.read_token(SECRET, token)
    portal.reset()
    bad = [
        link[:-2] + ('AA' if not link.endswith('AA') else 'BB'),
        link.replace(payload, signedtoken._b64(
            signedtoken._unb64(payload).replace(b'anzahl', b'zahlung'))),
        link.replace('/hundesteuer/', '/umzug/'),
        # signed for another purpose (a status link's signature)
        link.replace(sig, statuslink.make_token(
            SECRET, draft_id, b'k').split('.')[1]),
        # signed with another secret
        link.replace(token, draftlink.make_token('other', draft_id, step)),
        # expired: issued 31 days ago for 30 days
        link.replace(token, draftlink.make_token(
            SECRET, draft_id, step,
            today=datetime.date.today() - datetime.timedelta(days=31))),
        # valid signature, unknown draft
        link.replace(token, draftlink.make_token(SECRET, 'nope', step)),
    ]
    for url in bad:
        answer = portal.get(url, status=404)
        assert 'Seite nicht gefunden' in answer.text
        assert 'Mustermann' not in answer.text
        assert 'Set-Cookie' not in answer.headers
    # the genuine link still works, until the draft is sent or expired
    portal.get(link, status=303)
    with portal_root(portal_db) as root:
        assert len(root.drafts) == 1


def test_link_of_an_expired_or_sent_draft_shows_nothing(portal, portal_db,
                                                        smtp):
    import transaction
    page = start_two_steps(portal)
    ask_for_link(page)
    link = link_in(smtp.messages[0])
    draft_id, _ = draftlink.read_token(SECRET, token_of(link))
    tm = transaction.TransactionManager()
    conn = portal_db.open(transaction_manager=tm)
    draft = conn.root()['rathaus_portal'].drafts[draft_id]
    draft.touched -= drafts.LIFETIME + datetime.timedelta(minutes=1)
    tm.commit()
    conn.close()
    portal.reset()
    answer = portal.get(link, status=404)
    assert 'Mustermann' not in answer.text
    # a sent draft is deleted: its link shows nothing either
    tm = transaction.TransactionManager()
    conn = portal_db.open(transaction_manager=tm)
    del conn.root()['rathaus_portal'].drafts[draft_id]
    tm.commit()
    conn.close()
    portal.get(link, status=404)


def test_asking_for_a_link_keeps_the_draft_alive(portal, portal_db, smtp):
    import transaction
    page = start_two_steps(portal)
    tm = transaction.TransactionManager()
    conn = portal_db.open(transaction_manager=tm)
    (draft,) = conn.root()['rathaus_portal'].drafts.values()
    draft.touched -= datetime.timedelta(days=29)
    tm.commit()
    conn.close()
    ask_for_link(page)
    with portal_root(portal_db) as root:
        (draft,) = root.drafts.values()
        assert not draft.expired(drafts.now() + datetime.timedelta(days=29))


def test_purge_deletes_expired_drafts_only(portal, portal_db, portal_wsgi):
    import transaction
    from rathaus.jobs.periodic import run_once
    from rathaus.portal import maintenance
    start_two_steps(portal)
    portal.reset()
    start_two_steps(portal)
    tm = transaction.TransactionManager()
    conn = portal_db.open(transaction_manager=tm)
    old, new = conn.root()['rathaus_portal'].drafts.values()
    old.touched -= drafts.LIFETIME + datetime.timedelta(seconds=1)
    old_id, new_id = old.id, new.id
    tm.commit()
    conn.close()
    # the job as the server thread runs it: own transaction, committed
    result = run_once(portal_wsgi, maintenance.purge,
                      env=app_env)
    assert result == 'expired drafts deleted: 1'
    with portal_root(portal_db) as root:
        assert list(root.drafts) == [new_id]
        assert old_id not in root.drafts
    assert run_once(portal_wsgi, maintenance.purge,
                    env=app_env) == \
        'expired drafts deleted: 0'


def test_purge_thread_starts_with_the_first_served_request(monkeypatch):
    """Configured by rathaus.portal.purge_interval; 0 = no thread."""
    from pyramid import testing
    from rathaus.jobs import periodic
    from rathaus.portal import maintenance
    started = []
    monkeypatch.setattr(periodic, 'start', lambda app, task, interval, name,
                        env=None: started.append((task, interval, name, env)))
    for interval, expected in (('0', 0), ('120', 1)):
        started.clear()
        config = testing.setUp(settings={
            'rathaus.portal.purge_interval': interval})
        config.include(maintenance)
        config.add_view(lambda request: 'ok', renderer='string')
        app = config.make_wsgi_app()
        from webtest import TestApp
        TestApp(app).get('/', status='*')
        TestApp(app).get('/', status='*')
        assert len(started) == expected
        testing.tearDown()
    assert started == [(maintenance.purge, 120, 'rathaus-portal-purge',
                        app_env)]


@pytest.mark.parametrize('days', [1, 30])
def test_token_round_trip_and_expiry(days):
    today = datetime.date(2026, 3, 1)
    token = draftlink.make_token(SECRET, 'abc', 'hunde', days, today)
    assert draftlink.read_token(SECRET, token, today) == ('abc', 'hunde')
    last = today + datetime.timedelta(days=days)
    assert draftlink.read_token(SECRET, token, last) == ('abc', 'hunde')
    assert draftlink.read_token(
        SECRET, token, last + datetime.timedelta(days=1)) is None


def test_link_of_a_sent_draft_shows_nothing_and_the_purge_removes_it(
        portal, portal_db, portal_wsgi, smtp):
    from rathaus.jobs.periodic import run_once
    from rathaus.portal import maintenance
    from .antrag import fill_until_review
    review = fill_until_review(portal)
    ask_for_link(review)
    link = link_in(smtp.messages[0])
    form = [f for f in review.forms.values() if 'absenden' in f.fields][0]
    form.submit('absenden').follow()
    portal.reset()
    answer = portal.get(link, status=404)
    assert 'Mustermann' not in answer.text
    assert 'Set-Cookie' not in answer.headers
    # the 404 stored nothing; the purge removes the empty record
    assert run_once(portal_wsgi, maintenance.purge, env=app_env) == \
        'expired drafts deleted: 1'
    with portal_root(portal_db) as root:
        assert len(root.drafts) == 0
        assert len(root.submissions) == 1
