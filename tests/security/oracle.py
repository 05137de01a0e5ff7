"""An independent statement of who may view what (docs/berechtigungen.md),
computed from each node's declared state (level, Sperrvermerk, grants)
without Pyramid ACLs, the objectmap or the catalog."""
RANK = {'offen': 0, 'intern': 1, 'vertraulich': 2}


class Node:
    def __init__(self, name, parent, level, amt=None):
        self.name, self.parent, self.level = name, parent, level
        self.amt = amt or self          # the Amt this node lies in
        self.block = False
        self.grants = []                # principal names (users or groups)

    def is_amt(self):
        return self.parent is None

    def effective(self):
        own = RANK[self.level]
        return own if self.parent is None else max(
            own, self.parent.effective())

    def parent_effective(self):
        return None if self.parent is None else self.parent.effective()


class User:
    def __init__(self, name, groups, registratur=False):
        self.name, self.groups = name, set(groups)
        self.registratur = registratur

    def principals(self):
        return {self.name} | self.groups


def can_view(user, node, allow_staff=True):
    if node is None:                    # the root: organisation-wide roles
        return user.registratur
    if user.principals() & set(node.grants):
        return True
    if node.is_amt() and any(g.startswith('amt-%s-' % node.name)
                             for g in user.groups):
        return True
    above = node.parent_effective()
    stricter = above is None or RANK[node.level] > above
    if node.block or (node.level == 'vertraulich' and stricter):
        return False
    if node.level == 'offen' and above is None and allow_staff:
        return True                     # an offen Amt: all staff
    if node.level == 'intern' and above == RANK['offen']:
        return can_view(user, node.parent, allow_staff=False)
    return can_view(user, node.parent, allow_staff)
