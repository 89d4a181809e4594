"""The domain's error tree.

DomainError
 +-- InvariantViolation   a domain value was built in a state the domain forbids
 +-- InvalidInput         caller-supplied input the domain refuses (empty text, bad patient ref)
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises."""


class InvariantViolation(DomainError, ValueError):
    """A domain value would break its own invariant; a programming error, never user input."""


class InvalidInput(DomainError, ValueError):
    """Input from a caller that the domain cannot accept; the message is safe to show the caller."""
