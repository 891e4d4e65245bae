"""kzportal/migration_operations.py: grouped label changes build the same migration state."""

import pytest
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from kzportal.migration_operations import AlterModelLabels

GROUPED = [
    ("actors", "0006_verbose_names"),
    ("articles", "0016_verbose_names"),
    ("images", "0002_verbose_names"),
    ("newsletter", "0003_verbose_names"),
    ("ratings", "0002_verbose_names"),
]


def _one_by_one(op):
    """The stock operations an AlterModelLabels stands for."""
    if op.options is not None:
        yield migrations.AlterModelOptions(name=op.model_name, options=op.options)
    for name, field in op.fields:
        yield migrations.AlterField(model_name=op.model_name, name=name, field=field)


def _snapshot(state, app_label):
    return {
        key: (sorted(model.options.items(), key=repr), [(n, f.deconstruct()) for n, f in model.fields.items()])
        for key, model in state.models.items()
        if key[0] == app_label
    }


@pytest.mark.parametrize("app_label,name", GROUPED)
def test_grouped_label_changes_leave_the_same_state_as_one_operation_per_label(app_label, name):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    key = (app_label, name)
    before = loader.project_state([parent.key for parent in loader.graph.node_map[key].parents])
    grouped, stock = before.clone(), before.clone()
    operations = loader.get_migration(*key).operations
    assert operations and all(isinstance(op, AlterModelLabels) for op in operations)
    for op in operations:
        op.state_forwards(app_label, grouped)
        for stock_op in _one_by_one(op):
            stock_op.state_forwards(app_label, stock)

    assert _snapshot(grouped, app_label) == _snapshot(stock, app_label)
    assert _snapshot(grouped, app_label) != _snapshot(before, app_label)  # labels did change
    # The rendered models agree too: a relation's label reaches the model classes.
    for model_key in (k for k in grouped.models if k[0] == app_label):
        g = grouped.apps.get_model(*model_key)._meta
        s = stock.apps.get_model(*model_key)._meta
        assert [(f.name, str(f.verbose_name)) for f in g.get_fields() if hasattr(f, "verbose_name")] == [
            (f.name, str(f.verbose_name)) for f in s.get_fields() if hasattr(f, "verbose_name")
        ]
        assert str(g.verbose_name_plural) == str(s.verbose_name_plural)


def test_a_migration_holding_relations_and_options_still_migrates_backwards_and_forwards(transactional_db):
    from django.core.management import call_command

    call_command("migrate", "ratings", "0001", verbosity=0)
    call_command("migrate", "ratings", verbosity=0)
    from django.apps import apps

    assert str(apps.get_model("ratings", "Vote")._meta.get_field("score").verbose_name) == "score"
