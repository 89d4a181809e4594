"""Hand-written fakes, one per port, for tests that must not touch real adapters."""
