"""The GraphQL API: strawberry types and resolvers, one module per domain."""
