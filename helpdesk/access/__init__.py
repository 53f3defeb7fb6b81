"""Who may do what: agents, roles, identity and the audit trail."""

__all__ = [
    "agents",
    "audit",
    "audit_view",
    "identity",
    "roles",
    "schema",
]
