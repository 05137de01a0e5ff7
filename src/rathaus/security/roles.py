"""The role -> permission table; docs/berechtigungen.md mirrors it.

Permissions are plain strings so the ACL machinery of Pyramid and the
catalog's permission trimming (:mod:`.allowed`) can use them directly.
"""
VIEW = 'view'
EDIT = 'rathaus.edit'
ADD = 'rathaus.add'
TRANSITION = 'rathaus.transition'
SIGN = 'rathaus.sign'          # Schlusszeichnung
REOPEN = 'rathaus.reopen'      # re-open a closed Akte
SHARE = 'rathaus.share'
CLASSIFY = 'rathaus.classify'   # change the Vertraulichkeit
DELETE = 'rathaus.delete'
EXPORT = 'rathaus.export'
MANAGE_PLAN = 'rathaus.manage_plan'
AUDIT = 'rathaus.audit'        # journal views and access reports
ENTER = 'rathaus.enter'        # use the staff UI at all

LESEN = 'lesen'
SACHBEARBEITUNG = 'sachbearbeitung'
AMTSLEITUNG = 'amtsleitung'
REGISTRATUR = 'registratur'
ADMINISTRATION = 'administration'
MITZEICHNUNG = 'mitzeichnung'   # temporary role of co-signers

ROLE_TITLES = {
    LESEN: 'Lesen',
    SACHBEARBEITUNG: 'Sachbearbeitung',
    AMTSLEITUNG: 'Amtsleitung',
    REGISTRATUR: 'Registratur',
    ADMINISTRATION: 'Administration',
    MITZEICHNUNG: 'Mitzeichnung',
}

_SB = (VIEW, EDIT, ADD, TRANSITION)

ROLE_PERMISSIONS = {
    LESEN: (VIEW,),
    SACHBEARBEITUNG: _SB,
    AMTSLEITUNG: _SB + (SIGN, CLASSIFY, DELETE, EXPORT),
    REGISTRATUR: _SB + (REOPEN, SHARE, CLASSIFY, DELETE, EXPORT,
                        MANAGE_PLAN, AUDIT),
    ADMINISTRATION: _SB + (SIGN, REOPEN, SHARE, CLASSIFY, DELETE, EXPORT,
                           MANAGE_PLAN, AUDIT),
    MITZEICHNUNG: (VIEW, TRANSITION),
}

# Roles a records manager can grant on a node in the sharing UI.
GRANTABLE_ROLES = (LESEN, SACHBEARBEITUNG, AMTSLEITUNG, REGISTRATUR)

# Roles granted per Amt (group per Amt) vs. organisation-wide groups.
AMT_ROLES = (LESEN, SACHBEARBEITUNG, AMTSLEITUNG)
GLOBAL_ROLES = (REGISTRATUR, ADMINISTRATION)

ALL_PERMISSIONS_DECLARED = (
    VIEW, EDIT, ADD, TRANSITION, SIGN, REOPEN, SHARE, CLASSIFY, DELETE,
    EXPORT, MANAGE_PLAN, AUDIT, ENTER,
)

# Group every staff user belongs to: lets them enter the staff UI and read
# the Aktenplan, but not any Amt's records.
STAFF_GROUP = 'mitarbeitende'


def role_group_name(role):
    """Name of an organisation-wide role group (users and groups share one
    namespace in Substance D, so role names themselves stay free for logins)."""
    return 'rolle-%s' % role


def amt_group_name(amt_name, role):
    """Name of the group holding ``role`` in the Amt named ``amt_name``."""
    return 'amt-%s-%s' % (amt_name, role)
