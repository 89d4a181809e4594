"""The framework-free core: orders, dosage, timing, codes, FHIR mapping rules (stdlib only)."""
