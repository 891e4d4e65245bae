"""Migration operations of our own.

``AlterModelLabels`` exists for speed. Django's ``AlterField`` and
``AlterModelOptions`` re-render their model (and, for relations, the models around
it) once per operation. The verbose-name migrations change about 330 labels, and
that re-rendering took 9 of the 20 seconds a fresh ``migrate`` needed, paid again
by every test worker. This operation applies one model's label changes to the
migration state together and re-renders once. The state it builds is exactly the
one the separate operations built, so ``makemigrations`` sees no difference. The
database is handed each field pair like ``AlterField`` would; the schema editor
skips pairs that differ only in attributes the database never sees
(``verbose_name``, ``help_text``, ``choices``...).
"""

from django.db.migrations.operations.base import Operation
from django.db.migrations.operations.models import AlterModelOptions
from django.db.migrations.utils import field_is_referenced


class AlterModelLabels(Operation):
    """``AlterModelOptions`` plus ``AlterField`` for any of one model's fields, with
    one re-render of the model instead of one per operation."""

    def __init__(self, model_name, options=None, fields=()):
        self.model_name = model_name
        self.options = options
        self.fields = list(fields)

    def deconstruct(self):
        kwargs = {"model_name": self.model_name}
        if self.options is not None:
            kwargs["options"] = self.options
        if self.fields:
            kwargs["fields"] = self.fields
        return (self.__class__.__qualname__, [], kwargs)

    def state_forwards(self, app_label, state):
        model_key = app_label, self.model_name.lower()
        model_state = state.models[model_key]
        if self.options is not None:  # as ProjectState.alter_model_options
            kept = {k: v for k, v in model_state.options.items() if k not in AlterModelOptions.ALTER_OPTION_KEYS}
            model_state.options = {**kept, **self.options}
        fields = model_state.fields
        delay = True
        for name, field in self.fields:  # as ProjectState.alter_field, minus its reload
            if state._relations is not None:
                old_field = fields.pop(name)
                if old_field.is_relation:
                    state.resolve_model_field_relations(model_key, name, old_field)
                fields[name] = field
                if field.is_relation:
                    state.resolve_model_field_relations(model_key, name, field)
            else:
                fields[name] = field
            delay = delay and not field.is_relation and not field_is_referenced(state, model_key, (name, field))
        state.reload_model(*model_key, delay=delay)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not self.fields:
            return
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            for name, _ in self.fields:
                schema_editor.alter_field(
                    from_model, from_model._meta.get_field(name), to_model._meta.get_field(name)
                )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Alter the labels of {self.model_name} and {len(self.fields)} of its fields"

    @property
    def migration_name_fragment(self):
        return f"alter_{self.model_name.lower()}_labels"
