"""Domain logic with no GraphQL in it: used by the API, the CLI and the tests."""
