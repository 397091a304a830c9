from sahabat.accounts.models import User


def test_short_name_skips_leading_titles():
    assert User(username="bupati", full_name="Ir. H. Hendy Siswanto").get_short_name() == "Hendy"


def test_short_name_skips_titles_with_commas():
    assert User(username="kadis", full_name="Dra. Hj., Siti Aminah").get_short_name() == "Siti"


def test_short_name_of_a_name_without_titles_is_the_first_word():
    assert User(username="budi", full_name="Budi Santoso").get_short_name() == "Budi"


def test_short_name_falls_back_to_the_username_without_a_full_name():
    assert User(username="kasir01", full_name="").get_short_name() == "kasir01"
