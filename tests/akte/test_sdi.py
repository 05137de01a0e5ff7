"""The SDI stays usable for administrators and obeys the model rules."""
from .conftest import login, post_action


def sdi_login(app, user='admin', password='admin'):
    """The SDI's login sends to the staff sign-in and back to the SDI."""
    app.reset()
    form = app.get('/akte/manage/@@login', status=303).follow().forms[0]
    form['login'] = user
    form['password'] = password
    return form.submit()


def test_admin_uses_sdi(akte, world):
    res = sdi_login(akte)
    assert res.status_int in (302, 303), res.text[:500]
    page = akte.get('/akte/manage' + world.vorgang_url[5:] + '@@properties')
    assert 'Antrag Gaststättenerlaubnis' in page.text


def test_sdi_property_edit_of_frozen_node_is_refused(akte, world):
    login(akte, 'sb')
    post_action(akte, world.dok_url, 'status', transition='finalisieren')
    sdi_login(akte)
    url = '/akte/manage' + world.dok_url[5:] + '@@properties'
    form = akte.get(url).maybe_follow().forms['deform']
    form['title'] = 'Manipuliert'
    res = form.submit('save', status=303).maybe_follow()
    assert 'ist final' in res.text
    login(akte, 'sb')
    assert 'Manipuliert' not in akte.get(world.dok_url).text
