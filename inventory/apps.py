from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = "Interpersonal inventory and timeline"

    def ready(self) -> None:
        from audit import reads

        reads.register("person_id", "inventory.Person", "course__client_id")

        from audit import protection
        from inventory.models import Formulation, FormulationConfirmation, Person

        protection.never_deleted(Formulation, Person)
        protection.append_only(
            FormulationConfirmation, "A formulation's confirmation is never changed or removed"
        )
