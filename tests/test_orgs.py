"""Unit names: abbreviations written out however they are spaced."""
from __future__ import annotations

import pytest

from thidua.extract.orgs import expand_abbreviations


@pytest.mark.parametrize("written", ["Sở NN&PTNT", "Sở NN & PTNT", "Sở NN &PTNT"])
def test_ampersand_abbreviation_expands_with_or_without_spaces(written):
    assert expand_abbreviations(written) == "Sở Nông nghiệp và Phát triển nông thôn"


@pytest.mark.parametrize("written", ["Khối KT-KT", "Khối KT - KT"])
def test_dash_abbreviation_expands_with_or_without_spaces(written):
    assert expand_abbreviations(written) == "Khối Kinh tế - Kỹ thuật"


def test_an_abbreviation_inside_a_longer_word_is_left_alone():
    assert expand_abbreviations("NN&PTNTX") == "NN&PTNTX"
