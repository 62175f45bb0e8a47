"""The gazetteer index as production builds it (under the settings' cache folder, once) and a geoparser on it."""

from __future__ import annotations

import pytest

from etl.extract.geo.gazetteer import Gazetteer, get_gazetteer
from etl.extract.geo.parser import Geoparser, get_geoparser


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


@pytest.fixture(scope="session")
def geoparser(gazetteer: Gazetteer) -> Geoparser:
    return get_geoparser()
