"""Start-up failures say exactly how to fix them: install the extra, or point to a model."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from nlfhir.adapters.stanza import LabelScheme, StanzaExtractor, StanzaSettings
from nlfhir.adapters.terminology.tables import TableTerminology
from nlfhir.ports.errors import ConfigurationError, ExtractorUnavailable

pytestmark = [pytest.mark.integration, pytest.mark.requires_stanza]


def test_unknown_model_dir_names_the_settings_to_fix(
    tmp_path: Path, terminology: TableTerminology
) -> None:
    x = StanzaExtractor(StanzaSettings(model_dir=tmp_path / "nowhere"), terminology)
    with pytest.raises(ConfigurationError) as info:
        x.load()
    message = str(info.value)
    assert str(tmp_path / "nowhere" / "ner.pt") in message
    assert "NLFHIR_STANZA_MODEL_DIR" in message
    assert "nlfhir train-ner" in message
    assert "NLFHIR_STANZA_NER_MODEL" in message


def test_no_model_configured_says_how_to_point_to_one(terminology: TableTerminology) -> None:
    with pytest.raises(ConfigurationError, match=r"no Stanza model configured.*NLFHIR_STANZA"):
        StanzaExtractor(StanzaSettings(), terminology).load()


def test_missing_stanza_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, stanza_model_dir: Path, terminology: TableTerminology
) -> None:
    monkeypatch.setitem(sys.modules, "stanza", None)  # what `import stanza` sees without the extra
    x = StanzaExtractor(StanzaSettings(model_dir=stanza_model_dir), terminology)
    with pytest.raises(ConfigurationError) as info:
        x.load()
    assert "uv sync --extra stanza" in str(info.value)
    assert "pip install 'nl-fhir[stanza]'" in str(info.value)


def test_a_model_whose_labels_do_not_match_the_scheme_does_not_start(
    stanza_model_dir: Path, terminology: TableTerminology
) -> None:
    settings = StanzaSettings(model_dir=stanza_model_dir, labels=LabelScheme.I2B2)
    with pytest.raises(ConfigurationError, match="NLFHIR_STANZA_LABELS"):
        StanzaExtractor(settings, terminology).load()


def test_extracting_before_load_is_extractor_unavailable(terminology: TableTerminology) -> None:
    with pytest.raises(ExtractorUnavailable):
        StanzaExtractor(StanzaSettings(), terminology).find_mentions("metformin 500 mg")
