"""docs/berechtigungen.md and security/roles.py state the same table."""
import os

from rathaus.security.roles import ROLE_PERMISSIONS, ROLE_TITLES

DOC = os.path.join(os.path.dirname(__file__), '..', '..', 'docs',
                   'berechtigungen.md')


def documented_table():
    lines = [line for line in open(DOC, encoding='utf-8')
             if line.startswith('| `')]
    header = [line for line in open(DOC, encoding='utf-8')
              if line.startswith('| permission')][0]
    roles = [c.strip() for c in header.strip().strip('|').split('|')[2:]]
    table = {}
    for line in lines:
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        permission = cells[0].strip('`')
        for role, cell in zip(roles, cells[2:]):
            if cell == '✓':
                table.setdefault(role, set()).add(permission)
    return table


def test_documented_table_is_the_enforced_table():
    by_title = {title: role for role, title in ROLE_TITLES.items()}
    documented = {by_title[title]: perms
                  for title, perms in documented_table().items()}
    enforced = {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()}
    assert documented == enforced
