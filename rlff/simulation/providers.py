"""Faker providers for the community manager's world, in English and French.

Faker only builds *pools* of text here (captions, compliments, complaints, names...);
the simulation samples them by index with numpy, which is orders of magnitude faster
than calling Faker once per row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from faker import Faker
from faker.providers import BaseProvider

FAKER_LOCALES = {"en": "en_US", "fr": "fr_FR"}


class Noun(NamedTuple):
    """A word of the lexicon: singular, plural and (in French) grammatical gender ``"m"`` or ``"f"``."""

    singular: str
    plural: str
    gender: str = ""


VOWELS = "aeiouyàâéèêëîïôœùûh"  # French elides before a vowel or a mute h (none of our h is aspirated)


def _starts_with_vowel(word: str) -> bool:
    return word[:1].lower() in VOWELS


def _capitalised(forms: dict[str, str]) -> dict[str, str]:
    """Every form twice: as is, and with a capital first letter under a capitalised name."""
    out = dict(forms)
    for key, value in forms.items():
        out[key[0].upper() + key[1:]] = value[:1].upper() + value[1:]
    return out


def noun_forms_en(noun: Noun, suffix: str = "") -> dict[str, str]:
    """Template fields for an English noun: ``{p}``, ``{ps}`` (plural), ``{a_p}`` ("a"/"an" + noun)."""
    article = "an" if noun.singular[:1].lower() in "aeiouéè" else "a"
    forms = {"p": noun.singular, "ps": noun.plural, "a_p": f"{article} {noun.singular}"}
    return _capitalised({k + suffix: v for k, v in forms.items()})


def noun_forms_fr(noun: Noun, suffix: str = "") -> dict[str, str]:
    """Template fields for a French noun, agreed in gender and number.

    ``{p}``/``{ps}`` bare singular/plural; ``{un_p}``, ``{d_un_p}`` ("d'un"/"d'une"),
    ``{le_p}`` ("le"/"la"/"l'"), ``{ce_p}`` ("ce"/"cet"/"cette"), ``{du_p}`` ("du"/"de la"/
    "de l'"), ``{son_p}``, ``{mon_p}``, ``{le_nouveau_p}``, ``{bon_p}``; ``{e_p}`` is the
    agreement ending of an adjective or participle ("" or "e"). A capitalised field name
    (``{Un_p}``) capitalises the result.
    """
    w, fem, vowel = noun.singular, noun.gender == "f", _starts_with_vowel(noun.singular)
    forms = {
        "p": w,
        "ps": noun.plural,
        "un_p": f"{'une' if fem else 'un'} {w}",
        "d_un_p": f"d'{'une' if fem else 'un'} {w}",
        "le_p": f"l'{w}" if vowel else f"{'la' if fem else 'le'} {w}",
        "ce_p": f"{'cette' if fem else 'cet' if vowel else 'ce'} {w}",
        "du_p": f"de l'{w}" if vowel else f"{'de la' if fem else 'du'} {w}",
        "son_p": f"{'sa' if fem and not vowel else 'son'} {w}",
        "mon_p": f"{'ma' if fem and not vowel else 'mon'} {w}",
        "le_nouveau_p": f"la nouvelle {w}" if fem else (f"le nouvel {w}" if vowel else f"le nouveau {w}"),
        "bon_p": f"{'bonne' if fem else 'bon'} {w}",
        "e_p": "e" if fem else "",
    }
    return _capitalised(
        {k.replace("_p", "_" + ("p" + suffix)) if "_p" in k else k + suffix: v for k, v in forms.items()}
    )


class SocialProvider(BaseProvider):
    """Social-media text in English.

    Every pool is a class attribute so the French twin only overrides data. Products and
    moods are :class:`Noun` entries (the lexicon the agreement test checks against);
    templates name the form they need: ``{a_p}`` "an éclair", ``{ps}`` "croissants",
    ``{m}`` the mood, ``{p2}`` a second product...
    """

    lang = "en"
    products: tuple[Noun, ...] = (
        Noun("croissant", "croissants"),
        Noun("baguette", "baguettes"),
        Noun("brioche", "brioches"),
        Noun("pain au chocolat", "pains au chocolat"),
        Noun("macaron", "macarons"),
        Noun("éclair", "éclairs"),
        Noun("cinnamon roll", "cinnamon rolls"),
        Noun("sourdough loaf", "sourdough loaves"),
        Noun("muffin", "muffins"),
        Noun("cookie", "cookies"),
        Noun("apple tart", "apple tarts"),
        Noun("cupcake", "cupcakes"),
    )
    moods: tuple[Noun, ...] = (
        Noun("Monday", "Mondays"),
        Noun("rainy day", "rainy days"),
        Noun("sunny morning", "sunny mornings"),
        Noun("Friday", "Fridays"),
        Noun("weekend", "weekends"),
        Noun("coffee break", "coffee breaks"),
        Noun("long meeting", "long meetings"),
        Noun("first snow", "first snows"),
        Noun("long commute", "long commutes"),
        Noun("lazy Sunday", "lazy Sundays"),
    )
    # The format the article mocks: "a photo and a heavy text, phrased as a question, in one post".
    photo_question_templates: tuple[str, ...] = (
        "📸 Who else needs {a_p} to survive this {m}? Tell us in the comments! {tags}",
        "📸 {P} or {p2}: which one are YOU today? Like for the {p}, RT for the {p2}! {tags}",
        "📸 Can you guess how many {ps} we baked this {m}? First right answer wins a smile! {tags}",
        "📸 What is the perfect {m} without {a_p}? Nothing, right?? 😍 {tags}",
        "📸 Tag a friend who would never share their {p}! Who is it?? {tags}",
    )
    photo_templates: tuple[str, ...] = (
        "📸 Our {p}, fresh out of the oven. {tags}",
        "📸 {M} mood: {a_p}. {tags}",
        "📸 Behind the scenes: the {p} team at work. {tags}",
    )
    link_templates: tuple[str, ...] = (
        "Order your {p} online and pick it up in 10 minutes: {url}",
        "New: boxes of {ps} for offices, delivered before 9 am. {url}",
        "Opening hours for the holidays are online: {url}",
    )
    video_templates: tuple[str, ...] = (
        "🎬 60 seconds to shape a perfect {p}. {tags}",
        "🎬 {A_m} at the bakery, sped up. {tags}",
    )
    text_templates: tuple[str, ...] = (
        "Happy {m}, everyone! {tags}",
        "We love our community ❤️ {tags}",
    )
    hashtag_pool: tuple[str, ...] = (
        "#bakery",
        "#foodporn",
        "#instafood",
        "#yummy",
        "#breakfast",
        "#love",
        "#happy",
        "#TGIF",
        "#MondayMotivation",
        "#contest",
        "#giveaway",
        "#CM",
        "#SocialMedia",
    )
    compliments: tuple[str, ...] = (
        "Love your {ps}, best in town!",
        "Thanks for the promo on {ps}, you rock 😍",
        "Your {m} post made my day!",
        "Great job on the new shop window!",
        "The {p} was amazing, thank you!",
    )
    questions: tuple[str, ...] = (
        "Do you deliver {ps} on Sundays?",
        "Is the {p} gluten free?",
        "What time do you open on {ms}?",
        "Can I order 40 {ps} for an office party?",
        "Is the promo code still valid?",
    )
    complaints: tuple[str, ...] = (
        "I was charged twice for my {p} order. Still waiting for a refund.",
        "My order of {ps} never arrived. Nobody answers the phone.",
        "Found a hair in my {p}. Disgusting.",
        "Waited 40 minutes at the counter this {m}.",
        "Your app keeps crashing at checkout.",
    )
    crisis_messages: tuple[str, ...] = (
        "Three of us got sick after eating your {ps}. Is anyone going to answer?",
        "Is it true your {ps} were recalled? Why is nobody saying anything?",
        "Shame on you. Sick customers and total silence. #boycott",
        "Day 3 and still no answer about the food poisoning. Unbelievable.",
    )
    brand_mentions: tuple[str, ...] = (
        "Just had {a_p} from {brand}, not bad.",
        "{brand} out of {ps} at noon, again...",
        "Anyone tried the new {p} at {brand}?",
        "{brand} customer service is a ghost town.",
        "Best {p} in the area: {brand}.",
    )
    cm_mentions: tuple[str, ...] = (
        "Great talk by {cm} on engagement! #CM",
        "{cm}, true social media guru 🙌",
        "Must-read: {cm}'s latest blog post (translated from Mashable, but still).",
        "Congrats {cm} on the new certificate! #CMday",
        "{cm} is THE influencer to follow this year.",
    )
    blog_titles: tuple[str, ...] = (
        "10 {m} tips to boost your engagement (translated from Mashable)",
        "Why likes are the new ROI",
        "How I grew our community by {n}% in one month",
        "The crisis is a myth: my take",
        "Real time is a state of mind",
        "My week at a Social Media certification centre",
    )
    planned_actions: tuple[str, ...] = (
        "Answer every complaint within 1 hour",
        "Publish a customer FAQ",
        "Weekly report of customer issues to the product team",
        "Measure sales from social links",
        "Set up real monitoring of the brand (not just our own name)",
        "Crisis plan: who answers, in how long",
        "Interview five customers",
        "A/B test link posts vs photo posts",
    )
    unplanned_actions: tuple[str, ...] = (
        "Post a cat picture",
        "Follow 200 peers for follow-backs",
        "Join a retweet ring",
        "Buy followers",
        "Like our own comments",
        "Open a Pinterest board",
    )
    agencies: tuple[str, ...] = (
        "Buzz",
        "Hype",
        "Viral",
        "Social",
        "Digital",
        "Influence",
        "Engage",
        "Trend",
    )
    agency_suffixes: tuple[str, ...] = ("Lab", "Factory", "Studio", "Agency", "Crew", "Hub")

    @classmethod
    def forms(cls, noun: Noun, suffix: str = "") -> dict[str, str]:
        """The template fields of one product (suffix "" or "2")."""
        return noun_forms_en(noun, suffix)

    @classmethod
    def mood_forms(cls, noun: Noun) -> dict[str, str]:
        """The template fields of a mood: the product fields renamed ``p`` -> ``m``."""
        return {_as_mood(k): v for k, v in cls.forms(noun).items()}

    def _fields(self) -> dict[str, str]:
        """One draw of two distinct products and a mood, in every form the templates use."""
        product, product2 = self.random_elements(self.products, length=2, unique=True)
        return {**self.forms(product), **self.forms(product2, "2"), **self.mood_forms(self.random_element(self.moods))}

    def social_caption(self, fmt: str) -> str:
        """A post caption in the given format.

        :example: '📸 Who else needs a croissant to survive this Monday? Tell us in the comments! #bakery'
        """
        pools = {
            "photo_question": self.photo_question_templates,
            "photo": self.photo_templates,
            "link": self.link_templates,
            "video": self.video_templates,
            "text": self.text_templates,
        }
        template = self.random_element(pools[fmt])
        return template.format(
            **self._fields(),
            tags=" ".join(self.random_elements(self.hashtag_pool, length=2, unique=True)),
            url=self.generator.url() + self.generator.slug(),
        )

    def inbox_message(self, kind: str) -> str:
        """An inbound message of a kind (compliment, question, complaint, crisis).

        :example: 'Do you deliver croissants on Sundays?'
        """
        pools = {
            "compliment": self.compliments,
            "question": self.questions,
            "complaint": self.complaints,
            "crisis": self.crisis_messages,
        }
        return self.random_element(pools[kind]).format(**self._fields())

    def mention(self, target: str, brand: str, cm: str) -> str:
        """A public mention of the brand or of the community manager.

        :example: 'Great talk by Jane Doe on engagement! #CM'
        """
        pool = self.cm_mentions if target == "cm" else self.brand_mentions
        return self.random_element(pool).format(**self._fields(), brand=brand, cm=cm)

    def blog_title(self) -> str:
        """A title for the CM's own blog.

        :example: 'Why likes are the new ROI'
        """
        return self.random_element(self.blog_titles).format(**self._fields(), n=self.random_int(120, 900))

    def peer_agency(self) -> str:
        """The name of a peer 'competitor' in the retweet ring.

        :example: 'Buzz Factory'
        """
        return f"{self.random_element(self.agencies)} {self.random_element(self.agency_suffixes)}"

    def social_handle(self) -> str:
        """A customer handle.

        :example: '@jdoe42'
        """
        return f"@{self.generator.user_name()}"


def _as_mood(key: str) -> str:
    """``a_p`` -> ``a_m``, ``ps`` -> ``ms``, ``P`` -> ``M``, ``Un_p`` -> ``Un_m``."""
    if key in ("p", "ps", "P", "Ps"):
        return key.replace("p", "m").replace("P", "M")
    return key[:-1] + "m" if key.endswith("_p") else key


N = "\u202f"  # narrow no-break space: French typography before ? ! : ;


class SocialProviderFr(SocialProvider):
    """The French twin of :class:`SocialProvider`: same methods, French pools, agreed in gender and number."""

    lang = "fr"
    products = (
        Noun("croissant", "croissants", "m"),
        Noun("baguette", "baguettes", "f"),
        Noun("brioche", "brioches", "f"),
        Noun("pain au chocolat", "pains au chocolat", "m"),
        Noun("macaron", "macarons", "m"),
        Noun("éclair", "éclairs", "m"),
        Noun("chausson aux pommes", "chaussons aux pommes", "m"),
        Noun("pain de campagne", "pains de campagne", "m"),
        Noun("financier", "financiers", "m"),
        Noun("cookie", "cookies", "m"),
        Noun("tarte", "tartes", "f"),
        Noun("chouquette", "chouquettes", "f"),
    )
    moods = (
        Noun("lundi", "lundis", "m"),
        Noun("jour de pluie", "jours de pluie", "m"),
        Noun("matin ensoleillé", "matins ensoleillés", "m"),
        Noun("vendredi", "vendredis", "m"),
        Noun("week-end", "week-ends", "m"),
        Noun("pause café", "pauses café", "f"),
        Noun("réunion interminable", "réunions interminables", "f"),
        Noun("première neige", "premières neiges", "f"),
        Noun("après-midi de grève", "après-midi de grève", "m"),
        Noun("dimanche tranquille", "dimanches tranquilles", "m"),
    )
    photo_question_templates = (
        f"📸 Qui d'autre a besoin {{d_un_p}} pour survivre à {{ce_m}}{N}? Dites-le en commentaire{N}! {{tags}}",
        f"📸 Plutôt {{p}} ou {{p2}}{N}? Like pour {{le_p}}, RT pour {{le_p2}}{N}! {{tags}}",
        f"📸 Devinez combien de {{ps}} sortent du four {{ce_m}}{N}? La première bonne réponse gagne un sourire{N}! {{tags}}",
        f"📸 C'est quoi, {{un_m}} réussi{{e_m}} sans {{p}}{N}? Rien, non{N}?? 😍 {{tags}}",
        f"📸 Identifiez l'ami qui ne partagerait jamais {{son_p}}{N}! C'est qui{N}?? {{tags}}",
    )
    photo_templates = (
        "📸 Notre {p}, tout juste sorti{e_p} du four. {tags}",
        f"📸 Ambiance {{m}}{N}: {{un_p}}. {{tags}}",
        f"📸 Dans les coulisses{N}: l'équipe des {{ps}} au travail. {{tags}}",
    )
    link_templates = (
        f"Commandez votre {{p}} en ligne, retrait en 10 minutes{N}: {{url}}",
        f"Nouveau{N}: des coffrets de {{ps}} livrés au bureau avant 9 h. {{url}}",
        f"Les horaires des fêtes sont en ligne{N}: {{url}}",
    )
    video_templates = (
        "🎬 60 secondes pour façonner {un_p} parfait{e_p}. {tags}",
        "🎬 {Un_m} à la boulangerie, en accéléré. {tags}",
    )
    text_templates = (
        f"{{Bon_m}} à tous{N}! {{tags}}",
        "On aime notre communauté ❤️ {tags}",
    )
    hashtag_pool = (
        "#boulangerie",
        "#gourmandise",
        "#miam",
        "#petitdej",
        "#love",
        "#bonheur",
        "#vendredi",
        "#motivation",
        "#concours",
        "#jeuconcours",
        "#CM",
        "#SocialMedia",
    )
    compliments = (
        f"J'adore vos {{ps}}, les meilleur{{e_p}}s du quartier{N}!",
        "Merci pour la promo sur les {ps}, vous êtes top 😍",
        f"Votre post {{du_m}} m'a fait sourire{N}!",
        f"Bravo pour la nouvelle vitrine{N}!",
        f"{{Le_p}} était un régal, merci{N}!",
    )
    questions = (
        f"Vous livrez des {{ps}} le dimanche{N}?",
        f"{{Le_p}} est-{{il_p}} sans gluten{N}?",
        f"Vous êtes ouverts {{le_m}}{N}?",
        f"Je peux commander 40 {{ps}} pour un pot de départ{N}?",
        f"Le code promo est-il toujours valable{N}?",
    )
    complaints = (
        "J'ai été débité deux fois pour ma commande de {ps}. Toujours pas remboursé.",
        "Ma commande de {ps} n'est jamais arrivée. Personne ne répond au téléphone.",
        "Un cheveu dans {mon_p}. Dégoûtant.",
        "40 minutes d'attente au comptoir {ce_m}.",
        "Votre appli plante à chaque paiement.",
    )
    crisis_messages = (
        f"Nous sommes trois à être tombés malades après vos {{ps}}. Quelqu'un va répondre{N}?",
        f"C'est vrai que vos {{ps}} ont été rappelé{{e_p}}s{N}? Pourquoi personne ne dit rien{N}?",
        "Honte à vous. Des clients malades et un silence total. #boycott",
        "3e jour sans réponse sur l'intoxication. Incroyable.",
    )
    brand_mentions = (
        "{Un_p} de chez {brand}, pas mal.",
        "{brand} encore en rupture de {ps} à midi...",
        f"Quelqu'un a goûté {{le_nouveau_p}} de {{brand}}{N}?",
        "Le service client de {brand}, c'est le désert.",
        f"Meilleur{{e_p}} {{p}} du coin{N}: {{brand}}.",
    )
    cm_mentions = (
        f"Super intervention de {{cm}} sur l'engagement{N}! #CM",
        "{cm}, vrai gourou des médias sociaux 🙌",
        f"À lire{N}: le dernier billet de {{cm}} (traduit de Mashable, mais quand même).",
        f"Bravo {{cm}} pour la nouvelle certif{N}! #CMday",
        "{cm}, l'influence à suivre cette année.",
    )
    blog_titles = (
        "10 astuces pour booster votre engagement (traduit de Mashable)",
        "Pourquoi les likes sont le nouveau ROI",
        f"Comment j'ai fait grandir notre communauté de {{n}}{N}% en un mois",
        f"La crise est un mythe{N}: mon avis",
        "Le temps réel est un état d'esprit",
        "Ma semaine de certification dans un centre Social Media",
    )
    planned_actions = (
        "Répondre à chaque réclamation en moins d'une heure",
        "Publier une FAQ client",
        "Remonter chaque semaine les problèmes clients au produit",
        "Mesurer les ventes venues des liens sociaux",
        "Mettre en place une vraie veille de la marque (pas seulement de notre nom)",
        f"Plan de crise{N}: qui répond, en combien de temps",
        "Interviewer cinq clients",
        "Tester les posts à lien contre les posts photo",
    )
    unplanned_actions = (
        "Poster une photo de chat",
        "Suivre 200 compairs pour le follow-back",
        "Rejoindre un cercle de RT",
        "Acheter des followers",
        "Liker nos propres commentaires",
        "Ouvrir un tableau Pinterest",
    )

    @classmethod
    def forms(cls, noun: Noun, suffix: str = "") -> dict[str, str]:
        """The template fields of one product, agreed (see :func:`noun_forms_fr`), plus ``{il_p}``."""
        out = noun_forms_fr(noun, suffix)
        out["il_p" + suffix] = "elle" if noun.gender == "f" else "il"
        return out


def make_faker(lang: str, seed: int) -> Faker:
    """A Faker for ``lang`` ('en' or 'fr') with RLFF's provider, seeded on this instance only.

    Never seeds the global ``Faker.seed``: two fakers with different seeds can coexist.
    """
    if lang not in FAKER_LOCALES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(FAKER_LOCALES)}")
    fake = Faker(FAKER_LOCALES[lang])
    fake.add_provider(SocialProviderFr if lang == "fr" else SocialProvider)
    fake.seed_instance(seed)
    return fake


@dataclass(frozen=True)
class TextPools:
    """Texts the simulation samples by index. Immutable, so a cached copy is safe to share."""

    cm_name: str
    cm_handle: str
    captions: dict[str, tuple[str, ...]]  # format -> captions
    messages: dict[str, tuple[str, ...]]  # message kind -> texts
    mentions: dict[str, tuple[str, ...]]  # target -> texts
    blog_titles: tuple[str, ...]
    customer_names: tuple[str, ...]
    customer_handles: tuple[str, ...]
    peer_names: tuple[str, ...]
    peer_handles: tuple[str, ...]
    planned_actions: tuple[str, ...]
    unplanned_actions: tuple[str, ...]


POOL_SIZE = 40  # texts per pool: enough variety on screen, cheap to build
PEOPLE_POOL_SIZE = 250


# One Faker per language, reseeded for each set of pools: building a Faker (loading its
# locale's providers) costs more than reseeding it, and seed_instance() resets everything
# its draws depend on. Sessions run in threads: one builder at a time.
_FAKERS: dict[str, Faker] = {}
_FAKERS_LOCK = threading.Lock()


def _reseeded_faker(lang: str, seed: int) -> Faker:
    """The language's Faker, seeded with ``seed``: draws as from ``make_faker(lang, seed)``. Hold the lock."""
    fake = _FAKERS.get(lang)
    if fake is None:
        fake = _FAKERS[lang] = make_faker(lang, seed)
    else:
        fake.seed_instance(seed)
    return fake


@lru_cache(maxsize=32)
def text_pools(lang: str, seed: int, brand: str, cm_name: str, ring_size: int) -> TextPools:
    """Build every text pool for one (language, seed) from a Faker seeded with ``seed``.

    Pure: the same arguments give the same pools in any process, whatever was built
    before. ``cm_name`` empty means "let Faker name the community manager".
    """
    with _FAKERS_LOCK:
        return _build_pools(_reseeded_faker(lang, seed), lang, brand, cm_name, ring_size)


def _build_pools(fake: Faker, lang: str, brand: str, cm_name: str, ring_size: int) -> TextPools:
    """Every pool, drawn from ``fake`` in a fixed order (the order is part of the output)."""
    provider = SocialProviderFr if lang == "fr" else SocialProvider
    cm = cm_name or fake.name()
    cm_handle = "@" + "".join(ch for ch in cm.lower() if ch.isalnum())[:15]
    formats = ("photo_question", "photo", "link", "video", "text")
    captions = {f: tuple(fake.social_caption(f) for _ in range(POOL_SIZE)) for f in formats}
    kinds = ("compliment", "question", "complaint", "crisis")
    messages = {k: tuple(fake.inbox_message(k) for _ in range(POOL_SIZE)) for k in kinds}
    mentions = {t: tuple(fake.mention(t, brand, cm) for _ in range(POOL_SIZE)) for t in ("cm", "brand")}
    blog = tuple(fake.blog_title() for _ in range(POOL_SIZE))
    names = tuple(fake.name() for _ in range(PEOPLE_POOL_SIZE))
    handles = tuple(f"@{fake.user_name()}{i}" for i in range(PEOPLE_POOL_SIZE))
    peer_names = tuple(fake.peer_agency() + f" {i + 1}" for i in range(ring_size))
    peer_handles = tuple("@" + n.lower().replace(" ", "_") for n in peer_names)
    return TextPools(
        cm_name=cm,
        cm_handle=cm_handle,
        captions=captions,
        messages=messages,
        mentions=mentions,
        blog_titles=blog,
        customer_names=names,
        customer_handles=handles,
        peer_names=peer_names,
        peer_handles=peer_handles,
        planned_actions=provider.planned_actions,
        unplanned_actions=provider.unplanned_actions,
    )
