"""The detector registry: versioned name -> detector. Explicit on purpose (no import-time
discovery): what runs is what is listed here.

To add a detector, write a callable ``detect(transcript, context) -> Iterable[Signal]`` (see
``base.py``) in a module of this package (or anywhere importable) and add one line below.
Change a detector's behaviour -> bump its version (``.v2``) so stored results stay explainable.
"""

from __future__ import annotations

from .annotations import AnnotationDetector
from .base import AudioDetector, Detector, PhraseDetector

REGISTRY: dict[str, Detector] = {
    "force_command.v1": PhraseDetector("force_command.v1", "force_command", repeat_window=True),
    "subject_distress.v1": PhraseDetector("subject_distress.v1", "subject_distress"),
    "medical_distress.v1": PhraseDetector("medical_distress.v1", "medical_distress"),
    "bystander_objection.v1": PhraseDetector("bystander_objection.v1", "bystander_objection"),
    "officer_escalation.v1": PhraseDetector("officer_escalation.v1", "officer_escalation"),
    "weapon_mention.v1": PhraseDetector("weapon_mention.v1", "weapon_mention"),
    "vulnerable_subject.v1": PhraseDetector("vulnerable_subject.v1", "vulnerable_subject"),
    "subject_aggression.v1": PhraseDetector("subject_aggression.v1", "subject_aggression"),
    "deescalation.v1": PhraseDetector("deescalation.v1", "deescalation"),
    "annotations.v1": AnnotationDetector("annotations.v1"),
    "shouting.v1": AudioDetector("forcereview.engine.audio.shouting", "detect"),  # officers' loudness
}

__all__ = ["REGISTRY", "AudioDetector", "Detector", "PhraseDetector", "AnnotationDetector"]
