"""One Protocol per role. Ports take and return domain types only."""
