"""The production clock and id generator."""

from __future__ import annotations

import os
import uuid
from datetime import UTC
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlfhir.adapters.system import SystemClock, UuidGenerator

pytestmark = pytest.mark.unit


def test_ids_are_random_version_4_uuids() -> None:
    ids = [UuidGenerator().new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for value in ids:
        u = uuid.UUID(value)
        assert u.version == 4
        assert u.variant == uuid.RFC_4122
        assert str(u) == value  # canonical lowercase 8-4-4-4-12 form


@settings(max_examples=200)
@given(st.binary(min_size=16, max_size=16))
def test_every_random_byte_string_gives_a_valid_uuid(raw: bytes) -> None:
    with mock.patch.object(os, "urandom", return_value=raw):
        value = UuidGenerator().new_id()
    u = uuid.UUID(value)
    assert u.version == 4
    assert u.variant == uuid.RFC_4122
    # only the version nibble and the two variant bits differ from the random bytes
    mask = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
    assert u.int & mask == int.from_bytes(raw, "big") & mask


def test_the_clock_is_aware_utc() -> None:
    assert SystemClock().now().tzinfo is UTC
