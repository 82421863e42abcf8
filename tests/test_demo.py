from broadsheet.demo.__main__ import PAGES
from broadsheet import extract


def test_demo_pages_extract_to_clean_bodies():
    bridge = extract((PAGES / "harbour-bridge.html").read_bytes())
    assert bridge.text.startswith("The Old Harbour bridge reopened")
    assert "Advertisement" not in bridge.text
    assert "Related stories" not in bridge.text
    assert "comments" not in bridge.text
    assert "Read more" not in bridge.text
    market = extract((PAGES / "market-brief.html").read_bytes())
    assert "Händler begrüßen" in market.text  # declared iso-8859-1, decoded right
    assert "Startseite" not in market.text and "Impressum" not in market.text
