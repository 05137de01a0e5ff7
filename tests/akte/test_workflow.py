"""Workflow buttons, guards, refusals with reasons, immutability, reopening."""
from .conftest import flash, login, post_action, state_of


def to_schlusszeichnung(app, url):
    post_action(app, url, 'status', transition='bearbeiten')
    post_action(app, url, 'status', transition='zur_schlusszeichnung')


def test_buttons_show_only_allowed_transitions(akte, world):
    login(akte, 'sb')
    page = akte.get(world.vorgang_url)
    buttons = [b.text for b in page.html.select('.workflow button')]
    assert buttons == ['Bearbeitung beginnen']
    to_schlusszeichnung(akte, world.vorgang_url)
    page = akte.get(world.vorgang_url)
    # Sachbearbeitung may not sign
    assert not page.html.select('.workflow button')
    login(akte, 'al')
    page = akte.get(world.vorgang_url)
    buttons = [b.text for b in page.html.select('.workflow button')]
    assert buttons == ['Schlusszeichnen und z.d.A.',
                       'Schlusszeichnung verweigern']


def test_sign_without_permission_is_refused_in_model(akte, world):
    login(akte, 'sb')
    to_schlusszeichnung(akte, world.vorgang_url)
    res = post_action(akte, world.vorgang_url, 'status',
                      transition='schlusszeichnen')
    _, error, _ = flash(res)
    assert 'Sie dürfen den Status hier nicht ändern.' in error
    assert state_of(akte, world.vorgang_url) == 'zur Schlusszeichnung'


def test_unknown_transition_is_refused(akte, world):
    login(akte, 'sb')
    res = post_action(akte, world.vorgang_url, 'status',
                      transition='schlusszeichnen')
    _, error, _ = flash(res)
    assert 'nicht möglich' in error
    assert state_of(akte, world.vorgang_url) == 'neu'


def test_no_zda_while_drafts_then_immutable(akte, world):
    login(akte, 'sb')
    to_schlusszeichnung(akte, world.vorgang_url)
    login(akte, 'al')
    _, error, _ = flash(post_action(akte, world.vorgang_url, 'status',
                                    transition='schlusszeichnen'))
    assert 'Entwurf' in error and 'nicht zu den Akten' in error
    assert state_of(akte, world.vorgang_url) == 'zur Schlusszeichnung'
    post_action(akte, world.dok_url, 'status', transition='finalisieren')
    assert state_of(akte, world.dok_url) == 'final'
    info, _, _ = flash(post_action(akte, world.vorgang_url, 'status',
                                   transition='schlusszeichnen'))
    assert 'erledigt (z.d.A.)' in info
    page = akte.get(world.vorgang_url)
    assert 'erledigt (z.d.A.) und kann nicht mehr geändert' in page.text
    assert 'Dokument hochladen' not in page.text
    # every write is refused, whatever the entry point
    for view, fields in (('bearbeiten', {'title': 'x', 'submit': 'submit'}),
                         ('loeschen', {}),
                         ('wiedervorlage', {'datum': '2030-01-01',
                                            'person': 'al'})):
        _, error, _ = flash(post_action(akte, world.vorgang_url, view,
                                        **fields))
        assert 'kann nicht mehr geändert werden' in error, view
    _, error, _ = flash(post_action(akte, world.dok_url, 'loeschen'))
    assert 'nicht mehr geändert' in error
    assert 'Antrag Gaststättenerlaubnis' in akte.get(world.vorgang_url).text


def test_refusal_needs_reason_and_shows_it(akte, world):
    login(akte, 'sb')
    post_action(akte, world.vorgang_url, 'status', transition='bearbeiten')
    post_action(akte, world.vorgang_url, 'status',
                transition='zur_mitzeichnung')
    _, error, _ = flash(post_action(akte, world.vorgang_url, 'status',
                                    transition='mitzeichnung_verweigern',
                                    reason='  '))
    assert 'Bitte geben Sie eine Begründung an.' in error
    assert state_of(akte, world.vorgang_url) == 'zur Mitzeichnung'
    info, _, page = flash(post_action(
        akte, world.vorgang_url, 'status',
        transition='mitzeichnung_verweigern', reason='Frist fehlt'))
    assert 'in Bearbeitung' in info
    assert '„Frist fehlt“' in page.text
    assert 'Frist fehlt' in akte.get(world.vorgang_url + '@@verlauf').text


def test_final_dokument_is_immutable(akte, world):
    login(akte, 'sb')
    post_action(akte, world.dok_url, 'status', transition='finalisieren')
    page = akte.get(world.dok_url)
    assert 'ist final' in page.text
    assert 'Neue Version hochladen' not in page.text
    _, error, _ = flash(post_action(
        akte, world.dok_url, 'bearbeiten', title='neu', submit='submit'))
    assert 'ist final' in error


def test_akte_closes_only_without_open_vorgaenge_and_reopens_by_registratur(
        akte, world):
    login(akte, 'al')
    _, error, _ = flash(post_action(akte, world.akte_url, 'status',
                                    transition='abschliessen'))
    assert 'offene(n) Vorgang' in error and world.vorgang_az in error
    post_action(akte, world.dok_url, 'status', transition='finalisieren')
    to_schlusszeichnung(akte, world.vorgang_url)
    post_action(akte, world.vorgang_url, 'status',
                transition='schlusszeichnen')
    info, _, page = flash(post_action(akte, world.akte_url, 'status',
                                      transition='abschliessen'))
    assert 'abgeschlossen' in info
    assert 'Abgeschlossen am' in page.text
    assert 'Vorgang anlegen' not in page.text
    res = akte.get(world.akte_url + '@@vorgang-anlegen', status=409)
    assert 'abgeschlossen' in res.text
    _, error, _ = flash(post_action(akte, world.akte_url, 'vorgang-anlegen',
                                    title='Nachzügler', submit='submit'))
    assert 'abgeschlossen und kann nicht mehr geändert' in error
    # Amtsleitung cannot reopen; Registratur can
    res = post_action(akte, world.akte_url, 'status',
                      transition='wieder_oeffnen')
    _, error, _ = flash(res)
    assert 'nicht' in error
    login(akte, 'reg')
    info, _, _ = flash(post_action(akte, world.akte_url, 'status',
                                   transition='wieder_oeffnen'))
    assert 'wieder geöffnet' in info
    form = akte.get(world.akte_url + '@@vorgang-anlegen').forms['deform']
    form['title'] = 'Nachtrag'
    info, _, _ = flash(form.submit('submit'))
    assert '/2 wurde angelegt' in info
