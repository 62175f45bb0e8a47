"""Geoparsing: place mentions to GeoNames entries (gazetteer.py builds the index, parser.py finds and resolves)."""

from __future__ import annotations

from etl.extract.geo.parser import Geoparser, Place, get_geoparser
from etl.extract.geo.run import geocode_file

__all__ = ["Geoparser", "Place", "geocode_file", "get_geoparser"]
