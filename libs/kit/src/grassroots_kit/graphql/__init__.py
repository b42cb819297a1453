"""GraphQL helpers shared by the subgraphs: typed errors, Relay connections, app wiring."""
