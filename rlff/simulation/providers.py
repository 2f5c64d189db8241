"""Faker providers for the community manager's world, in English and French.

Faker only builds *pools* of text here (captions, compliments, complaints, names...);
the simulation samples them by index with numpy, which is orders of magnitude faster
than calling Faker once per row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from faker import Faker
from faker.providers import BaseProvider

FAKER_LOCALES = {"en": "en_US", "fr": "fr_FR"}


class SocialProvider(BaseProvider):
    """Social-media text in English.

    Every pool is a class attribute so the French twin only overrides data.
    """

    products: tuple[str, ...] = (
        "croissant",
        "baguette",
        "brioche",
        "pain au chocolat",
        "macaron",
        "éclair",
        "cinnamon roll",
        "sourdough",
        "muffin",
        "cookie",
        "tart",
        "cupcake",
    )
    moods: tuple[str, ...] = (
        "Monday",
        "rainy day",
        "sunny morning",
        "Friday",
        "weekend",
        "coffee break",
        "long meeting",
        "first snow",
        "long commute",
        "lazy Sunday",
    )
    # The format the article mocks: "a photo and a heavy text, phrased as a question, in one post".
    photo_question_templates: tuple[str, ...] = (
        "📸 Who else needs a {product} to survive this {mood}? Tell us in the comments! {tags}",
        "📸 {product} or {product2}: which one are YOU today? Like if {product}, RT if {product2}! {tags}",
        "📸 Can you guess how many {product}s we baked this {mood}? First right answer wins a smile! {tags}",
        "📸 What is the perfect {mood} without a {product}? Nothing, right?? 😍 {tags}",
        "📸 Tag a friend who would never share their {product}! Who is it?? {tags}",
    )
    photo_templates: tuple[str, ...] = (
        "📸 Our {product}, fresh out of the oven. {tags}",
        "📸 {mood} mood: {product}. {tags}",
        "📸 Behind the scenes: the {product} team at work. {tags}",
    )
    link_templates: tuple[str, ...] = (
        "Order your {product} online and pick it up in 10 minutes: {url}",
        "New: {product} boxes for offices, delivered before 9 am. {url}",
        "Opening hours for the holidays are online: {url}",
    )
    video_templates: tuple[str, ...] = (
        "🎬 60 seconds to fold a perfect {product}. {tags}",
        "🎬 A {mood} at the bakery, sped up. {tags}",
    )
    text_templates: tuple[str, ...] = (
        "Happy {mood} everyone! {tags}",
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
        "Love your {product}, best in town!",
        "Thanks for the promo on {product}s, you rock 😍",
        "Your {mood} post made my day!",
        "Great job on the new shop window!",
        "The {product} was amazing, thank you!",
    )
    questions: tuple[str, ...] = (
        "Do you deliver {product}s on Sundays?",
        "Is the {product} gluten free?",
        "What time do you open on {mood}s?",
        "Can I order 40 {product}s for an office party?",
        "Is the promo code still valid?",
    )
    complaints: tuple[str, ...] = (
        "I was charged twice for my {product} order. Still waiting for a refund.",
        "My {product} order never arrived. Nobody answers the phone.",
        "Found a hair in my {product}. Disgusting.",
        "Waited 40 minutes at the counter this {mood}.",
        "Your app keeps crashing at checkout.",
    )
    crisis_messages: tuple[str, ...] = (
        "Three of us got sick after eating your {product}s. Is anyone going to answer?",
        "Is it true your {product}s were recalled? Why is nobody saying anything?",
        "Shame on you. Sick customers and total silence. #boycott",
        "Day 3 and still no answer about the food poisoning. Unbelievable.",
    )
    brand_mentions: tuple[str, ...] = (
        "Just had a {product} from {brand}, not bad.",
        "{brand} again out of {product}s at noon...",
        "Anyone tried the new {product} at {brand}?",
        "{brand} customer service is a ghost town.",
        "Best {product} in the area: {brand}.",
    )
    cm_mentions: tuple[str, ...] = (
        "Great talk by {cm} on engagement! #CM",
        "{cm}, true social media guru 🙌",
        "Must-read: {cm}'s latest blog post (translated from Mashable, but still).",
        "Congrats {cm} on the new certificate! #CMday",
        "{cm} is THE influencer to follow this year.",
    )
    blog_titles: tuple[str, ...] = (
        "10 {mood} tips to boost your engagement (translated from Mashable)",
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
        product, product2 = self.random_elements(self.products, length=2, unique=True)
        return template.format(
            product=product,
            product2=product2,
            mood=self.random_element(self.moods),
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
        return self.random_element(pools[kind]).format(
            product=self.random_element(self.products), mood=self.random_element(self.moods)
        )

    def mention(self, target: str, brand: str, cm: str) -> str:
        """A public mention of the brand or of the community manager.

        :example: 'Great talk by Jane Doe on engagement! #CM'
        """
        pool = self.cm_mentions if target == "cm" else self.brand_mentions
        return self.random_element(pool).format(
            product=self.random_element(self.products),
            brand=brand,
            cm=cm,
        )

    def blog_title(self) -> str:
        """A title for the CM's own blog.

        :example: 'Why likes are the new ROI'
        """
        return self.random_element(self.blog_titles).format(
            mood=self.random_element(self.moods), n=self.random_int(120, 900)
        )

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


class SocialProviderFr(SocialProvider):
    """The French twin of :class:`SocialProvider`: same methods, French pools."""

    products = (
        "croissant",
        "baguette",
        "brioche",
        "pain au chocolat",
        "macaron",
        "éclair",
        "chausson aux pommes",
        "pain de campagne",
        "financier",
        "cookie",
        "tarte",
        "chouquette",
    )
    moods = (
        "lundi",
        "jour de pluie",
        "matin ensoleillé",
        "vendredi",
        "week-end",
        "pause café",
        "réunion interminable",
        "première neige",
        "jour de grève",
        "dimanche tranquille",
    )
    photo_question_templates = (
        "📸 Qui d'autre a besoin d'un {product} pour survivre à ce {mood} ? Dites-le en commentaire ! {tags}",
        "📸 {product} ou {product2} : vous êtes lequel aujourd'hui ? Like pour {product}, RT pour {product2} ! {tags}",
        "📸 Devinez combien de {product}s on a cuits ce {mood} ? La première bonne réponse gagne un sourire ! {tags}",
        "📸 C'est quoi un {mood} parfait sans {product} ? Rien, non ?? 😍 {tags}",
        "📸 Identifiez l'ami qui ne partagerait jamais son {product} ! C'est qui ?? {tags}",
    )
    photo_templates = (
        "📸 Notre {product}, tout juste sorti du four. {tags}",
        "📸 Ambiance {mood} : {product}. {tags}",
        "📸 Dans les coulisses : l'équipe {product} au travail. {tags}",
    )
    link_templates = (
        "Commandez votre {product} en ligne, retrait en 10 minutes : {url}",
        "Nouveau : des coffrets {product} livrés au bureau avant 9 h. {url}",
        "Les horaires des fêtes sont en ligne : {url}",
    )
    video_templates = (
        "🎬 60 secondes pour façonner un {product} parfait. {tags}",
        "🎬 Un {mood} à la boulangerie, en accéléré. {tags}",
    )
    text_templates = (
        "Bon {mood} à tous ! {tags}",
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
        "J'adore vos {product}s, les meilleurs du quartier !",
        "Merci pour la promo sur les {product}s, vous êtes top 😍",
        "Votre post du {mood} m'a fait sourire !",
        "Bravo pour la nouvelle vitrine !",
        "Le {product} était délicieux, merci !",
    )
    questions = (
        "Vous livrez des {product}s le dimanche ?",
        "Le {product} est-il sans gluten ?",
        "Vous ouvrez à quelle heure le {mood} ?",
        "Je peux commander 40 {product}s pour un pot de départ ?",
        "Le code promo est-il toujours valable ?",
    )
    complaints = (
        "J'ai été débité deux fois pour ma commande de {product}s. Toujours pas remboursé.",
        "Ma commande de {product}s n'est jamais arrivée. Personne ne répond au téléphone.",
        "Un cheveu dans mon {product}. Dégoûtant.",
        "40 minutes d'attente au comptoir ce {mood}.",
        "Votre appli plante à chaque paiement.",
    )
    crisis_messages = (
        "Nous sommes trois à être tombés malades après vos {product}s. Quelqu'un va répondre ?",
        "C'est vrai que vos {product}s ont été rappelés ? Pourquoi personne ne dit rien ?",
        "Honte à vous. Des clients malades et un silence total. #boycott",
        "3e jour sans réponse sur l'intoxication. Incroyable.",
    )
    brand_mentions = (
        "Un {product} de chez {brand}, pas mal.",
        "{brand} encore en rupture de {product}s à midi...",
        "Quelqu'un a goûté le nouveau {product} de {brand} ?",
        "Le service client de {brand}, c'est le désert.",
        "Meilleur {product} du coin : {brand}.",
    )
    cm_mentions = (
        "Super intervention de {cm} sur l'engagement ! #CM",
        "{cm}, vrai gourou des médias sociaux 🙌",
        "À lire : le dernier billet de {cm} (traduit de Mashable, mais quand même).",
        "Bravo {cm} pour la nouvelle certif ! #CMday",
        "{cm}, L'influenceur à suivre cette année.",
    )
    blog_titles = (
        "10 astuces de {mood} pour booster votre engagement (traduit de Mashable)",
        "Pourquoi les likes sont le nouveau ROI",
        "Comment j'ai fait grandir notre communauté de {n} % en un mois",
        "La crise est un mythe : mon avis",
        "Le temps réel est un état d'esprit",
        "Ma semaine de certification dans un centre Social Media",
    )
    planned_actions = (
        "Répondre à chaque réclamation en moins d'une heure",
        "Publier une FAQ client",
        "Remonter chaque semaine les problèmes clients au produit",
        "Mesurer les ventes venues des liens sociaux",
        "Mettre en place une vraie veille de la marque (pas seulement de notre nom)",
        "Plan de crise : qui répond, en combien de temps",
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
