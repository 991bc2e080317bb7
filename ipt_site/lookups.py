"""An id out of the database's integer range matches nothing, whichever lookup asks (F6).

Django already treats ``pk=<huge>`` that way (``IntegerFieldExact``: no query, no match), but
``pk__in=[<huge>, ...]`` reached the database driver: SQLite raised ``OverflowError`` and
PostgreSQL an out-of-range error, both a 500. Every ``ModelChoiceField`` and
``ModelMultipleChoiceField`` checks a posted id with ``__in``, so one lookup here makes every
form refuse a hostile id with its ordinary "not one of the choices" message.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
