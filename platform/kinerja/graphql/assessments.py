"""GraphQL of assessments (being built for issue 4)."""
