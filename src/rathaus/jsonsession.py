"""A JSON serializer for Pyramid's signed cookie sessions (never pickle).

A signed pickle is only as safe as its secret: whoever knows the secret
can make the server unpickle anything.  JSON cannot run code.  One string
type keeps its type through a tagged object: ``TranslationString`` (SDI
flash messages, translated when shown).  A cookie that is not JSON (an old
pickled one) is an empty session: never unpickled.
"""
import json

from translationstring import TranslationString

_TS = '__ts__'


def _tag(value):
    if isinstance(value, TranslationString):
        return {_TS: [str(value), value.domain, value.default,
                      value.mapping]}
    if isinstance(value, dict):
        return {k: _tag(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_tag(v) for v in value]
    return value


def _untag(obj):
    if len(obj) == 1 and _TS in obj:
        msgid, domain, default, mapping = obj[_TS]
        return TranslationString(msgid, domain=domain, default=default,
                                 mapping=mapping)
    return obj


class JSONSerializer:
    """``dumps``/``loads`` for Pyramid's SignedCookieSessionFactory."""

    def dumps(self, appstruct):
        return json.dumps(_tag(appstruct), separators=(',', ':'),
                          ensure_ascii=False).encode('utf-8')

    def loads(self, bstruct):
        try:
            return json.loads(bstruct.decode('utf-8'), object_hook=_untag)
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError('session cookie is not JSON') from exc
