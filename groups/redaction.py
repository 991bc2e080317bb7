"""What one member's record may show of the rest of the group: first names, nothing more.

The group-level note is written once for everyone. In a member's own record (course page,
PDFs) it is shown through ``redact_for``: any other member's surname, full name or record
number becomes their first name or a placeholder. Other members' entries are never read for
a member's record at all (``groups.records``).
"""

import re
from dataclasses import dataclass

WITHHELD = "[withheld]"


@dataclass(frozen=True)
class OtherMember:
    first_name: str
    given_name: str
    family_name: str
    record_number: str


def _word(text: str) -> str:
    return r"(?<!\w)" + re.escape(text) + r"(?!\w)"


def redact_for(text: str, others: list[OtherMember]) -> str:
    """``text`` with every other member named by first name only.

    Full names ("Given Family", "Preferred Family") become the first name; a surname alone,
    and a record number, become "[withheld]". Matching ignores case; longer names first, so a
    full name is not half-replaced by its surname.
    """
    if not text:
        return text
    replacements: list[tuple[str, str]] = []
    for other in others:
        for first in {other.first_name, other.given_name}:
            if first and other.family_name:
                replacements.append((f"{first} {other.family_name}", other.first_name))
        if other.family_name:
            replacements.append((other.family_name, WITHHELD))
        if other.record_number:
            replacements.append((other.record_number, WITHHELD))
    for found, shown in sorted(replacements, key=lambda pair: -len(pair[0])):
        text = re.sub(_word(found), shown, text, flags=re.IGNORECASE)
    return text
