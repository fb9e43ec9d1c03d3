"""HTTP routes, one module per resource: events, documents, alerts, meta, pages."""
