from etl.extract.outlet import country_of_source, country_of_url, publication_country
from schemas.models import Article


def test_outlet_names_and_domains_give_the_publication_country() -> None:
    assert country_of_source("The Star (Kenya)") == "KEN"
    assert country_of_source("Midi Libre; Fdesouche") is None
    assert country_of_url("https://www.dawn.com.pk/news/1") == "PAK"
    assert country_of_url("https://www.bbc.co.uk/news") == "GBR"
    assert country_of_url("https://example.io/x") is None  # brand TLD
    assert country_of_url("https://www.reuters.com/world") is None
    art = Article(id="a", text="x", source="Reuters", url="https://kyivindependent.ua/x")
    assert publication_country(art) == "UKR"
