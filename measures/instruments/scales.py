"""Answer scales and bands shared by more than one questionnaire (the PHQ family)."""

from measures.instruments.declaration import Band, Option, scale

# PHQ-9, PHQ-A and GAD-7: 0 "Not at all" to 3 "Nearly every day".
FREQUENCY = scale("Not at all", "Several days", "More than half the days", "Nearly every day")

# PHQ-9 severity (Kroenke, Spitzer & Williams 2001), also used for the PHQ-A.
PHQ_SEVERITY = (
    Band(0, 4, "Minimal", 0),
    Band(5, 9, "Mild", 1),
    Band(10, 14, "Moderate", 2),
    Band(15, 19, "Moderately severe", 3),
    Band(20, 27, "Severe", 4),
)

YES_NO = (Option("yes", "Yes", None), Option("no", "No", None))

SUICIDE_ITEM_NOTE = "Any answer other than 'Not at all' opens a risk flag on the course."
