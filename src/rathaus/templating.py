"""One conversion between Python ASTs and the compiler at a time, in the
whole process (included by both applications:
``config.include('rathaus.templating')``).

On Python 3.11 two threads converting ASTs at once can fail with
``SystemError: AST constructor recursion depth mismatch`` (CPython
gh-106905, malthe/chameleon#387): the interpreter keeps one recursion
counter for it.  Two things do that while requests run:

- Chameleon compiles a template on its first render (the first
  concurrent requests after a start got a 500);
- the traceback module calls ``ast.parse`` to place its ``^^^`` markers,
  and the transaction package formats a traceback for every failed
  commit, i.e. for every ConflictError before a retry (seen in CI: a
  template compiled while another request's commit conflicted).

A process-wide reentrant lock around both serialises them; a compiled
template renders without touching it, and only failed commits and
first renders wait.  Reentrant: compiling a template may load (and
compile) the macros of another, and parse.
"""
import ast
import threading

LOCK = threading.RLock()


def _serialised(func):
    if getattr(func, 'rathaus_serialised', False):
        return func

    def wrapper(*args, **kw):
        with LOCK:
            return func(*args, **kw)
    wrapper.rathaus_serialised = True
    wrapper.__wrapped__ = func
    wrapper.__doc__ = func.__doc__
    return wrapper


def install():
    """Wrap ``chameleon.template.BaseTemplate._cook`` and ``ast.parse``
    (idempotent)."""
    from chameleon.template import BaseTemplate
    BaseTemplate._cook = _serialised(BaseTemplate._cook)
    ast.parse = _serialised(ast.parse)


def includeme(config):
    install()
