"""Imaging studies in the word orders clinicians write: the side, contrast and views read with
the study and coded by the LOINC table's own names, or kept as written (issue #3)."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.rules.imaging import contrast_wording, regions
from nlfhir.domain.orders import MedicationOrder, ServiceCategory
from tests.support.extraction import services

pytestmark = pytest.mark.unit

# The LOINC table's names for the studies below (../shared/terminology/loinc.csv, each row with
# its source); a test looks a study up by name, never by a code typed here.
_STUDY_NAMES = {
    "mri knee - right": "MR Knee - right",
    "mri knee - left": "MR Knee - left",
    "mri knee - right without contrast": "MR Knee - right WO contrast",
    "ct wrist - left": "CT Wrist - left",
    "mri shoulder - left without contrast": "MR Shoulder - left WO contrast",
    "ct chest with contrast": "CT Chest W contrast IV",
    "ct chest without contrast": "CT Chest WO contrast",
    "ct head without contrast": "CT Head WO contrast",
    "mri brain without contrast": "MR Brain WO contrast",
    "mri brain with and without contrast": "MR Brain WO and W contrast IV",
    "ct chest and abdomen and pelvis with contrast": (
        "CT Chest and Abdomen and Pelvis W contrast IV"
    ),
    "x-ray knee - bilateral views": "XR Knee - bilateral Views",
    "x-ray knee views": "XR Knee Views",
    "x-ray knee 3 views": "XR Knee 3 Views",
    "x-ray wrist - right 3 views": "XR Wrist - right 3 Views",
    "x-ray chest single view": "XR Chest Single view",
    "x-ray wrist - left views": "XR Wrist - left Views",
    "mri knee": "MR Knee",
}


def _display(shipped: RulesExtractor, text: str) -> tuple[str, str | None]:
    (study,) = services(shipped.read(text))
    assert study.category is ServiceCategory.IMAGING
    return study.code.text, study.code.codings[0].display if study.code.codings else None


@pytest.mark.parametrize(
    ("text", "written", "study"),
    [
        # the side between the modality and the region, or after the region
        ("order MRI right knee", "MRI right knee", "mri knee - right"),
        ("Order MRI of the left knee", "MRI of the left knee", "mri knee - left"),
        ("order x-ray left wrist", "x-ray left wrist", "x-ray wrist - left views"),
        ("order CT wrist L", "CT wrist L", "ct wrist - left"),
        ("order MRI knee (R)", "MRI knee (R)", "mri knee - right"),
        ("order MRI knee right", "MRI knee right", "mri knee - right"),
        ("order MRI knee, left", "MRI knee, left", "mri knee - left"),
        # the region (and side) before the modality
        ("order right knee MRI", "right knee MRI", "mri knee - right"),
        ("order bilateral knee x-rays", "bilateral knee x-rays", "x-ray knee - bilateral views"),
        ("order x-ray both knees", "x-ray both knees", "x-ray knee - bilateral views"),
        ("get chest CT with contrast", "chest CT with contrast", "ct chest with contrast"),
        # contrast, however written
        ("order CT chest (no contrast)", "CT chest (no contrast)", "ct chest without contrast"),
        ("order noncontrast CT head", "noncontrast CT head", "ct head without contrast"),
        ("order CT head w/o", "CT head w/o", "ct head without contrast"),
        ("order MRI brain w/wo", "MRI brain w/wo", "mri brain with and without contrast"),
        ("order MRI brain (no gad - eGFR 20)", "MRI brain (no gad", "mri brain without contrast"),
        (
            "order MRI left shoulder without contrast",
            "MRI left shoulder without contrast",
            "mri shoulder - left without contrast",
        ),
        (
            "order MRI knee w/o contrast (R)",
            "MRI knee w/o contrast (R)",
            "mri knee - right without contrast",
        ),
        # several regions as one study
        (
            "order CT chest/abdomen/pelvis with contrast",
            "CT chest/abdomen/pelvis with contrast",
            "ct chest and abdomen and pelvis with contrast",
        ),
        # an x-ray's views, counted or not
        ("order XR knee", "XR knee", "x-ray knee views"),
        ("order knee x-ray 3 views", "knee x-ray 3 views", "x-ray knee 3 views"),
        ("order XR right wrist 3 views", "XR right wrist 3 views", "x-ray wrist - right 3 views"),
        ("Get XR chest 1 view", "XR chest 1 view", "x-ray chest single view"),
        ("order MRI of the knee", "MRI of the knee", "mri knee"),
    ],
)
def test_a_study_is_read_with_its_side_contrast_and_views(
    shipped: RulesExtractor, text: str, written: str, study: str
) -> None:
    assert _display(shipped, text) == (written, _STUDY_NAMES[study])


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # the tables name no lateral diagnostic mammogram: as written, never the plain study
        ("order right breast diagnostic mammogram", "right breast diagnostic mammogram"),
        ("order CT abdomen with oral contrast", "CT abdomen with oral contrast"),
    ],
)
def test_a_study_the_tables_name_only_without_its_side_or_contrast_is_uncoded(
    shipped: RulesExtractor, text: str, written: str
) -> None:
    assert _display(shipped, text) == (written, None)


@pytest.mark.parametrize(
    ("text", "studies"),
    [
        ("Order right knee x-ray and left hip x-ray", ["right knee x-ray", "left hip x-ray"]),
        ("Order XR right knee and left shoulder MRI", ["XR right knee", "left shoulder MRI"]),
        ("Order MRI right knee, x-ray left knee", ["MRI right knee", "x-ray left knee"]),
    ],
)
def test_each_study_of_a_list_keeps_its_own_side(
    shipped: RulesExtractor, text: str, studies: list[str]
) -> None:
    assert [s.code.text for s in services(shipped.read(text))] == studies


@pytest.mark.parametrize(
    "text",
    [
        "Mr Smith needs labs, order CBC",  # "Mr" is no MRI
        "tell us if pain worsens, order CBC",  # "us" is no ultrasound
        "film coated tablet, order CBC",
    ],
)
def test_words_that_only_look_like_a_modality_order_no_study(
    shipped: RulesExtractor, text: str
) -> None:
    assert [s.code.text for s in services(shipped.read(text))] == ["CBC"]


def test_a_letter_before_the_region_is_the_region_s_not_a_side(shipped: RulesExtractor) -> None:
    # "L spine" is the lumbar spine: never a left-sided study
    e = shipped.read("order CT L spine")
    assert all("left" not in (c.display or "") for s in services(e) for c in s.code.codings)


def test_a_second_region_the_tables_do_not_join_is_reported(shipped: RulesExtractor) -> None:
    e = shipped.read("order CT head and c-spine without contrast")
    assert [s.code.text for s in services(e)] == ["CT head"]
    assert any("c-spine without contrast" in u.text for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "Order left knee x-ray -- sorry, right knee",
        "order MRI left knee -- actually right",
        "order CT head \u2014 actually MRI brain",
        "order CBC - oops, CMP",
        "metoprolol 25 mg PO BID -- sorry, 50 mg",
    ],
)
def test_a_correction_after_a_dash_takes_back_the_order_before_it(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert e.orders == ()
    assert any("taken back or corrected" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text", ["lisinopril 10 mg daily - hold it", "lisinopril 10 mg daily, wait, hold that"]
)
def test_an_order_held_right_after_it_is_written_is_not_made(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert not any(isinstance(o, MedicationOrder) for o in e.orders)
    assert any("stop or hold" in u.reason for u in e.unparsed)


def test_regions_are_the_table_names_up_to_the_side_contrast_or_views() -> None:
    names = [
        "x-ray wrist - left 2 views",
        "ct chest and abdomen and pelvis",
        "x-ray chest pa and lateral upright",
        "x-ray upper gi series",
        "ct guidance for biopsy",
        "cbc",
    ]
    assert regions(names) == {
        "x-ray wrist",
        "ct chest and abdomen and pelvis",
        "x-ray chest",
        "x-ray upper gi",
    }  # never a name's first words alone ("x-ray upper", "ct chest and")


@pytest.mark.parametrize(
    ("words", "wording"),
    [
        ("w/o contrast", "without contrast"),
        ("non-contrast", "without contrast"),
        ("no gad", "without contrast"),
        ("with and without gadolinium", "with and without contrast"),
        ("w/wo", "with and without contrast"),
        ("w & w/o contrast", "with and without contrast"),
        ("with IV contrast", "with contrast"),
        ("contrast-enhanced", "with contrast"),
    ],
)
def test_contrast_is_named_in_the_tables_wording(words: str, wording: str) -> None:
    assert contrast_wording(words) == wording


# An audit of about 860 imaging orders (issue #3) found the classes below.

_MORE_NAMES = {
    "x-ray knee views": "XR Knee Views",
    "x-ray hip views": "XR Hip Views",
    "mri knee wo contrast": "MR Knee WO contrast",
    "x-ray knee - bilateral views": "XR Knee - bilateral Views",
    "x-ray hip - bilateral views": "XR Hip - bilateral Views",
    "mri knee - bilateral": "MR Knee - bilateral",
    "x-ray knee - right 3 views": "XR Knee - right 3 Views",
    "x-ray knee - bilateral 3 views": "XR Knee - bilateral 3 Views",
    "x-ray ankle - left views": "XR Ankle - left Views",
    "mri knee - right": "MR Knee - right",
    "mri brain wo and w": "MR Brain WO and W contrast IV",
    "ct head wo": "CT Head WO contrast",
    "ct chest w": "CT Chest W contrast IV",
    "ct chest abdomen pelvis w": "CT Chest and Abdomen and Pelvis W contrast IV",
    "x-ray chest pa and lateral": "XR Chest PA and Lateral",
    "x-ray pelvis ap": "XR Pelvis AP",
    "x-ray knee - right ap and lateral": "XR Knee - right AP and Lateral",
}


@pytest.mark.parametrize(
    ("text", "written", "study"),
    [
        # a side before the next study of a list is that study's, never this one's
        ("obtain XR knee, left hip", "XR knee", "x-ray knee views"),
        ("order XR hip, right femur", "XR hip", "x-ray hip views"),
        # both sides, however written
        ("order XR knee R and L", "XR knee R and L", "x-ray knee - bilateral views"),
        ("order XR hip L&R", "XR hip L&R", "x-ray hip - bilateral views"),
        ("get MRI knee L/R", "MRI knee L/R", "mri knee - bilateral"),
        (
            "order left and right knee x-rays",
            "left and right knee x-rays",
            "x-ray knee - bilateral views",
        ),
        ("order XR knee b/l", "XR knee b/l", "x-ray knee - bilateral views"),
        (
            "order XR knees bilateral 3 views",
            "XR knees bilateral 3 views",
            "x-ray knee - bilateral 3 views",
        ),
        # the side after the views, or before the modality
        ("order XR KNEE 3 VIEWS RIGHT", "XR KNEE 3 VIEWS RIGHT", "x-ray knee - right 3 views"),
        ("please order Left XR ankle", "Left XR ankle", "x-ray ankle - left views"),
        ("order right MRI knee", "right MRI knee", "mri knee - right"),
        # contrast, however written
        ("order MRI BRAIN W WO CONTRAST", "MRI BRAIN W WO CONTRAST", "mri brain wo and w"),
        (
            "order MRI brain with/without contrast",
            "MRI brain with/without contrast",
            "mri brain wo and w",
        ),
        (
            "get MRI brain pre and post contrast",
            "MRI brain pre and post contrast",
            "mri brain wo and w",
        ),
        ("order CT head non con", "CT head non con", "ct head wo"),
        ("obtain CT head -contrast", "CT head -contrast", "ct head wo"),
        ("please order CT head w/out contrast", "CT head w/out contrast", "ct head wo"),
        ("order CT chest + contrast", "CT chest + contrast", "ct chest w"),
        ("please order CT chest w/contrast", "CT chest w/contrast", "ct chest w"),
        (
            "order CT chest abdomen pelvis w contrast",
            "CT chest abdomen pelvis w contrast",
            "ct chest abdomen pelvis w",
        ),
        # an x-ray's projections
        ("obtain XR chest PA and lateral", "XR chest PA and lateral", "x-ray chest pa and lateral"),
        ("order XR pelvis AP", "XR pelvis AP", "x-ray pelvis ap"),
        (
            "order XR knee right AP lateral",
            "XR knee right AP lateral",
            "x-ray knee - right ap and lateral",
        ),
    ],
)
def test_audited_studies_are_read_with_the_side_contrast_and_views_written(
    shipped: RulesExtractor, text: str, written: str, study: str
) -> None:
    first = services(shipped.read(text))[0]
    assert first.code.text == written
    assert first.code.codings[0].display == _MORE_NAMES[study]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # a side as a lower-case letter: unsure, so as written
        ("get xr hip l", "xr hip l"),
        ("order l knee x-ray", "l knee x-ray"),
        # a plural region with no side: both, or a plural of images?
        ("obtain XR knees", "XR knees"),
        # a study of its own the reader does not take
        ("order MRI right knee arthrogram", "MRI right knee arthrogram"),
        ("order CT chest PE protocol", "CT chest PE protocol"),
        ("order XR WRIST COMPLETE RIGHT", "XR WRIST COMPLETE RIGHT"),
        ("please order CT neck soft tissue with contrast", "CT neck soft tissue with contrast"),
        (
            "order CT abdomen pelvis with PO and IV contrast",
            "CT abdomen pelvis with PO and IV contrast",
        ),
        ("order CT chest w/ for PE", "CT chest w/"),  # "w/" alone: with what?
        ("order MRI brain - gad", "MRI brain - gad"),  # a dash, not "without"
        ("order CT head no con allergy", "CT head no con"),  # about an allergy
        ("order left hip and knee x-rays", "knee x-rays"),  # the side is over both
        ("order MRI knees", "MRI knees"),
        ("order XR ribs left with chest", "XR ribs left with chest"),  # another region
    ],
)
def test_a_side_or_kind_of_study_no_rule_reads_leaves_the_study_uncoded(
    shipped: RulesExtractor, text: str, written: str
) -> None:
    assert _display(shipped, text) == (written, None)


@pytest.mark.parametrize(
    "text",
    [
        "please keep right chest CT to suction",
        "order chest CT to suction",
        "please check left chest CT output",
        "order PIV under US guidance",
    ],
)
def test_a_chest_tube_or_guidance_is_no_study(shipped: RulesExtractor, text: str) -> None:
    assert services(shipped.read(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "order CT head - hold it",
        "order XR right hip -- hold that",
        "order XR left wrist, wait, hold that",
        "order CBC - hold it",
        "order MRI knee left, no wait right",
        "order MRI knee left, no, wait, right",
    ],
)
def test_a_study_held_or_corrected_as_it_is_written_is_not_ordered(
    shipped: RulesExtractor, text: str
) -> None:
    assert services(shipped.read(text)) == []


@pytest.mark.parametrize(
    "text", ["order CT head no, wait, MRI brain", "order CT head no wait MRI brain"]
)
def test_no_wait_without_a_comma_before_it_corrects_too(shipped: RulesExtractor, text: str) -> None:
    assert services(shipped.read(text)) == []
