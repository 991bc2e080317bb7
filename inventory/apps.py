from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = "Interpersonal inventory and timeline"

    def ready(self) -> None:
        from audit import reads

        reads.register("person_id", "inventory.Person", "course__client_id")

        from audit import protection
        from inventory.models import Formulation, Person

        protection.never_deleted(Formulation, Person)
