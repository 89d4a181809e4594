"""The framework-free core: orders, dosage, timing, codes and the FHIR mapping rules (stdlib only)."""
