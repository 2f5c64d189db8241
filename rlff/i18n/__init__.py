"""English and French: every string the dashboard, the charts and the deck show, and number formats.

``t(key, lang)`` looks a string up (a missing French string falls back to English, a
missing key returns the key itself, so a typo shows instead of crashing a deck);
``name(group, value, lang)`` translates a category of the data (message kinds,
engagement sources, platforms, activities, formats, cost categories, events);
the ``fmt_*`` helpers write numbers the way each language does:

* English: ``1,754`` · ``41.2%`` · ``€4,742`` · ``26 h``
* French: ``1 754`` · ``41,2 %`` · ``4 742 €`` · ``26 h`` — every space a narrow
  no-break space (U+202F, :data:`NNBSP`), so a number never breaks across lines.

Pure: no streamlit, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

LANGS: tuple[str, ...] = ("en", "fr")
DEFAULT_LANG = "en"
NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before %, €, h
MISSING = "—"  # what a number the data cannot give looks like

_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# key -> {lang: text}. Texts may hold str.format placeholders such as {month}.
STRINGS: dict[str, dict[str, str]] = {
    # --- the app ---------------------------------------------------------------------------
    "app.title": {"en": "RLFF — Retweets, Likes, Friends, Fans", "fr": "RLFF — Retweets, Likes, Friends, Fans"},
    "app.tagline": {
        "en": "What the community manager shows Big Boss, and what that deck leaves out.",
        "fr": "Ce que le community manager montre à Big Boss, et ce que sa présentation passe sous silence.",
    },
    "app.period": {
        "en": "{brand} · reported month: {month} · data: {source}",
        "fr": "{brand} · mois présenté : {month} · données : {source}",
    },
    "app.source.simulation": {"en": "simulated scenario (seed {seed})", "fr": "scénario simulé (graine {seed})"},
    "app.source.import": {"en": "your files", "fr": "vos fichiers"},
    "app.scenario_error": {
        "en": "This scenario cannot describe a month: {message}. Change the knob in the sidebar.",
        "fr": "Ce scénario ne peut pas décrire un mois : {message}. Modifiez le réglage dans la barre latérale.",
    },
    "app.query_error": {
        "en": "Ignored the link parameter “{key}={value}”: {message}. Using the default instead.",
        "fr": "Paramètre du lien « {key}={value} » ignoré : {message}. Valeur par défaut utilisée.",
    },
    "app.query_error.number": {"en": "not a number", "fr": "ce n'est pas un nombre"},
    "app.query_error.choice": {"en": "not one of the choices", "fr": "ce n'est pas un des choix possibles"},
    "app.query_error.date": {"en": "not a date (YYYY-MM-DD)", "fr": "ce n'est pas une date (AAAA-MM-JJ)"},
    "app.query_error.range": {"en": "out of range", "fr": "hors limites"},
    "app.chart_missing": {
        "en": "Not in the data: {title}. The deck cannot say, so RLFF does not invent it.",
        "fr": "Absent des données : {title}. La présentation ne peut pas le dire, RLFF ne l'invente pas.",
    },
    "app.share_link": {
        "en": "The whole scenario lives in the page address: copy it to share this exact dashboard.",
        "fr": "Tout le scénario est dans l'adresse de la page : copiez-la pour partager ce tableau de bord tel quel.",
    },
    "app.reset": {"en": "Back to the article's scenario", "fr": "Revenir au scénario de l'article"},
    "app.footer": {
        "en": "A parody of “Community manager, un sauveur est né !”. Every number is computed from the data shown.",
        "fr": "Une parodie de « Community manager, un sauveur est né ! ». Chaque chiffre est calculé à partir des données affichées.",
    },
    # --- pages -----------------------------------------------------------------------------
    "page.boss": {"en": "Big Boss view", "fr": "Vue Big Boss"},
    "page.reality": {"en": "Reality check", "fr": "Retour au réel"},
    "page.side": {"en": "Side by side", "fr": "Côte à côte"},
    "page.data": {"en": "Your data", "fr": "Vos données"},
    "page.export": {"en": "Export", "fr": "Exporter"},
    "boss.heading": {"en": "Monthly report — {month}", "fr": "Rapport mensuel — {month}"},
    "boss.subheading": {
        "en": "Prepared with passion by {cm}, Community Manager, for Big Boss.",
        "fr": "Préparé avec passion par {cm}, Community Manager, pour Big Boss.",
    },
    "boss.top_posts": {"en": "Our best posts this month", "fr": "Nos meilleures publications du mois"},
    "boss.top_posts_no_sales": {
        "en": "The month's {n} brand posts with the most likes + retweets. What each one sold is not in your files.",
        "fr": "Les {n} publications du mois les plus likées + retweetées. Ce que chacune a vendu n'est pas dans vos "
        "fichiers.",
    },
    "boss.tiles_no_previous": {
        "en": "Retweets and likes on the month's posts, friends and fans at month end; no arrows: your files do not "
        "reach back to {prev}.",
        "fr": "Retweets et likes des publications du mois, friends et fans en fin de mois ; pas de flèches : vos "
        "fichiers ne remontent pas jusqu'à {prev}.",
    },
    "reality.heading": {"en": "Reality check — {month}", "fr": "Retour au réel — {month}"},
    "reality.subheading": {
        "en": "The same month, measured by what customers and the budget feel.",
        "fr": "Le même mois, mesuré à ce que ressentent les clients et le budget.",
    },
    "reality.section.customers": {"en": "Customers", "fr": "Clients"},
    "reality.section.money": {"en": "Money", "fr": "Argent"},
    "reality.section.audience": {"en": "Audience and engagement", "fr": "Audience et engagement"},
    "reality.section.work": {"en": "Work", "fr": "Travail"},
    "side.heading": {"en": "Vanity next to value — {month}", "fr": "La vanité à côté de la valeur — {month}"},
    "side.vanity": {"en": "What the deck says", "fr": "Ce que dit la présentation"},
    "side.value": {"en": "What it hides", "fr": "Ce qu'elle cache"},
    # --- tiles -----------------------------------------------------------------------------
    "tile.retweets": {"en": "Retweets", "fr": "Retweets"},
    "tile.likes": {"en": "Likes", "fr": "Likes"},
    "tile.friends": {"en": "Friends", "fr": "Friends (abonnements)"},
    "tile.fans": {"en": "Fans", "fr": "Fans"},
    "tile.help.retweets": {
        "en": "Retweets, shares and reposts of the brand posts published this month.",
        "fr": "Retweets, partages et reposts des publications de la marque parues ce mois-ci.",
    },
    "tile.help.likes": {
        "en": "Likes and reactions on the brand posts published this month.",
        "fr": "Likes et réactions sur les publications de la marque parues ce mois-ci.",
    },
    "tile.help.friends": {
        "en": "Accounts the brand follows at month end (Twitter calls them friends).",
        "fr": "Comptes suivis par la marque en fin de mois (Twitter les appelle « friends »).",
    },
    "tile.help.fans": {
        "en": "Followers and page fans at month end, all platforms.",
        "fr": "Abonnés et fans de page en fin de mois, toutes plateformes.",
    },
    "tile.reply_rate": {"en": "Messages answered", "fr": "Messages répondus"},
    "tile.complaint_wait": {"en": "Complaints wait", "fr": "Attente, réclamations"},
    "tile.backlog": {"en": "Still unanswered", "fr": "Toujours sans réponse"},
    "tile.roi": {"en": "ROI", "fr": "ROI"},
    "tile.bought_share": {"en": "Bought fans", "fr": "Fans achetés"},
    "tile.non_customer_share": {"en": "Likes + RTs not from customers", "fr": "Likes + RT hors clients"},
    "tile.strategy_adherence": {"en": "Strategy followed", "fr": "Stratégie suivie"},
    "tile.vanity_index": {"en": "Vanity index", "fr": "Indice de vanité"},
    "tile.engagement_rate": {"en": "Engagement rate (by followers)", "fr": "Taux d'engagement (par abonné)"},
    # --- your data ---------------------------------------------------------------------------
    "data.heading": {"en": "Your data", "fr": "Vos données"},
    "data.intro": {
        "en": "Upload your own exports (X/Twitter, Facebook, Instagram, LinkedIn) and RLFF's CSV files (inbox, "
        "costs, revenue…): the deck and the reality check are then computed from them. Files add up: each upload "
        "joins the files already loaded, and a file with the same name replaces the earlier one.",
        "fr": "Déposez vos propres exports (X/Twitter, Facebook, Instagram, LinkedIn) et les fichiers CSV de RLFF "
        "(messages, coûts, ventes…) : la présentation et le retour au réel sont alors calculés à partir d'eux. Les "
        "fichiers s'additionnent : chaque dépôt rejoint les fichiers déjà chargés, et un fichier du même nom "
        "remplace le précédent.",
    },
    "data.upload": {"en": "Your files (CSV, Excel)", "fr": "Vos fichiers (CSV, Excel)"},
    "data.upload.help": {
        "en": "Read in memory for this browser session only, never written to disk.",
        "fr": "Lus en mémoire pour cette session du navigateur seulement, jamais écrits sur disque.",
    },
    "data.limit": {
        "en": "Up to {mb} MB per file. For a longer history, export one quarter at a time and upload the files "
        "together.",
        "fr": "Jusqu'à {mb} Mo par fichier. Pour un historique plus long, exportez un trimestre à la fois et déposez "
        "les fichiers ensemble.",
    },
    "data.source": {"en": "The dashboard shows", "fr": "Le tableau de bord affiche"},
    "data.source.simulation": {
        "en": "The simulation (the sidebar's scenario)",
        "fr": "La simulation (le scénario de la barre latérale)",
    },
    "data.source.upload": {"en": "My data", "fr": "Mes données"},
    "data.source.help": {
        "en": "Every view and the exports follow this switch; your files stay loaded either way.",
        "fr": "Toutes les vues et les exports suivent ce choix ; vos fichiers restent chargés dans les deux cas.",
    },
    "data.none": {
        "en": "No file loaded yet: the dashboard shows the simulation.",
        "fr": "Aucun fichier chargé pour l'instant : le tableau de bord affiche la simulation.",
    },
    "data.read": {
        "en": "Read: {files}. The dashboard now shows your data.",
        "fr": "Lu : {files}. Le tableau de bord affiche maintenant vos données.",
    },
    "data.replaced": {
        "en": "Replaced by the new upload: {files}.",
        "fr": "Remplacé par le nouveau dépôt : {files}.",
    },
    "data.problem": {"en": "Not imported. {message}", "fr": "Non importé. {message}"},
    "data.unexpected": {
        "en": "RLFF could not read these files (an error in RLFF itself: {error}). Nothing was changed. Please "
        "report it with the files' header row.",
        "fr": "RLFF n'a pas pu lire ces fichiers (une erreur de RLFF lui-même : {error}). Rien n'a changé. Merci de "
        "la signaler avec la ligne d'en-tête des fichiers.",
    },
    "data.kept": {
        "en": "The data loaded before is still in use.",
        "fr": "Les données chargées auparavant restent utilisées.",
    },
    "data.loaded": {"en": "What the dashboard reads", "fr": "Ce que lit le tableau de bord"},
    "data.summary": {
        "en": "Brand: {brand} · data from {start} to {end} · reported month: {month}",
        "fr": "Marque : {brand} · données du {start} au {end} · mois présenté : {month}",
    },
    "data.files.file": {"en": "File", "fr": "Fichier"},
    "data.files.kind": {"en": "Recognised as", "fr": "Reconnu comme"},
    "data.files.rows": {"en": "Rows read", "fr": "Lignes lues"},
    "data.preview": {"en": "Preview: {file}", "fr": "Aperçu : {file}"},
    "data.preview.table": {
        "en": "{table}: the first {n} of {total} rows",
        "fr": "{table} : les {n} premières lignes sur {total}",
    },
    "data.forget": {"en": "Forget my files", "fr": "Oublier mes fichiers"},
    "data.forget.help": {
        "en": "Drops every file loaded in this session and goes back to the simulation.",
        "fr": "Retire tous les fichiers chargés dans cette session et revient à la simulation.",
    },
    "data.sidebar_note": {
        "en": "The dashboard shows your files (switch on “Your data”); the knobs below only move the simulation.",
        "fr": "Le tableau de bord affiche vos fichiers (choix dans « Vos données ») ; les réglages ci-dessous ne "
        "font bouger que la simulation.",
    },
    "data.missing.heading": {"en": "What your files cannot tell", "fr": "Ce que vos fichiers ne disent pas"},
    "data.missing.intro": {
        "en": "These reality metrics show “—” rather than an invented number. Upload the file that gives each one, "
        "or fill in a blank template (the commented first row is an example).",
        "fr": "Ces indicateurs du retour au réel affichent « — » plutôt qu'un chiffre inventé. Déposez le fichier "
        "qui donne chacun d'eux, ou remplissez un modèle vierge (la première ligne, commentée, est un exemple).",
    },
    "data.missing.none": {
        "en": "Your files give every reality metric.",
        "fr": "Vos fichiers donnent tous les indicateurs du retour au réel.",
    },
    "data.missing.metric": {"en": "Metric", "fr": "Indicateur"},
    "data.missing.why": {"en": "Why it is missing", "fr": "Pourquoi il manque"},
    "data.missing.upload": {"en": "What to upload", "fr": "Quoi déposer"},
    "data.missing.templates": {"en": "Blank templates", "fr": "Modèles vierges"},
    "data.template": {"en": "{file} template", "fr": "Modèle {file}"},
    "data.chart_hint": {"en": "To get it, upload {upload}.", "fr": "Pour l'obtenir, déposez {upload}."},
    "data.caption.audience_unknown": {
        "en": "“—”: your files do not give it. Exports give new follows, not a follower total (the follower curve "
        "starts from 0), and never the accounts the brand follows (friends). A followers.csv with your totals "
        "fills both.",
        "fr": "« — » : vos fichiers ne le donnent pas. Les exports donnent les nouveaux abonnés, pas le total (la "
        "courbe des abonnés part de 0), et jamais les comptes suivis par la marque (friends). Un followers.csv avec "
        "vos totaux remplit les deux.",
    },
    "data.caption.fans_from_zero": {
        "en": "Fans (followers) and friends (accounts followed) per day, all platforms. Your files give new follows "
        "and unfollows, not a follower total, so the curve starts from 0 on their first day: read its shape, not "
        "its level.",
        "fr": "Fans (abonnés) et friends (comptes suivis) par jour, toutes plateformes. Vos fichiers donnent les "
        "nouveaux abonnés et les désabonnements, pas le total : la courbe part de 0 à leur premier jour ; lisez sa "
        "forme, pas son niveau.",
    },
    "data.caption.engagements_unknown": {
        "en": "Retweets and likes “—”: your files list posts but no engagement counts. Upload the platform's "
        "per-post export, or an engagements.csv.",
        "fr": "Retweets et likes « — » : vos fichiers listent des publications mais aucun décompte d'engagement. "
        "Déposez l'export par publication de la plateforme, ou un engagements.csv.",
    },
    "data.caption.platform_effort_no_sales": {
        "en": "Per platform, share of the month's posts (effort) and of the fans (reach). What each platform sold "
        "is not in your files: the sales bars stay at zero.",
        "fr": "Par plateforme, part des publications du mois (effort) et des fans (audience). Ce que chaque "
        "plateforme a vendu n'est pas dans vos fichiers : les barres de ventes restent à zéro.",
    },
    "data.caption.bought_unknown": {
        "en": "New followers per day; the days a spike detector flags are marked ×. Your files cannot say which "
        "followers were bought, so the bought share stays unknown.",
        "fr": "Nouveaux abonnés par jour ; les jours signalés par un détecteur de pics sont marqués ×. Vos fichiers "
        "ne disent pas quels abonnés ont été achetés : la part achetée reste inconnue.",
    },
    "missing.response_time_by_kind": {
        "en": "Response time by message kind",
        "fr": "Délai de réponse par type de message",
    },
    "missing.reply_rate": {"en": "Share of messages answered", "fr": "Part des messages ayant reçu une réponse"},
    "missing.unanswered_backlog": {"en": "Messages left unanswered", "fr": "Messages restés sans réponse"},
    "missing.crisis_timeline": {
        "en": "Complaint spikes and crises left open",
        "fr": "Pics de réclamations et crises laissées ouvertes",
    },
    "missing.roi": {
        "en": "Return on investment: attributed revenue against total cost",
        "fr": "Retour sur investissement : ventes attribuées face au coût total",
    },
    "missing.format_performance": {"en": "Conversions by post format", "fr": "Ventes par format de publication"},
    "missing.engagement_sources": {
        "en": "Who really engages: customers, the retweet ring, bots, the CM",
        "fr": "Qui s'engage vraiment : clients, cercle de retweets, bots, le CM",
    },
    "missing.bought_follower_share": {"en": "Share of followers that were bought", "fr": "Part des abonnés achetés"},
    "missing.strategy_adherence": {
        "en": "Strategy presented vs strategy followed",
        "fr": "Stratégie présentée vs stratégie suivie",
    },
    "missing.mention_shares": {
        "en": "Mentions of the CM vs mentions of the brand",
        "fr": "Mentions du CM vs mentions de la marque",
    },
    "missing.hours_per_activity": {"en": "Where the working hours go", "fr": "Où passent les heures de travail"},
    "missing.competitor_benchmark": {
        "en": "The “competitors” the deck compares with",
        "fr": "Les « concurrents » auxquels la présentation se compare",
    },
    "missing.upload.response_time_by_kind": {
        "en": "an inbox file (inbox.csv): one row per inbound message with received_at, kind (compliment, question, "
        "complaint, crisis) and first_response_at (empty when never answered), from your help desk or the template",
        "fr": "un fichier de messages (inbox.csv) : une ligne par message reçu avec received_at, kind (compliment, "
        "question, complaint, crisis) et first_response_at (vide si jamais de réponse), depuis votre outil de "
        "support ou le modèle",
    },
    "missing.upload.reply_rate": {
        "en": "an inbox file (inbox.csv) with received_at, kind and first_response_at",
        "fr": "un fichier de messages (inbox.csv) avec received_at, kind et first_response_at",
    },
    "missing.upload.unanswered_backlog": {
        "en": "an inbox file (inbox.csv) with received_at, kind and first_response_at",
        "fr": "un fichier de messages (inbox.csv) avec received_at, kind et first_response_at",
    },
    "missing.upload.crisis_timeline": {
        "en": "an inbox file (inbox.csv) with received_at, kind and first_response_at",
        "fr": "un fichier de messages (inbox.csv) avec received_at, kind et first_response_at",
    },
    "missing.upload.roi": {
        "en": "a costs file (costs.csv: salary, tools, bought followers, ads, one row per month and category) and a "
        "revenue file (revenue.csv: sales attributed to social media)",
        "fr": "un fichier de coûts (costs.csv : salaire, outils, abonnés achetés, publicité, une ligne par mois et "
        "par catégorie) et un fichier de ventes (revenue.csv : ventes attribuées aux réseaux sociaux)",
    },
    "missing.upload.format_performance": {
        "en": "a revenue file (revenue.csv) whose rows name the post_id each sale is attributed to",
        "fr": "un fichier de ventes (revenue.csv) dont chaque ligne nomme le post_id auquel la vente est attribuée",
    },
    "missing.upload.engagement_sources": {
        "en": "an engagements file (engagements.csv) with one row per engagement and its source (customer, peer, "
        "bot, self)",
        "fr": "un fichier d'engagements (engagements.csv) avec une ligne par engagement et sa source (customer, "
        "peer, bot, self)",
    },
    "missing.upload.bought_follower_share": {
        "en": "a followers file (followers.csv) with bought_follows per day (from your invoices), or events of kind "
        "follower_purchase",
        "fr": "un fichier d'abonnés (followers.csv) avec bought_follows par jour (d'après vos factures), ou des "
        "événements de type follower_purchase",
    },
    "missing.upload.strategy_adherence": {
        "en": "a strategy file (strategy.csv): the actions planned per week and whether each was done",
        "fr": "un fichier de stratégie (strategy.csv) : les actions prévues chaque semaine et si chacune a été faite",
    },
    "missing.upload.mention_shares": {
        "en": "a mentions file (mentions.csv) from your monitoring tool, with target and sentiment",
        "fr": "un fichier de mentions (mentions.csv) issu de votre outil de veille, avec target et sentiment",
    },
    "missing.upload.hours_per_activity": {
        "en": "a time-use file (time_use.csv): hours per activity per week",
        "fr": "un fichier d'emploi du temps (time_use.csv) : heures par activité et par semaine",
    },
    "missing.upload.competitor_benchmark": {
        "en": "a peers file (peers.csv): the accounts you compare with, their followers and whether they retweet you",
        "fr": "un fichier de pairs (peers.csv) : les comptes auxquels vous vous comparez, leurs abonnés et s'ils vous "
        "retweetent",
    },
    "missing.reason.no_inbox": {"en": "no inbox was uploaded", "fr": "aucun fichier de messages n'a été déposé"},
    "missing.reason.no_engagements": {
        "en": "no engagements were uploaded",
        "fr": "aucun engagement n'a été déposé",
    },
    "missing.reason.no_sources": {
        "en": "platform exports give totals per post, never who engaged (peer, bot, self or customer)",
        "fr": "les exports des plateformes donnent des totaux par publication, jamais qui s'est engagé (pair, bot, "
        "le CM ou client)",
    },
    "missing.reason.no_followers": {
        "en": "no follower file was uploaded",
        "fr": "aucun fichier d'abonnés n'a été déposé",
    },
    "missing.reason.bought_unknown": {
        "en": "platform exports never say which followers were bought (the spike detector still runs)",
        "fr": "les exports des plateformes ne disent jamais quels abonnés ont été achetés (le détecteur de pics "
        "fonctionne quand même)",
    },
    "missing.reason.no_costs_revenue": {
        "en": "no costs and no revenue were uploaded",
        "fr": "ni coûts ni ventes n'ont été déposés",
    },
    "missing.reason.no_costs": {"en": "no costs were uploaded", "fr": "aucun coût n'a été déposé"},
    "missing.reason.no_revenue": {"en": "no revenue was uploaded", "fr": "aucune vente n'a été déposée"},
    "missing.reason.no_posts": {"en": "no posts were uploaded", "fr": "aucune publication n'a été déposée"},
    "missing.reason.no_conversions": {
        "en": "exports count engagement, not the sales each post brought",
        "fr": "les exports comptent l'engagement, pas les ventes apportées par chaque publication",
    },
    "missing.reason.no_strategy": {
        "en": "no strategy plan was uploaded",
        "fr": "aucun plan de stratégie n'a été déposé",
    },
    "missing.reason.no_mentions": {
        "en": "no mentions file was uploaded",
        "fr": "aucun fichier de mentions n'a été déposé",
    },
    "missing.reason.no_time_use": {"en": "no time sheet was uploaded", "fr": "aucun emploi du temps n'a été déposé"},
    "missing.reason.no_peers": {"en": "no peers file was uploaded", "fr": "aucun fichier de pairs n'a été déposé"},
    # --- export ------------------------------------------------------------------------------
    "export.title": {
        "en": "Export",
        "fr": "Exporter",
    },
    "export.intro": {
        "en": "Big Boss never opens the dashboard: send him the deck, or the charts as images. The same files come from the command line: `rlff export --format pptx --out deck.pptx`.",
        "fr": "Big Boss n'ouvre jamais le tableau de bord : envoyez-lui la présentation, ou les graphiques en images. Les mêmes fichiers sortent en ligne de commande : `rlff export --format pptx --out deck.pptx`.",
    },
    "export.honest": {
        "en": "Honest edition (red-pen notes and a reality appendix)",
        "fr": "Édition honnête (annotée au stylo rouge, avec annexe de retour au réel)",
    },
    "export.honest.help": {
        "en": "Each vanity slide gets a note of what it hides, computed from the same data, and the deck ends with the reality-check charts.",
        "fr": "Chaque diapositive de vanité reçoit une note de ce qu'elle cache, calculée à partir des mêmes données, et la présentation se termine par les graphiques du retour au réel.",
    },
    "export.deck": {
        "en": "The deck (.pptx)",
        "fr": "La présentation (.pptx)",
    },
    "export.deck.prepare": {
        "en": "Prepare the deck",
        "fr": "Préparer la présentation",
    },
    "export.deck.download": {
        "en": "Download the deck",
        "fr": "Télécharger la présentation",
    },
    "export.zip": {
        "en": "All charts (.zip: PNG and SVG)",
        "fr": "Tous les graphiques (.zip : PNG et SVG)",
    },
    "export.zip.prepare": {
        "en": "Prepare all charts",
        "fr": "Préparer tous les graphiques",
    },
    "export.zip.download": {
        "en": "Download all charts (.zip)",
        "fr": "Télécharger tous les graphiques (.zip)",
    },
    "export.charts": {
        "en": "One chart at a time (PNG, 2560 × 1440)",
        "fr": "Un graphique à la fois (PNG, 2560 × 1440)",
    },
    "export.png": {
        "en": "PNG",
        "fr": "PNG",
    },
    "export.rendering": {
        "en": "Rendering {done}/{total}: {label}",
        "fr": "Rendu {done}/{total} : {label}",
    },
    "export.ready": {
        "en": "Ready: {name}",
        "fr": "Prêt : {name}",
    },
    "export.failed": {
        "en": "The export failed: {message}",
        "fr": "L'export a échoué : {message}",
    },
    # --- sidebar ---------------------------------------------------------------------------
    "sidebar.title": {"en": "Scenario", "fr": "Scénario"},
    "sidebar.intro": {
        "en": "Play the community manager: every knob moves the deck and the reality.",
        "fr": "Jouez au community manager : chaque réglage fait bouger la présentation et la réalité.",
    },
    "sidebar.group.general": {"en": "Who, when, which dice", "fr": "Qui, quand, quel tirage"},
    "sidebar.group.audience": {"en": "Inflate the community", "fr": "Gonfler la communauté"},
    "sidebar.group.customers": {"en": "“Real time”", "fr": "Le « temps réel »"},
    "sidebar.group.work": {"en": "Strategy and work", "fr": "Stratégie et travail"},
    "sidebar.group.money": {"en": "Money", "fr": "Argent"},
    "knob.lang": {"en": "Language", "fr": "Langue"},
    "knob.seed": {"en": "Random seed", "fr": "Graine aléatoire"},
    "knob.brand": {"en": "Brand", "fr": "Marque"},
    "knob.start": {"en": "Period starts", "fr": "Début de la période"},
    "knob.end": {"en": "Period ends", "fr": "Fin de la période"},
    "knob.platforms": {"en": "Be present on", "fr": "Être présent sur"},
    "knob.posts_per_day": {"en": "Brand posts per day", "fr": "Publications de la marque par jour"},
    "knob.photo_question_share": {
        "en": "Share of “photo + heavy text as a question” posts",
        "fr": "Part des publications « photo + texte lourd en question »",
    },
    "knob.bought_followers": {"en": "Followers bought per purchase", "fr": "Followers achetés par achat"},
    "knob.follower_purchases": {"en": "Number of purchases", "fr": "Nombre d'achats"},
    "knob.ring_size": {"en": "Peers in the retweet ring", "fr": "Pairs dans le cercle de retweets"},
    "knob.follow_for_follow": {
        "en": "Peers followed for a follow-back",
        "fr": "Pairs suivis pour être suivi en retour",
    },
    "knob.like_own_comments": {"en": "Like all your own comments", "fr": "Liker tous ses propres commentaires"},
    "knob.reply_policy": {"en": "Reply policy", "fr": "Politique de réponse"},
    "knob.crisis": {"en": "A crisis happens", "fr": "Une crise éclate"},
    "knob.crisis_day": {"en": "Crisis starts on day", "fr": "La crise commence le jour"},
    "knob.strategy_adherence": {
        "en": "Share of the strategy actually followed",
        "fr": "Part de la stratégie réellement suivie",
    },
    "knob.customer_service_share": {
        "en": "Share of the week spent on customer service",
        "fr": "Part de la semaine consacrée au service client",
    },
    "knob.salary_eur_year": {"en": "CM salary (€ / year)", "fr": "Salaire du CM (€ / an)"},
    "knob.monitoring_tool_eur_month": {
        "en": "Monitoring licence nobody opens (€ / month)",
        "fr": "Licence de veille que personne n'ouvre (€ / mois)",
    },
    "policy.vain": {"en": "Whenever I feel like it (the article)", "fr": "Quand j'en ai envie (l'article)"},
    "policy.responsive": {
        "en": "Real customer service (1 h, all kinds)",
        "fr": "Un vrai service client (1 h, tout type)",
    },
    "policy.ghost": {"en": "Thank compliments, ignore the rest", "fr": "Remercier les compliments, ignorer le reste"},
    "lang.en": {"en": "English", "fr": "English"},
    "lang.fr": {"en": "Français", "fr": "Français"},
    # --- chart titles and captions ---------------------------------------------------------
    "chart.boss_tiles.title": {"en": "This month's results — {month}", "fr": "Les résultats du mois — {month}"},
    "chart.boss_tiles.caption": {
        "en": "Retweets and likes on the month's posts, friends and fans at month end; arrows compare with {prev}.",
        "fr": "Retweets et likes des publications du mois, friends et fans en fin de mois ; les flèches comparent à {prev}.",
    },
    "chart.follower_growth.title": {
        "en": "A community that keeps growing",
        "fr": "Une communauté qui ne cesse de grandir",
    },
    "chart.follower_growth.caption": {
        "en": "Fans (followers) and friends (accounts followed) per day, all platforms: fans went from {start} to "
        "{end} ({change}). Markers: the CM's calendar (#CMday, certificate, purchases…).",
        "fr": "Fans (abonnés) et friends (comptes suivis) par jour, toutes plateformes : les fans passent de {start} "
        "à {end} ({change}). Repères : le calendrier du CM (#CMday, certificat, achats…).",
    },
    "chart.engagement_over_time.title": {"en": "Engagement, month after month", "fr": "L'engagement, mois après mois"},
    "chart.engagement_over_time.caption": {
        "en": "Likes and retweets on the posts of each month; {month}: {retweets} RT and {likes} likes, "
        "the figures that go in the deck.",
        "fr": "Likes et retweets des publications de chaque mois ; {month} : {retweets} RT et {likes} likes, "
        "les chiffres qui vont dans la présentation.",
    },
    "chart.competitor_benchmark.title": {"en": "Us vs the competition", "fr": "Nous face à la concurrence"},
    "chart.competitor_benchmark.caption": {
        "en": "Likes + retweets in {month}, the brand against {n} “competitors”: {ring} of them are in our own "
        "retweet ring, so the benchmark benchmarks itself.",
        "fr": "Likes + retweets en {month}, la marque face à {n} « concurrents » : {ring} d'entre eux sont dans notre "
        "propre cercle de retweets, le comparatif se compare donc à lui-même.",
    },
    "chart.top_posts.title": {"en": "Our best posts", "fr": "Nos meilleures publications"},
    "chart.top_posts.caption": {
        "en": "The month's {n} brand posts with the most likes + retweets; together they sold {sales}.",
        "fr": "Les {n} publications du mois les plus likées + retweetées ; à elles toutes, elles ont vendu {sales}.",
    },
    "chart.response_time.title": {
        "en": "How long customers wait for an answer",
        "fr": "Combien de temps attendent les clients",
    },
    "chart.response_time.caption": {
        "en": "Median time to a first answer by message kind, messages of {month} (log scale). Complaints wait "
        "{complaint}; 72% of people who complain expect an answer within 1 h (53% of all users, Lithium/Millward "
        "Brown 2013); consumers expect ~4 h and brands average ~10 h (Sprout Social 2016).",
        "fr": "Délai médian de première réponse par type de message, messages de {month} (échelle log). Les "
        "réclamations attendent {complaint} ; 72 % des clients qui se plaignent attendent une réponse en 1 h "
        "(53 % de tous les utilisateurs, Lithium/Millward Brown 2013) ; les consommateurs attendent ~4 h et les "
        "marques répondent en ~10 h en moyenne (Sprout Social 2016).",
    },
    "chart.reply_rate.title": {"en": "Messages answered, by kind", "fr": "Messages ayant reçu une réponse, par type"},
    "chart.reply_rate.caption": {
        "en": "Share of the messages of {month} that got any answer ({overall} overall); {backlog} messages are "
        "still waiting at month end. Compliments get thanked, complaints get “real time”.",
        "fr": "Part des messages de {month} ayant reçu une réponse ({overall} au total) ; {backlog} messages "
        "attendent encore en fin de mois. Les compliments sont remerciés, les réclamations ont droit au « temps réel ».",
    },
    "chart.roi.title": {"en": "What it costs, what it earns", "fr": "Ce que ça coûte, ce que ça rapporte"},
    "chart.roi.caption": {
        "en": "{month}: {cost} spent (salary, tools, bought followers…) for {revenue} of attributed sales, an ROI "
        "of {roi}. ROI = (revenue − cost) / cost.",
        "fr": "{month} : {cost} dépensés (salaire, outils, followers achetés…) pour {revenue} de ventes attribuées, "
        "soit un ROI de {roi}. ROI = (revenus − coût) / coût.",
    },
    "chart.bought_followers.title": {"en": "Where the new fans come from", "fr": "D'où viennent les nouveaux fans"},
    "chart.bought_followers.caption": {
        "en": "New followers per day, organic vs bought: {share} of the fans at the end of {month} were bought. "
        "A spike detector on daily follows alone (what a real export allows) flags {spikes} days (×).",
        "fr": "Nouveaux abonnés par jour, organiques ou achetés : {share} des fans fin {month} ont été achetés. "
        "Un détecteur de pics sur les seuls abonnements quotidiens (ce que permet un vrai export) signale {spikes} "
        "jours (×).",
    },
    "chart.engagement_sources.title": {"en": "Who really likes and retweets", "fr": "Qui like et retweete vraiment"},
    "chart.engagement_sources.caption": {
        "en": "Likes + retweets on each month's posts, by who gave them. {month}: the peer ring {peer}, bought bots "
        "{bot}, the CM liking their own posts {self}, real customers {customer}.",
        "fr": "Likes + retweets des publications de chaque mois, selon qui les donne. {month} : le cercle de pairs "
        "{peer}, les bots achetés {bot}, le CM qui like ses propres publications {self}, les vrais clients {customer}.",
    },
    "chart.strategy_adherence.title": {
        "en": "The strategy deck vs what was done",
        "fr": "La stratégie présentée vs ce qui a été fait",
    },
    "chart.strategy_adherence.caption": {
        "en": "Share of the planned actions actually executed, per month; {month}: {adherence}. The deck was "
        "presented; the strategy, less so.",
        "fr": "Part des actions prévues réellement menées, par mois ; {month} : {adherence}. La stratégie a été "
        "présentée ; appliquée, beaucoup moins.",
    },
    "chart.e_reputation.title": {
        "en": "Whose e-reputation: the CM's or the brand's?",
        "fr": "L'e-réputation de qui : celle du CM ou celle de la marque ?",
    },
    "chart.e_reputation.caption": {
        "en": "Mentions in {month}: {cm_share} name the CM, {brand_share} the brand. Net sentiment (share positive − "
        "share negative): CM {cm_sentiment}, brand {brand_sentiment}. The Google Alert is set on the right name.",
        "fr": "Mentions en {month} : {cm_share} citent le CM, {brand_share} la marque. Sentiment net (part positive − "
        "part négative) : CM {cm_sentiment}, marque {brand_sentiment}. L'alerte Google est réglée sur le bon nom.",
    },
    "chart.crisis_timeline.title": {"en": "The crisis that was “a myth”", "fr": "La crise qui « n'existe pas »"},
    "chart.crisis_timeline.caption": {
        "en": "Complaints and crisis messages received per day, those answered the same day, and the open backlog. "
        "{month}: {received} received, {same_day} answered the same day, {backlog} still open at month end.",
        "fr": "Réclamations et messages de crise reçus par jour, ceux traités le jour même, et le stock en attente. "
        "{month} : {received} reçus, {same_day} traités le jour même, {backlog} toujours ouverts en fin de mois.",
    },
    "chart.hours_per_activity.title": {"en": "Where the 35 hours go", "fr": "Où passent les 35 heures"},
    "chart.hours_per_activity.caption": {
        "en": "Hours logged in {month} by activity: {picture} finding the next picture, {service} answering "
        "customers ({share} of the time).",
        "fr": "Heures déclarées en {month} par activité : {picture} à chercher la prochaine photo, {service} à "
        "répondre aux clients ({share} du temps).",
    },
    "chart.platform_effort.title": {
        "en": "Present everywhere, even on Pinterest",
        "fr": "Présent partout, même sur Pinterest",
    },
    "chart.platform_effort.caption": {
        "en": "Per platform, share of the month's posts (effort), of the fans (reach) and of the sales (value). "
        "{platform}: {posts} of the posts for {fans} of the fans and {sales} of the sales.",
        "fr": "Par plateforme, part des publications du mois (effort), des fans (audience) et des ventes (valeur). "
        "{platform} : {posts} des publications pour {fans} des fans et {sales} des ventes.",
    },
    "chart.cm_output.title": {
        "en": "Working for the brand, or for oneself?",
        "fr": "Travailler pour la marque, ou pour soi ?",
    },
    "chart.cm_output.caption": {
        "en": "{month}: {cm_posts} posts on the CM's own blog (ten-line translations) next to {brand_posts} for the "
        "brand; {blog_hours} on the blog vs {service_hours} on customer service.",
        "fr": "{month} : {cm_posts} billets sur le blog du CM (des traductions de dix lignes) pour {brand_posts} "
        "publications de la marque ; {blog_hours} sur le blog contre {service_hours} au service client.",
    },
    "chart.vanity_index.title": {"en": "Vanity index: {index} / 100", "fr": "Indice de vanité : {index} / 100"},
    "chart.vanity_index.caption": {
        "en": "How far the deck has drifted from value: 100 × the mean of the five shares below (0 = vanity and "
        "value agree, 100 = it is all vanity).",
        "fr": "À quel point la présentation s'est éloignée de la valeur : 100 × la moyenne des cinq parts ci-dessous "
        "(0 = vanité et valeur d'accord, 100 = tout n'est que vanité).",
    },
    "chart.vanity_vs_value.title": {"en": "Vanity vs value, month by month", "fr": "Vanité et valeur, mois par mois"},
    "chart.vanity_vs_value.caption": {
        "en": "Each series indexed to its first month (= 100): likes + retweets and fans (vanity) against attributed "
        "revenue and the reply rate (value). Last month: vanity {vanity}, revenue {value}.",
        "fr": "Chaque série en base 100 au premier mois : likes + retweets et fans (vanité) face aux ventes "
        "attribuées et au taux de réponse (valeur). Dernier mois : vanité {vanity}, ventes {value}.",
    },
    "chart.posts_vanity_value.title": {
        "en": "Per post: applause vs sales",
        "fr": "Par publication : applaudissements vs ventes",
    },
    "chart.posts_vanity_value.caption": {
        "en": "Each dot is one of the {n} brand posts of {month}: likes + retweets against the sales attributed to "
        "it. {zero} of them sold nothing at all.",
        "fr": "Chaque point est une des {n} publications de la marque en {month} : likes + retweets face aux ventes "
        "qui lui sont attribuées. {zero} n'ont rien vendu du tout.",
    },
    "chart.format_performance.title": {
        "en": "Engagement vs sales, by post format",
        "fr": "Engagement vs ventes, par format",
    },
    "chart.format_performance.caption": {
        "en": "Per format, engagements per post (vanity) next to sales per 100 posts (value), {month}. Photo + "
        "question: {pq_eng} engagements and {pq_conv} sales per 100 posts.",
        "fr": "Par format, engagements par publication (vanité) à côté des ventes pour 100 publications (valeur), "
        "{month}. Photo + question : {pq_eng} engagements et {pq_conv} ventes pour 100 publications.",
    },
    # --- axes, legends, series -------------------------------------------------------------
    "axis.date": {"en": "Date", "fr": "Date"},
    "axis.month": {"en": "Month", "fr": "Mois"},
    "axis.count": {"en": "Count", "fr": "Nombre"},
    "axis.hours": {"en": "Hours", "fr": "Heures"},
    "axis.hours_log": {"en": "Hours to first answer (log scale)", "fr": "Heures avant première réponse (échelle log)"},
    "axis.share": {"en": "Share", "fr": "Part"},
    "axis.eur": {"en": "Euros", "fr": "Euros"},
    "axis.index100": {"en": "Index (first month = 100)", "fr": "Indice (premier mois = 100)"},
    "axis.likes_rts": {"en": "Likes + retweets", "fr": "Likes + retweets"},
    "axis.sales": {"en": "Sales", "fr": "Ventes"},
    "axis.new_follows": {"en": "New followers per day", "fr": "Nouveaux abonnés par jour"},
    "axis.messages": {"en": "Messages per day", "fr": "Messages par jour"},
    "axis.net_sentiment": {"en": "Net sentiment", "fr": "Sentiment net"},
    "series.fans": {"en": "Fans", "fr": "Fans"},
    "series.friends": {"en": "Friends", "fr": "Friends"},
    "series.likes": {"en": "Likes", "fr": "Likes"},
    "series.retweets": {"en": "Retweets", "fr": "Retweets"},
    "series.organic": {"en": "Organic", "fr": "Organiques"},
    "series.bought": {"en": "Bought", "fr": "Achetés"},
    "series.spike": {"en": "Spike detected", "fr": "Pic détecté"},
    "series.cost": {"en": "Cost", "fr": "Coût"},
    "series.revenue": {"en": "Attributed revenue", "fr": "Ventes attribuées"},
    "series.received": {"en": "Received", "fr": "Reçus"},
    "series.answered_same_day": {"en": "Answered the same day", "fr": "Traités le jour même"},
    "series.open_backlog": {"en": "Still open", "fr": "Toujours ouverts"},
    "series.median": {"en": "Median", "fr": "Médiane"},
    "series.p90": {"en": "9 in 10 answered within", "fr": "9 sur 10 traités en"},
    "series.adherence": {"en": "Planned actions executed", "fr": "Actions prévues réalisées"},
    "series.mention_share": {"en": "Share of mentions", "fr": "Part des mentions"},
    "series.posts_share": {"en": "Posts (effort)", "fr": "Publications (effort)"},
    "series.fans_share": {"en": "Fans (reach)", "fr": "Fans (audience)"},
    "series.sales_share": {"en": "Sales (value)", "fr": "Ventes (valeur)"},
    "series.engagements_per_post": {"en": "Engagements per post", "fr": "Engagements par publication"},
    "series.sales_per_100": {"en": "Sales per 100 posts", "fr": "Ventes pour 100 publications"},
    "series.vanity_engagement": {"en": "Likes + retweets (vanity)", "fr": "Likes + retweets (vanité)"},
    "series.vanity_fans": {"en": "Fans (vanity)", "fr": "Fans (vanité)"},
    "series.value_revenue": {"en": "Attributed revenue (value)", "fr": "Ventes attribuées (valeur)"},
    "series.value_reply_rate": {"en": "Reply rate (value)", "fr": "Taux de réponse (valeur)"},
    "series.posts": {"en": "Posts", "fr": "Publications"},
    "series.hours": {"en": "Hours", "fr": "Heures"},
    "series.brand": {"en": "Us", "fr": "Nous"},
    "series.in_ring": {"en": "in our retweet ring", "fr": "dans notre cercle de retweets"},
    "series.not_in_ring": {"en": "real competitor", "fr": "vrai concurrent"},
    "ref.expect_1h_complaint": {
        "en": "1 h: expected by 72% of complainers",
        "fr": "1 h : attendue par 72 % des mécontents",
    },
    "ref.expect_4h": {"en": "~4 h: what consumers expect", "fr": "~4 h : ce qu'attendent les consommateurs"},
    "ref.brand_10h": {"en": "~10 h: brands' average", "fr": "~10 h : moyenne des marques"},
    "ref.never": {"en": "never answered", "fr": "jamais de réponse"},
    "ref.break_even": {"en": "break-even", "fr": "seuil de rentabilité"},
    "cm_output.cm_posts": {"en": "CM's blog", "fr": "Blog du CM"},
    "cm_output.brand_posts": {"en": "Brand", "fr": "Marque"},
    "cm_output.blog_hours": {"en": "CM's blog", "fr": "Blog du CM"},
    "cm_output.service_hours": {"en": "Customers", "fr": "Clients"},
    "table.published_at": {"en": "Published", "fr": "Publiée le"},
    "table.platform": {"en": "Platform", "fr": "Plateforme"},
    "table.format": {"en": "Format", "fr": "Format"},
    "table.text": {"en": "Post", "fr": "Publication"},
    "table.likes": {"en": "Likes", "fr": "Likes"},
    "table.retweets": {"en": "Retweets", "fr": "Retweets"},
    "table.replies": {"en": "Replies", "fr": "Réponses"},
    "table.conversions": {"en": "Sales", "fr": "Ventes"},
    # --- categories of the data (see name()) ---------------------------------------------------
    "message_kind.compliment": {"en": "Compliment", "fr": "Compliment"},
    "message_kind.question": {"en": "Question", "fr": "Question"},
    "message_kind.complaint": {"en": "Complaint", "fr": "Réclamation"},
    "message_kind.crisis": {"en": "Crisis", "fr": "Crise"},
    "source.customer": {"en": "Real customers", "fr": "Vrais clients"},
    "source.peer": {"en": "Peer ring", "fr": "Cercle de pairs"},
    "source.bot": {"en": "Bought bots", "fr": "Bots achetés"},
    "source.self": {"en": "The CM themself", "fr": "Le CM lui-même"},
    "source.unknown": {"en": "Unknown", "fr": "Inconnu"},
    "platform.twitter": {"en": "X (Twitter)", "fr": "X (Twitter)"},
    "platform.facebook": {"en": "Facebook", "fr": "Facebook"},
    "platform.instagram": {"en": "Instagram", "fr": "Instagram"},
    "platform.linkedin": {"en": "LinkedIn", "fr": "LinkedIn"},
    "platform.pinterest": {"en": "Pinterest", "fr": "Pinterest"},
    "platform.blog": {"en": "The CM's blog", "fr": "Le blog du CM"},
    "activity.finding_next_picture": {"en": "Finding the next picture", "fr": "Chercher la prochaine photo"},
    "activity.posting": {"en": "Posting", "fr": "Publier"},
    "activity.own_blog": {"en": "Own blog", "fr": "Son propre blog"},
    "activity.watching_own_name": {"en": "Google Alert on own name", "fr": "Alerte Google sur son nom"},
    "activity.peer_networking": {"en": "RT-ing peers", "fr": "Retweeter les pairs"},
    "activity.customer_service": {"en": "Customer service", "fr": "Service client"},
    "activity.strategy": {"en": "Strategy", "fr": "Stratégie"},
    "activity.reporting": {"en": "Deck for Big Boss", "fr": "Présentation pour Big Boss"},
    "format.photo_question": {"en": "Photo + question", "fr": "Photo + question"},
    "format.photo": {"en": "Photo", "fr": "Photo"},
    "format.link": {"en": "Link", "fr": "Lien"},
    "format.video": {"en": "Video", "fr": "Vidéo"},
    "format.text": {"en": "Text", "fr": "Texte"},
    "cost.salary": {"en": "Salary", "fr": "Salaire"},
    "cost.monitoring_tool": {"en": "Monitoring tool", "fr": "Outil de veille"},
    "cost.bought_followers": {"en": "Bought followers", "fr": "Followers achetés"},
    "cost.training": {"en": "Training", "fr": "Formation"},
    "cost.ads": {"en": "Ads", "fr": "Publicité"},
    "cost.other": {"en": "Other", "fr": "Autre"},
    "event.cm_day": {"en": "#CMday", "fr": "#CMday"},
    "event.certificate": {"en": "One-week certificate", "fr": "Certificat en une semaine"},
    "event.follower_purchase": {"en": "Followers bought", "fr": "Achat de followers"},
    "event.crisis_start": {"en": "Crisis starts", "fr": "Début de la crise"},
    "event.crisis_peak": {"en": "Crisis peak", "fr": "Pic de la crise"},
    "event.strategy_deck": {"en": "Strategy deck", "fr": "Présentation de la stratégie"},
    "target.cm": {"en": "The CM", "fr": "Le CM"},
    "target.brand": {"en": "The brand", "fr": "La marque"},
    "component.non_customer_engagement_share": {
        "en": "Likes + RTs not from customers",
        "fr": "Likes + RT hors clients",
    },
    "component.bought_follower_share": {"en": "Fans that were bought", "fr": "Fans achetés"},
    "component.slow_answer_share": {"en": "No answer within 24 h", "fr": "Sans réponse en 24 h"},
    "component.strategy_gap": {"en": "Strategy not followed", "fr": "Stratégie non suivie"},
    "component.roi_shortfall": {"en": "Budget lost (−ROI)", "fr": "Budget perdu (−ROI)"},
}


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The text of ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Falls back to English when the language lacks the key, and to the key itself when
    no language has it.

    Example:
        >>> t("page.reality", "fr")
        'Retour au réel'
    """
    texts = STRINGS.get(key)
    if texts is None:
        text = key
    else:
        text = texts.get(lang) or texts[DEFAULT_LANG]
    return text.format(**values) if values else text


def name(group: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a category of the data, e.g. ``name("message_kind", "complaint", "fr")``.

    Groups: ``message_kind``, ``source``, ``platform``, ``activity``, ``format``, ``cost``,
    ``event``, ``target``, ``component``. Unknown values (an imported platform, say) are
    shown as they are.
    """
    key = f"{group}.{value}"
    return t(key, lang) if key in STRINGS else str(value)


def names(group: str, values: object, lang: str = DEFAULT_LANG) -> list[str]:
    """:func:`name` over an iterable of values."""
    return [name(group, str(v), lang) for v in values]  # type: ignore[attr-defined]


# --- numbers ---------------------------------------------------------------------------------


def _missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return bool(pd.isna(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _group(text: str, lang: str) -> str:
    """Turn Python's ``1,754.5`` into the language's ``1,754.5`` / ``1 754,5``."""
    if lang == "fr":
        return text.replace(",", NNBSP).replace(".", ",")
    return text


def fmt_int(n: float | int | None, lang: str = DEFAULT_LANG) -> str:
    """A whole number with the language's thousands separator: ``1,754`` / ``1 754`` (U+202F)."""
    if _missing(n):
        return MISSING
    return _group(f"{int(round(float(n))):,}", lang)  # type: ignore[arg-type]


def fmt_float(x: float | None, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A decimal number: ``1,754.5`` / ``1 754,5``."""
    if _missing(x):
        return MISSING
    return _group(f"{float(x):,.{digits}f}", lang)  # type: ignore[arg-type]


def fmt_signed(x: float | None, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """A number with its sign, for deltas: ``+1,026`` / ``+1 026`` (an ASCII ``-`` so widgets colour it red)."""
    if _missing(x):
        return MISSING
    return _group(f"{float(x):+,.{digits}f}", lang)  # type: ignore[arg-type]


def fmt_pct(x: float | None, lang: str = DEFAULT_LANG, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.412 → ``41.2%`` / ``41,2 %`` (U+202F before %)."""
    if _missing(x):
        return MISSING
    sign = "+" if signed else ""
    text = _group(f"{100 * float(x):{sign},.{digits}f}", lang)  # type: ignore[arg-type]
    return f"{text}{NNBSP}%" if lang == "fr" else f"{text}%"


def fmt_eur(x: float | None, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """Euros: ``€4,742`` / ``4 742 €`` (negative: ``-€120`` / ``-120 €``)."""
    if _missing(x):
        return MISSING
    value = float(x)  # type: ignore[arg-type]
    body = _group(f"{abs(value):,.{digits}f}", lang)
    sign = "-" if value < 0 and round(abs(value), digits) != 0 else ""
    return f"{sign}{body}{NNBSP}€" if lang == "fr" else f"{sign}€{body}"


def fmt_duration_minutes(minutes: float | None, lang: str = DEFAULT_LANG) -> str:
    """A wait in minutes, human-sized: ``2 min``, ``2.5 h`` / ``2,5 h``, ``26 h``."""
    if _missing(minutes):
        return MISSING
    m = float(minutes)  # type: ignore[arg-type]
    if m < 1:
        return f"<{NNBSP}1{NNBSP}min"
    if m < 59.5:
        return f"{int(round(m))}{NNBSP}min"
    hours = m / 60
    if hours < 9.95:
        return f"{fmt_float(hours, lang, 1)}{NNBSP}h"
    return f"{fmt_int(hours, lang)}{NNBSP}h"


def fmt_hours(hours: float | None, lang: str = DEFAULT_LANG) -> str:
    """Hours of work: ``41.7 h`` / ``41,7 h``."""
    if _missing(hours):
        return MISSING
    return f"{fmt_float(hours, lang, 1)}{NNBSP}h"


def fmt_month(month: object, lang: str = DEFAULT_LANG) -> str:
    """A month for a title: ``January 2026`` / ``janvier 2026``."""
    ts = pd.Timestamp(month)  # type: ignore[arg-type]
    if lang == "fr":
        return f"{_MONTHS_FR[ts.month - 1]} {ts.year}"
    return ts.strftime("%B %Y")


_MONTHS_FR_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def fmt_month_short(month: object, lang: str = DEFAULT_LANG) -> str:
    """A month for an axis: ``Jan 2026`` / ``janv. 2026``."""
    ts = pd.Timestamp(month)  # type: ignore[arg-type]
    if lang == "fr":
        return f"{_MONTHS_FR_SHORT[ts.month - 1]} {ts.year}"
    return ts.strftime("%b %Y")


def fmt_date(day: object, lang: str = DEFAULT_LANG) -> str:
    """A day: ``2026-01-12`` / ``12/01/2026``."""
    ts = pd.Timestamp(day)  # type: ignore[arg-type]
    return ts.strftime("%d/%m/%Y") if lang == "fr" else ts.strftime("%Y-%m-%d")


def plotly_separators(lang: str = DEFAULT_LANG) -> str:
    """The ``layout.separators`` string plotly needs: decimal mark then thousands separator."""
    return f",{NNBSP}" if lang == "fr" else ".,"


def plotly_date_format(lang: str = DEFAULT_LANG) -> str:
    """d3 date format for hover labels (numeric in French: plotly's month names are English)."""
    return "%d/%m/%Y" if lang == "fr" else "%Y-%m-%d"


def plotly_tick_format(lang: str = DEFAULT_LANG) -> str:
    """d3 date format for the ticks of a daily axis."""
    return "%d/%m" if lang == "fr" else "%b %d"


def check_lang(lang: str) -> str:
    """``lang`` if supported, else :data:`DEFAULT_LANG`."""
    return lang if lang in LANGS else DEFAULT_LANG


def missing_keys(strings: Mapping[str, Mapping[str, str]] = STRINGS) -> dict[str, list[str]]:
    """Keys lacking a non-empty text, per language (what the unit test checks is empty)."""
    return {lang: sorted(k for k, v in strings.items() if not v.get(lang)) for lang in LANGS}


def is_finite(x: object) -> bool:
    """True for a real, finite number (not None, NaN or inf)."""
    try:
        return x is not None and math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
