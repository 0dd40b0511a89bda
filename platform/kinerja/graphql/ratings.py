"""GraphQL of ratings (being built for issue 4)."""
