"""The shape of each resource. Every object carries its stable ``id``, its ``slug``
where it has one, and ``url``: the absolute address of its page on the site.

Serialisers only read what the view's query plan loaded (no queries of their own)
and never name a field readers cannot see on the site: no article status or
draft text, no comment e-mails, hashes or moderators, no staff accounts.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor, ActorRelation
from articles.models import Article, Author, Citation, Claim, Event, Publication, Theme


def absolute(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class CanonicalUrlField(serializers.Field):
    """The object's page on the site, as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return absolute(self.context, obj.get_absolute_url())


extend_schema_field({"type": "string", "format": "uri"})(CanonicalUrlField)


class PartialDateField(serializers.Field):
    """A date at its known precision: "2022-01-05", "2022-01" or "2022" (null when unknown)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return obj.date_iso or None


extend_schema_field({"type": "string", "nullable": True, "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})(PartialDateField)


class OptionalUrlField(serializers.Field):
    """A URL editors may leave empty: null rather than an empty string."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


extend_schema_field({"type": "string", "format": "uri", "nullable": True})(OptionalUrlField)


# -- references: a linked object's id, slug, name and page ---------------------------


class ActorRefSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()

    class Meta:
        model = Actor
        fields = ["id", "slug", "name", "kind", "url"]


class AuthorRefSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()

    class Meta:
        model = Author
        fields = ["id", "slug", "name", "url"]


class PublicationRefSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()

    class Meta:
        model = Publication
        fields = ["id", "slug", "name", "url"]


class ThemeRefSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()

    class Meta:
        model = Theme
        fields = ["id", "slug", "name", "url"]


class EventRefSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()

    class Meta:
        model = Event
        fields = ["id", "slug", "title", "url"]


class ArticleRefSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "url"]


class ClaimRefSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()

    class Meta:
        model = Claim
        fields = ["id", "slug", "statement", "url"]


# -- articles -------------------------------------------------------------------------


class MentionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="actor.id")
    slug = serializers.CharField(source="actor.slug")
    name = serializers.CharField(source="actor.name")
    kind = serializers.ChoiceField(source="actor.kind", choices=Actor.Kind.choices)
    url = serializers.SerializerMethodField()
    mentions = serializers.IntegerField(help_text="How often the name or an alias occurs in the text.")

    def get_url(self, mention) -> str:
        return absolute(self.context, mention.actor.get_absolute_url())


class SectionSerializer(serializers.Serializer):
    """One expert's section of a round-up."""

    order = serializers.IntegerField()
    heading = serializers.CharField()
    author = AuthorRefSerializer()
    url = serializers.SerializerMethodField()

    def get_url(self, contribution) -> str:
        return absolute(self.context, f"{contribution.article.get_absolute_url()}#{contribution.anchor}")


class ArticleCitationSerializer(serializers.ModelSerializer):
    claim_id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The cited paragraph on the article page.")

    class Meta:
        model = Citation
        fields = ["id", "claim_id", "stance", "quote", "note", "anchor", "url"]

    def get_url(self, citation) -> str:
        return absolute(self.context, citation.get_absolute_url())


class ArticleSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()
    published_on = PartialDateField()
    publication = PublicationRefSerializer(allow_null=True)
    authors = serializers.SerializerMethodField()
    themes = ThemeRefSerializer(many=True)
    actors = MentionSerializer(source="article_actors", many=True)
    sections = SectionSerializer(source="contributions", many=True)
    citations = ArticleCitationSerializer(many=True)
    events = EventRefSerializer(many=True)
    comment_count = serializers.IntegerField(source="approved_comment_count", help_text="Approved reader comments.")
    original_url = OptionalUrlField(help_text="Where the piece was first published.")

    class Meta:
        model = Article
        fields = [
            "id", "slug", "title", "standfirst", "url", "original_url", "published_on",
            "published_on_precision", "date_note", "editorial_note", "series", "series_number",
            "language", "publication", "authors", "themes", "actors", "sections", "citations",
            "events", "comment_count", "updated_at",
        ]

    @extend_schema_field(AuthorRefSerializer(many=True))
    def get_authors(self, article):
        return AuthorRefSerializer([credit.author for credit in article.article_authors.all()],
                                   many=True, context=self.context).data


# -- claims and citations ---------------------------------------------------------------


class ClaimantSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["actor", "author"])
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()


class StanceCountsSerializer(serializers.Serializer):
    agree = serializers.IntegerField(source="agree_count", help_text="Asserts or supports.")
    report = serializers.IntegerField(source="report_count")
    dispute = serializers.IntegerField(source="dispute_count", help_text="Qualifies or disputes.")


class ClaimSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()
    claimant = serializers.SerializerMethodField()
    made_on = PartialDateField()
    about = ActorRefSerializer(many=True)
    themes = ThemeRefSerializer(many=True)
    verdict = serializers.SerializerMethodField()
    verdict_label = serializers.SerializerMethodField()
    stance_counts = StanceCountsSerializer(source="*")
    cited_in = serializers.IntegerField(help_text="Published articles that cite the claim.")
    passage_count = serializers.IntegerField(help_text="Public citations of the claim.")
    source_url = OptionalUrlField()

    class Meta:
        model = Claim
        fields = [
            "id", "slug", "statement", "url", "claimant", "made_on", "made_on_precision", "about",
            "themes", "source_url", "verdict", "verdict_label", "rationale", "stance_counts",
            "cited_in", "passage_count", "updated_at",
        ]

    @extend_schema_field(ClaimantSerializer(allow_null=True))
    def get_claimant(self, claim):
        who = claim.claimant
        if who is None:
            return None
        return {
            "type": "actor" if claim.claimant_actor_id else "author",
            "id": who.pk,
            "slug": who.slug,
            "name": who.name,
            "url": absolute(self.context, who.get_absolute_url()),
        }

    @extend_schema_field({"type": "string", "nullable": True, "enum": [*Claim.Verdict.values, None]})
    def get_verdict(self, claim):
        return claim.verdict or None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_verdict_label(self, claim):
        return claim.get_verdict_display() if claim.verdict else None


class CitationSerializer(serializers.ModelSerializer):
    claim = ClaimRefSerializer()
    article = ArticleRefSerializer()
    paragraph = serializers.IntegerField(source="position", help_text="Index of the cited paragraph in the text.")
    url = serializers.SerializerMethodField(help_text="The cited paragraph on the article page.")

    class Meta:
        model = Citation
        fields = ["id", "claim", "article", "stance", "quote", "note", "anchor", "paragraph", "url"]

    def get_url(self, citation) -> str:
        return absolute(self.context, citation.get_absolute_url())


# -- actors, themes, events, authors, publications ------------------------------------------


class RelationSerializer(serializers.ModelSerializer):
    object = ActorRefSerializer()
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = ActorRelation
        fields = ["kind", "kind_label", "object", "start_date", "end_date", "ended", "note"]


class ActorSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    relations = RelationSerializer(many=True, help_text="Dated relations in which this actor is the subject.")
    article_count = serializers.IntegerField(help_text="Published articles that mention the actor.")

    class Meta:
        model = Actor
        fields = [
            "id", "slug", "name", "kind", "role", "description", "wikidata_id", "url", "aliases",
            "relations", "article_count", "updated_at",
        ]


class ThemeSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()
    article_count = serializers.IntegerField(help_text="Published articles filed under the theme.")

    class Meta:
        model = Theme
        fields = ["id", "slug", "name", "description", "url", "article_count"]


class EventSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()
    date = serializers.DateField(help_text="For month or year precision, the first day of that period.")
    actors = ActorRefSerializer(many=True)
    themes = ThemeRefSerializer(many=True)
    articles = ArticleRefSerializer(source="published_articles", many=True)

    class Meta:
        model = Event
        fields = ["id", "slug", "title", "date", "date_precision", "description", "url", "actors", "themes",
                  "articles", "updated_at"]


class AuthorSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()
    social = serializers.CharField(source="public_social")
    article_count = serializers.IntegerField(help_text="Published articles on the byline or in a round-up.")

    class Meta:
        model = Author
        fields = ["id", "slug", "name", "affiliation", "bio", "social", "url", "article_count"]


class PublicationSerializer(serializers.ModelSerializer):
    url = CanonicalUrlField()
    site_url = OptionalUrlField(source="url")
    article_count = serializers.IntegerField(help_text="Published articles first published there.")

    class Meta:
        model = Publication
        fields = ["id", "slug", "name", "description", "site_url", "url", "article_count"]


__all__ = [
    "ActorSerializer", "ArticleSerializer", "AuthorSerializer", "CitationSerializer", "ClaimSerializer",
    "EventSerializer", "OpenApiTypes", "PublicationSerializer", "ThemeSerializer",
]
