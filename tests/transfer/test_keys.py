"""`rathaus keys` makes a pair that seals and opens; files never clobbered."""
import pytest


def test_keys_command_writes_a_working_pair(tmp_path):
    from rathaus.scripts.main import main
    from rathaus.transfer import keys
    assert main(['keys', str(tmp_path)]) == 0
    private = (tmp_path / 'transfer-private.key')
    assert oct(private.stat().st_mode)[-3:] == '600'
    settings = {
        'rathaus.transfer.public_key_file': str(tmp_path /
                                                'transfer-public.key'),
        'rathaus.transfer.private_key_file': str(private)}
    assert keys.unseal(settings, keys.seal(settings, b'Bello')) == b'Bello'
    with pytest.raises(SystemExit):
        main(['keys', str(tmp_path)])


def test_missing_key_refuses_sealing():
    from rathaus.transfer import keys
    with pytest.raises(keys.KeyMissing):
        keys.seal({}, b'x')
