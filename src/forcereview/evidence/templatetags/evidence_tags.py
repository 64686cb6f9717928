from django import template

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """Seconds as h:mm:ss or m:ss; a dash when unknown."""
    if seconds is None or seconds == "":
        return "—"
    total = int(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def humanize_category(category: str) -> str:
    return (category or "").replace("_", " ")
