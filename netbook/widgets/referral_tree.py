"""The referral tree from you outward: who led you to whom, with each lead's status."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from netbook.domain.contact_details import STATUS_LABELS, ReferralNode
from netbook.domain.display_text import visible_text
from netbook.widgets.contact_page import STATUS_STYLES


def node_label(node: ReferralNode) -> Text:
    text = Text(visible_text(node.name) or "(no name)")
    text.append(f"  {STATUS_LABELS[node.status]}", style=STATUS_STYLES[node.status])
    if node.children:
        text.append(f"  → {len(node.children)}", style="dim")
    return text


class ReferralTree(Tree[str]):
    """Node data is the contact id (None for the root, "You"); enter opens the contact."""

    DEFAULT_CSS = """
    ReferralTree { padding: 0 1; background: $surface; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("You"), id=id)
        self.show_root = True
        self.guide_depth = 3

    def load(self, roots: list[ReferralNode]) -> None:
        self.clear()
        people = sum(r.size() for r in roots)
        label = Text("You", style="bold")
        if roots:
            label.append(f"  {len(roots)} people you know led you to {people - len(roots)} more", style="dim")
        else:
            label.append("  no referrals yet — ask “who else should I talk to?”", style="dim")
        self.root.set_label(label)
        pending: list[tuple[TreeNode[str], list[ReferralNode]]] = [(self.root, roots)]
        while pending:
            parent, nodes = pending.pop()
            for node in nodes:
                if node.children:
                    child = parent.add(node_label(node), data=node.contact_id, expand=True)
                    pending.append((child, node.children))
                else:
                    parent.add_leaf(node_label(node), data=node.contact_id)
        self.root.expand()
        self.move_cursor(self.root)
