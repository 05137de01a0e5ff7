"""rathaus.templating: template compiles and ``ast.parse`` (tracebacks of
failed commits) share one lock, so they never convert ASTs at once."""
import ast
import threading
import traceback


def test_compile_and_parse_are_serialised():
    from chameleon.template import BaseTemplate
    from rathaus import templating
    templating.install()
    templating.install()                  # idempotent: wrapped once
    assert BaseTemplate._cook.rathaus_serialised
    assert ast.parse.rathaus_serialised
    assert not getattr(ast.parse.__wrapped__, 'rathaus_serialised', False)


def test_a_traceback_waits_while_a_template_compiles():
    """Formatting a traceback (as the transaction package does for every
    failed commit) parses source lines; it must wait for the lock a
    compiling template holds."""
    from rathaus import templating
    templating.install()
    formatted = threading.Event()

    def fail_and_format():
        try:
            {}['x']
        except KeyError:
            traceback.format_exc()
        formatted.set()

    with templating.LOCK:                 # a template is compiling
        thread = threading.Thread(target=fail_and_format)
        thread.start()
        assert not formatted.wait(0.3)
    assert formatted.wait(5)
    thread.join()
