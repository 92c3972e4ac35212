"""Human handoff: tickets (store), checks of what the official gives (validation), transcript, agents' CLI."""
