"""Folding a text piece by piece between spaces gives what folding it as a whole gives."""

import random

from portal.search_index import fold, fold_piece

# Letters, umlauts composed and decomposed, accents, a combining mark right after a space,
# sharp s in both cases, a Greek sigma (lower case depends on the next letter), punctuation.
ALPHABET = [
    *"aouAOUesnßẞΣ-–„“.,", "\u03c3",
    "ä", "Ö", "ü", "a\u0308", "O\u0308", "u\u0308", "é", "e\u0301", "\u0308", "\u0301",
    " ", " ", " ", "  ",
]  # fmt: skip


def test_folding_by_pieces_is_folding_the_whole_text():
    rng = random.Random(18)
    for _ in range(3000):
        text = "".join(rng.choices(ALPHABET, k=rng.randint(0, 12)))

        assert fold(text) == fold_piece.__wrapped__(text), repr(text)


def test_it_folds_umlauts_accents_and_sharp_s():
    assert fold("Ärzte für Pécs, Straße") == "aerzte fuer pecs, strasse"
