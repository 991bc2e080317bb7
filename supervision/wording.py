"""Session numbers and counts turned into readable sentences, for the fidelity items and traps."""


def numbers(rows: list[dict]) -> str:
    """'session 6', 'sessions 6 and 8', 'sessions 4, 6 and 8'."""
    labels = [str(row["number"]) for row in sorted(rows, key=lambda row: row["number"])]
    if len(labels) == 1:
        return f"session {labels[0]}"
    return f"sessions {', '.join(labels[:-1])} and {labels[-1]}"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def listed(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def span(span: tuple[int, int] | None) -> str:
    if span is None:
        return "none in a course this short"
    first, last = span
    return f"sessions {first}-{last}" if last != first else f"session {first}"
