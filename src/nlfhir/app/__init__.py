"""Composition root: settings, the dependency-injector container, use cases and entry points."""
