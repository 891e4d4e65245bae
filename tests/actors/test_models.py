import datetime

import pytest
from django.core.exceptions import ValidationError

from actors.models import ActorRelation
from tests.support.factories import ActorAliasFactory, ActorFactory, ActorRelationFactory

pytestmark = pytest.mark.django_db


def test_names_include_every_alias():
    russia = ActorFactory(name="Russia")
    ActorAliasFactory(actor=russia, name="Moscow")
    ActorAliasFactory(actor=russia, name="the Kremlin")
    assert sorted(russia.names()) == ["Moscow", "Russia", "the Kremlin"]


def test_an_actor_cannot_be_related_to_itself():
    actor = ActorFactory()
    relation = ActorRelation(subject=actor, object=actor, kind=ActorRelation.Kind.MEMBER_OF)
    with pytest.raises(ValidationError, match="itself"):
        relation.full_clean()


def test_a_relation_cannot_end_before_it_starts():
    relation = ActorRelationFactory.build(
        subject=ActorFactory(),
        object=ActorFactory(),
        start_date=datetime.date(2022, 1, 6),
        end_date=datetime.date(2022, 1, 1),
    )
    with pytest.raises(ValidationError, match="before the start"):
        relation.full_clean()


def test_wikidata_id_must_look_like_one():
    actor = ActorFactory.build(wikidata_id="kazakhstan")
    with pytest.raises(ValidationError, match="Q232"):
        actor.full_clean()


def test_actors_app_never_imports_articles():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "actors"
    offenders = [
        str(path)
        for path in root.rglob("*.py")
        if "articles" in "\n".join(
            line for line in path.read_text().splitlines() if line.lstrip().startswith(("import", "from"))
        )
    ]
    assert offenders == []


def test_a_relation_with_an_end_date_has_ended():
    relation = ActorRelationFactory(end_date=datetime.date(2022, 1, 5))
    assert relation.ended and not relation.is_current


def test_a_relation_can_have_ended_without_a_known_end_date():
    relation = ActorRelationFactory(ended=True)
    assert relation.end_date is None and not relation.is_current
