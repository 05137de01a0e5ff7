"""Add the staff UI's template globals to every staff template."""
from pyramid.events import BeforeRender, subscriber

from .helpers import template_globals


@subscriber(BeforeRender)
def add_globals(event):
    renderer = event.get('renderer_name') or ''
    if not renderer.startswith('rathaus.akte.views:templates/'):
        return
    request = event['request']
    if request is None:
        return
    context = request.context
    if not hasattr(context, '__parent__'):
        # exception views replace request.context with the exception
        context = request.root
    for key, value in template_globals(request, context).items():
        event.setdefault(key, value)
