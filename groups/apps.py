from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "Group IPT"

    def ready(self) -> None:
        from audit import protection, reads
        from groups import models
        from sessions.protection import note_part

        protection.never_deleted(
            models.TherapyGroup, models.Membership, models.GroupSession, models.MemberEntry
        )
        # A member's group-only entry freezes with their signed session note.
        note_part(models.MemberEntry)
        # A group page shows several clients: its views write one audit row per member shown.
        reads.NOT_CLINICAL.add("group_id")
        reads.COMPANIONS["membership_id"] = "group_id"
