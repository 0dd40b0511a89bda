"""GraphQL of satisfaction (being built for issue 4)."""
