"""GraphQL types of the people subgraph, one module per entity."""
