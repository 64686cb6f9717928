"""The transcript analysis engine: pure Python, no Django.

Public API::

    from forcereview.engine import analyze_file, analyze_text
    analysis = analyze_file("bodycam.vtt", subject_age=11, location_type="school")
    analysis.to_dict()  # {"risk": {...}, "signals": [...], ...}
"""
