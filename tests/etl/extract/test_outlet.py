from etl.extract.outlet import country_of_source, country_of_url, publication_country
from schemas.models import Article


def test_outlet_names_and_domains_give_the_publication_country() -> None:
    assert country_of_source("The Star (Kenya)") == "KEN"
    assert country_of_source("Fdesouche") is None
    # an outlet the table knows, whose name does not say its country
    assert country_of_source("Fdesouche; Midi Libre") == "FRA"
    assert country_of_source("Murr TV") == "LBN"
    assert country_of_url("https://www.dawn.com.pk/news/1") == "PAK"
    assert country_of_url("https://www.bbc.co.uk/news") == "GBR"
    assert country_of_url("https://example.io/x") is None  # brand TLD
    assert country_of_url("https://www.reuters.com/world") is None
    art = Article(id="a", text="x", source="Reuters", url="https://kyivindependent.ua/x")
    assert publication_country(art) == "UKR"


def test_the_outlets_country_picks_a_namesake_town(nlp) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from etl.extract.coding import code_doc

    text = "On 3 May 2024, farmers demonstrated in Laval against fuel prices."
    def country(source: str | None) -> str | None:
        art = Article(id="a", text=text, source=source, published_at=datetime(2024, 5, 4))
        ev = next(e for e in code_doc(nlp(text), art) if e.main)
        return ev.location.country if ev.location else None
    assert country(None) == "CAN"  # Quebec's Laval is the larger
    assert country("Ouest-France") == "FRA"
