"""Generated posts agree in gender and number with the generator's own lexicon (EN and FR).

Thousands of captions, inbox messages, mentions and blog titles per language, for several
seeds, are checked word by word: the determiner or adjective next to each product or mood
of :mod:`rlff.simulation.providers` must fit its gender and number, no plural is built by
gluing an "s" on a compound ("pain au chocolats"), and English says "an éclair".
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from rlff.simulation.providers import Noun, SocialProvider, SocialProviderFr, make_faker

SEEDS = (0, 1, 2, 3)
PER_SEED = 250  # captions per format and seed; messages and mentions alike

FR_MASC_SG = {"un", "le", "ce", "cet", "du", "son", "mon", "nouveau", "nouvel", "bon", "meilleur"}
FR_FEM_SG = {"une", "la", "cette", "sa", "ma", "nouvelle", "bonne", "meilleure"}
FR_PLURAL = {"des", "les", "ces", "vos", "nos", "mes", "aux"}
FR_NOT_BEFORE_VOWEL = {"ce", "le", "la", "ma", "sa"}
FR_AFTER = ("parfait", "réussi", "sorti")  # adjectives and participles that follow the noun


def _word_re(form: str) -> str:
    return r"(?<![\w-])" + re.escape(form) + r"(?![\w-])"


def french_problems(text: str, lexicon: tuple[Noun, ...]) -> list[str]:
    """Every disagreement in ``text`` with the French lexicon (an empty list when it reads right)."""
    found = []
    for noun in lexicon:
        vowel = noun.singular[0].lower() in "aeiouyàâéèêh"
        if noun.plural != noun.singular + "s" and re.search(_word_re(noun.singular + "s"), text):
            found.append(f"bad plural {noun.singular}s")
        for form, plural in ((noun.singular, False), (noun.plural, True)):
            if plural and form == noun.singular:
                continue
            for m in re.finditer(r"(\w+)['\s]+" + _word_re(form), text):
                prev = m.group(1).lower()
                if plural:
                    if prev in FR_MASC_SG | FR_FEM_SG:
                        found.append(f"singular {prev!r} before plural {form!r}")
                    continue
                if prev in FR_PLURAL:
                    found.append(f"plural {prev!r} before singular {form!r}")
                wrong = FR_FEM_SG if noun.gender == "m" else FR_MASC_SG
                if prev in wrong and not (prev in {"son", "mon"} and vowel):
                    found.append(f"{prev!r} before {noun.gender} {form!r}")
                if vowel and prev in FR_NOT_BEFORE_VOWEL:
                    found.append(f"no elision: {prev!r} before {form!r}")
            for m in re.finditer(_word_re(form) + r"(?:, tout juste)? (" + "|".join(FR_AFTER) + r")(e?)(s?)\b", text):
                feminine = m.group(2) == "e"
                if feminine != (noun.gender == "f") or bool(m.group(3)) != plural:
                    found.append(f"{m.group(0)!r} does not agree")
        for m in re.finditer(_word_re(noun.plural) + r", les meilleur(e?)s", text):
            if (m.group(1) == "e") != (noun.gender == "f"):
                found.append(f"{m.group(0)!r} does not agree")
        for m in re.finditer(_word_re(noun.plural) + r" ont été rappelé(e?)s", text):
            if (m.group(1) == "e") != (noun.gender == "f"):
                found.append(f"{m.group(0)!r} does not agree")
        for m in re.finditer(_word_re(noun.singular) + r" est-(il|elle)", text):
            if (m.group(1) == "elle") != (noun.gender == "f"):
                found.append(f"{m.group(0)!r} does not agree")
    return found


def english_problems(text: str, lexicon: tuple[Noun, ...]) -> list[str]:
    """Every "a"/"an" or plural mistake in ``text`` against the English lexicon."""
    found = []
    for noun in lexicon:
        vowel = noun.singular[0].lower() in "aeiouéè"
        if noun.plural != noun.singular + "s" and re.search(_word_re(noun.singular + "s"), text):
            found.append(f"bad plural {noun.singular}s")
        for m in re.finditer(r"\b(a|an|A|An)\s+" + _word_re(noun.singular), text):
            if (m.group(1).lower() == "an") != vowel:
                found.append(f"{m.group(0)!r}")
        if noun.plural != noun.singular:
            for m in re.finditer(r"\b(a|an)\s+" + _word_re(noun.plural), text):
                found.append(f"{m.group(0)!r}")
    return found


@cache
def generated(lang: str) -> tuple[str, ...]:
    texts: list[str] = []
    for seed in SEEDS:
        fake = make_faker(lang, seed)
        for _ in range(PER_SEED):
            texts += [fake.social_caption(f) for f in ("photo_question", "photo", "link", "video", "text")]
            texts += [fake.inbox_message(k) for k in ("compliment", "question", "complaint", "crisis")]
            texts += [fake.mention("brand", "Brioche & Co", "Jo"), fake.mention("cm", "Brioche & Co", "Jo")]
            texts.append(fake.blog_title())
    return tuple(texts)


def test_thousands_of_french_posts_agree_in_gender_and_number():
    lexicon = SocialProviderFr.products + SocialProviderFr.moods
    texts = generated("fr")
    assert len(texts) >= 10_000
    problems = {text: p for text in set(texts) if (p := french_problems(text, lexicon))}
    assert not problems, list(problems.items())[:5]


def test_thousands_of_english_posts_say_an_eclair_and_real_plurals():
    lexicon = SocialProvider.products + SocialProvider.moods
    texts = generated("en")
    problems = {text: p for text in set(texts) if (p := english_problems(text, lexicon))}
    assert not problems, list(problems.items())[:5]


def test_every_french_noun_and_form_shows_up_in_the_generated_posts():
    """The check above only means something if every word of the lexicon was drawn."""
    joined = "\n".join(generated("fr"))
    for noun in SocialProviderFr.products + SocialProviderFr.moods:
        assert re.search(_word_re(noun.singular), joined, re.IGNORECASE), noun


@pytest.mark.parametrize(
    "bad",
    [
        "Qui d'autre a besoin d'un chouquette ?",
        "Qui d'autre a besoin d'un tarte ?",
        "pour survivre à ce première neige ?",
        "combien de croissants on a cuits ce réunion interminable ?",
        "Un cheveu dans mon pain au chocolats.",
        "Commandez votre chausson aux pommess",
        "Bon pause café à tous !",
        "Notre tarte, tout juste sorti du four.",
        "C'est vrai que vos brioches ont été rappelés ?",
    ],
)
def test_the_french_checker_catches_the_mistakes_the_issue_found(bad):
    assert french_problems(bad, SocialProviderFr.products + SocialProviderFr.moods)


@pytest.mark.parametrize("bad", ["What is a Monday without a éclair?", "Two sourdough loafs please"])
def test_the_english_checker_catches_a_eclair_and_glued_plurals(bad):
    assert english_problems(bad, SocialProvider.products + SocialProvider.moods)


def test_every_french_noun_carries_a_gender():
    for noun in SocialProviderFr.products + SocialProviderFr.moods:
        assert noun.gender in ("m", "f"), noun
