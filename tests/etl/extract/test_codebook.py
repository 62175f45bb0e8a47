"""The codebooks' groupings and generic sides (codebook)."""

from __future__ import annotations

from etl.extract.codebook import generic_actor, role_of, same_side
from schemas.models import Actor


def test_role_of_reads_the_role_after_the_country() -> None:
    assert role_of(Actor(name="x", cameo="UKRMIL")) == "MIL"
    assert role_of(Actor(name="x", cameo="REB")) == "REB"
    assert role_of(Actor(name="x", cameo="UKR")) == "" and role_of(None) == ""


def test_generic_sides_are_named_the_acled_way() -> None:
    assert generic_actor("civilians", "KEN").name == "Civilians (Kenya)"
    police = generic_actor("police", "KEN")
    assert (police.name, police.cameo, police.inter) == ("Police Forces of Kenya", "KENCOP", 1)
    assert generic_actor("protesters", None).name == "Protesters"


def test_a_state_speaking_of_its_forces_is_one_side() -> None:
    pentagon = Actor(name="Government of the United States", country="USA", cameo="USAGOV")
    jets = Actor(name="Military Forces of the United States", country="USA", cameo="USAMIL")
    rebels = Actor(name="Rebels", country="USA", cameo="USAREB")
    assert same_side(pentagon, jets) and not same_side(pentagon, rebels)
