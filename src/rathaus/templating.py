"""One Chameleon template compiles at a time, in the whole process
(included by both applications: ``config.include('rathaus.templating')``).

Chameleon compiles a template on its first render.  On Python 3.11 two
threads compiling at once can fail with ``SystemError: AST constructor
recursion depth mismatch`` (CPython gh-106905, malthe/chameleon#387):
the first concurrent requests after a start got a 500.  A process-wide
lock around the compile step serialises first renders only; a compiled
template renders without touching it.  Reentrant: compiling a template
may load (and compile) the macros of another.
"""
import threading

LOCK = threading.RLock()


def install():
    """Wrap ``chameleon.template.BaseTemplate._cook`` (idempotent)."""
    from chameleon.template import BaseTemplate
    cook = BaseTemplate._cook
    if getattr(cook, 'rathaus_serialised', False):
        return

    def _cook(self, *args, **kw):
        with LOCK:
            return cook(self, *args, **kw)
    _cook.rathaus_serialised = True
    BaseTemplate._cook = _cook


def includeme(config):
    install()
