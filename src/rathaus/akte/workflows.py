"""Workflows of Akte, Vorgang and Dokument with their guards.

State ids are ASCII; titles are the German names the UI shows.  Guards
run for every caller (staff UI, SDI, scripts) because Substance D calls
transition callbacks before changing the state.
"""
from substanced.workflow import Workflow

from ..security.roles import REOPEN, SIGN, TRANSITION
from .errors import Refused
from .frozen import check_mutable
from .resources.base import WORKFLOW_TYPE

REASON_ATTR = '_v_transition_reason'
# AfterTransition carries no request; every guard leaves it here (volatile,
# never stored) so the journal knows who acted, whatever the caller.
REQUEST_ATTR = '_v_transition_request'


def guard_containers(content, request=None, transition=None, **kw):
    """No transition inside a closed Akte or an erledigt Vorgang."""
    setattr(content, REQUEST_ATTR, request)
    check_mutable(content, include_self=False)


def require_reason(content, request=None, transition=None, **kw):
    guard_containers(content, request)
    reason = (getattr(content, REASON_ATTR, None) or '').strip()
    if not reason:
        raise Refused('Bitte geben Sie eine Begründung an.', code='reason')


def no_drafts(content, request=None, transition=None, **kw):
    guard_containers(content, request)
    drafts = [d for d in content.values()
              if getattr(d, 'workflow_state', None) == 'entwurf']
    if drafts:
        raise Refused(
            'Der Vorgang enthält noch %d Entwurf/Entwürfe (%s) und kann '
            'nicht zu den Akten verfügt werden.' % (
                len(drafts), ', '.join(d.title for d in drafts[:3])),
            code='drafts')


def no_open_vorgaenge(content, request=None, transition=None, **kw):
    guard_containers(content, request)
    open_ = [v for v in content.values()
             if getattr(v, 'workflow_state', 'erledigt') != 'erledigt']
    if open_:
        raise Refused(
            'Die Akte enthält noch %d offene(n) Vorgang/Vorgänge (%s) und '
            'kann nicht abgeschlossen werden.' % (
                len(open_), ', '.join(v.aktenzeichen or v.title
                                      for v in open_[:3])),
            code='open_vorgaenge')


def akte_workflow():
    wf = Workflow('offen', WORKFLOW_TYPE, name='Akte')
    wf.add_state('offen', title='offen')
    wf.add_state('abgeschlossen', title='abgeschlossen')
    wf.add_state('wieder_geoeffnet', title='wieder geöffnet')
    wf.add_transition('abschliessen', 'offen', 'abgeschlossen',
                      callback=no_open_vorgaenge, permission=TRANSITION,
                      title='Akte abschließen')
    wf.add_transition('wieder_oeffnen', 'abgeschlossen', 'wieder_geoeffnet',
                      callback=guard_containers, permission=REOPEN,
                      title='Akte wieder öffnen')
    wf.add_transition('erneut_abschliessen', 'wieder_geoeffnet',
                      'abgeschlossen', callback=no_open_vorgaenge,
                      permission=TRANSITION, title='Akte abschließen')
    return wf


def vorgang_workflow():
    wf = Workflow('neu', WORKFLOW_TYPE, name='Vorgang')
    for state, title in (('neu', 'neu'),
                         ('in_bearbeitung', 'in Bearbeitung'),
                         ('zur_mitzeichnung', 'zur Mitzeichnung'),
                         ('zur_schlusszeichnung', 'zur Schlusszeichnung'),
                         ('erledigt', 'erledigt (z.d.A.)')):
        wf.add_state(state, title=title)
    t = wf.add_transition
    t('bearbeiten', 'neu', 'in_bearbeitung', callback=guard_containers,
      permission=TRANSITION, title='Bearbeitung beginnen')
    t('zur_mitzeichnung', 'in_bearbeitung', 'zur_mitzeichnung',
      callback=guard_containers, permission=TRANSITION,
      title='Zur Mitzeichnung geben')
    t('zur_schlusszeichnung', 'in_bearbeitung', 'zur_schlusszeichnung',
      callback=guard_containers, permission=TRANSITION,
      title='Zur Schlusszeichnung geben')
    t('mitzeichnen', 'zur_mitzeichnung', 'zur_schlusszeichnung',
      callback=guard_containers, permission=TRANSITION, title='Mitzeichnen')
    t('mitzeichnung_verweigern', 'zur_mitzeichnung', 'in_bearbeitung',
      callback=require_reason, permission=TRANSITION,
      title='Mitzeichnung verweigern', needs_reason=True)
    t('schlusszeichnen', 'zur_schlusszeichnung', 'erledigt',
      callback=no_drafts, permission=SIGN,
      title='Schlusszeichnen und z.d.A.')
    t('schlusszeichnung_verweigern', 'zur_schlusszeichnung',
      'in_bearbeitung', callback=require_reason, permission=SIGN,
      title='Schlusszeichnung verweigern', needs_reason=True)
    return wf


def dokument_workflow():
    wf = Workflow('entwurf', WORKFLOW_TYPE, name='Dokument')
    wf.add_state('entwurf', title='Entwurf')
    wf.add_state('final', title='final')
    wf.add_transition('finalisieren', 'entwurf', 'final',
                      callback=guard_containers, permission=TRANSITION,
                      title='Als final kennzeichnen')
    return wf


def state_title(content, registry):
    """German title of ``content``'s current state."""
    wf = registry.workflow.get(WORKFLOW_TYPE, registry.content.typeof(content))
    state = content.workflow_state
    if wf is None or state is None:
        return ''
    return wf._states[state].get('title', state)


def includeme(config):
    config.add_workflow(akte_workflow(), ('Akte',))
    config.add_workflow(vorgang_workflow(), ('Vorgang',))
    config.add_workflow(dokument_workflow(), ('Dokument',))
