from django.apps import AppConfig

# A group session's columns a signature does not freeze: its row id and edit bookkeeping.
GROUP_NOTE_LATER_LIFE = {"id", "status", "updated_at", "version"}


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "Group IPT"

    def ready(self) -> None:
        from audit import protection, reads, signed_rows
        from cases import ports
        from groups import models
        from sessions.protection import note_part

        protection.never_deleted(
            models.TherapyGroup, models.Membership, models.GroupSession, models.MemberEntry
        )
        # A member's group-only entry freezes with their signed session note.
        note_part(models.MemberEntry)
        # The signed group-level note, and every member entry of a signed group session, are
        # frozen by the database too (not only by groups.services).
        frozen = tuple(
            field.column
            for field in models.GroupSession._meta.concrete_fields
            if field.column not in GROUP_NOTE_LATER_LIFE
        )
        signed_rows.signed_row(
            signed_rows.SignedRowRule(
                table=models.GroupSession._meta.db_table,
                frozen_columns=frozen,
                message="A signed group session note cannot be changed",
                parts=((models.MemberEntry._meta.db_table, "group_session_id"),),
            )
        )
        # The co-facilitator (and their supervisor) see the members' own courses, through
        # Course.objects.visible_to, though the lead facilitator is the members' therapist.
        ports.register_course_sharing(models.shared_member_courses)
        # A group page shows several clients: its views write one audit row per member shown.
        reads.NOT_CLINICAL.add("group_id")
        reads.COMPANIONS["membership_id"] = "group_id"
