"""The demo: after the first start (`make run`) and one transfer pull the
portal's register shows the demo's found items, without finder data."""
import webtest

from tests.demo.test_first_start import close, start


def test_the_demo_fills_the_register(tmp_path):
    from rathaus.demo import data
    from rathaus.transfer.channel import pull_local
    app = start(tmp_path)
    try:
        akte = dict(app.mounts)['/akte']
        result = pull_local(akte)
        assert result['fundregister'] == len(data.FUNDSACHEN)
        client = webtest.TestApp(app)
        page = client.get('/fundsachen')
        shown = [a.get_text() for a in page.html.select(
            'ul.fundsachen li > a')]
        assert len(shown) == len(data.FUNDSACHEN)
        assert 'Schlüssel: Schlüsselbund mit drei Schlüsseln und rotem ' \
            'Anhänger' in shown
        for item in data.FUNDSACHEN:
            assert item[6] not in page.text          # the finder
        from ..signin import webtest_login
        webtest_login(client, 'sachbearbeitung', 'demo')
        staff = client.get('/akte/@@fundbuero')
        assert staff.text.count('veröffentlicht (F-') == len(
            data.FUNDSACHEN)
    finally:
        close(app)
