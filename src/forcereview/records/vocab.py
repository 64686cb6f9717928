"""Fixed vocabularies of the use-of-force record.

Where the FBI National Use-of-Force Data Collection has a value list, our codes map onto it
(``fbi``) so a federal export is a lookup, not a rewrite. Our lists are supersets: the FBI
collects only death, serious bodily injury and firearm discharges, and we record all
reportable force. ``fbi=None`` marks a value outside the federal collection.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    fbi: str | None = None
    level: int = 0  # force types: severity used for sorting and summaries (1 = lowest)


class Vocabulary:
    def __init__(self, name: str, terms: list[Term]):
        self.name = name
        self.terms = tuple(terms)
        self._by_code = {t.code: t for t in terms}
        # For checks that run per value over a whole import.
        self.code_set = frozenset(self._by_code)
        self._codes = tuple(t.code for t in self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.terms)

    @property
    def codes(self) -> tuple[str, ...]:
        return self._codes

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(t.code, t.label) for t in self.terms]

    def label(self, code: str) -> str:
        term = self._by_code.get(code)
        return term.label if term else code

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)


FORCE_TYPES = Vocabulary(
    "force type",
    [
        Term("push_shove", "Push or shove", "hands_fists_feet", 1),
        Term("takedown", "Takedown", "hands_fists_feet", 2),
        Term("control_hold", "Control hold or joint lock", "hands_fists_feet", 2),
        Term("handcuffs", "Handcuffs (resisted)", None, 1),
        Term("hand_strike", "Hand strike", "hands_fists_feet", 3),
        Term("foot_strike", "Foot strike (kick)", "hands_fists_feet", 3),
        Term("knee_strike", "Knee strike", "hands_fists_feet", 3),
        Term("prone_restraint", "Prone restraint (body weight)", "hands_fists_feet", 3),
        Term("neck_restraint", "Neck restraint", "neck_restraint", 5),
        Term("oc_spray", "OC (pepper) spray", "chemical_agent", 3),
        Term("cew_display", "Conducted-energy weapon display", None, 1),
        Term("cew_drive_stun", "Conducted-energy weapon drive-stun", "electronic_control_weapon", 3),
        Term("cew_probe", "Conducted-energy weapon probe deployment", "electronic_control_weapon", 4),
        Term("impact_weapon", "Impact weapon (baton)", "blunt_instrument", 4),
        Term("canine", "Canine", "canine", 4),
        Term("less_lethal_projectile", "Less-lethal projectile", "less_lethal_projectile", 4),
        Term("firearm_pointed", "Firearm pointed at a person", None, 2),
        Term("firearm_discharged", "Firearm discharged", "firearm", 6),
    ],
)

# FBI location types, with the school split out by level since policy treats it separately.
LOCATION_TYPES = Vocabulary(
    "location type",
    [
        Term("street", "Street, road or alley", "street"),
        Term("highway", "Highway", "highway"),
        Term("residence", "Residence or home", "residence"),
        Term("business", "Business or commercial", "commercial"),
        Term("restaurant", "Bar, restaurant or nightclub", "bar_nightclub_restaurant"),
        Term("school", "School (K-12)", "school"),
        Term("college", "College or university", "school_college"),
        Term("park", "Park or playground", "park_playground"),
        Term("parking", "Parking lot or garage", "parking"),
        Term("hospital", "Hospital or medical facility", "medical_facility"),
        Term("jail", "Jail, prison or holding facility", "jail_prison"),
        Term("police_facility", "Police facility", "police_facility"),
        Term("government", "Other government building", "government_public_building"),
        Term("transit", "Public transit", "transit"),
        Term("open_space", "Field, woods or open space", "field_woods"),
        Term("other", "Other", "other"),
        Term("unknown", "Unknown", "unknown"),
    ],
)

CONTACT_REASONS = Vocabulary(
    "reason for initial contact",
    [
        Term("unlawful_activity", "Unlawful or suspicious activity", "unlawful_suspicious_activity"),
        Term("traffic_stop", "Traffic stop", "traffic_stop"),
        Term("warrant_service", "Warrant service or court order", "warrant_court_order"),
        Term("welfare_check", "Medical, mental-health or welfare check", "medical_mental_welfare"),
        Term("routine_patrol", "Routine patrol (not a traffic stop)", "routine_patrol"),
        Term("follow_up", "Follow-up investigation", "follow_up_investigation"),
        Term("school_call", "Call from school staff", "unlawful_suspicious_activity"),
        Term("disturbance", "Disturbance call", "unlawful_suspicious_activity"),
        Term("other", "Other", "other"),
        Term("unknown", "Unknown", "unknown"),
    ],
)

RESISTANCE_TYPES = Vocabulary(
    "resistance",
    [
        Term("none", "No resistance", "none"),
        Term("passive_noncompliance", "Failure to comply with verbal commands / passive resistance", "verbal_passive"),
        Term("pulled_away", "Pulled away or tensed (defensive resistance)", "resisted_handcuffing"),
        Term("resisted_handcuffing", "Resisted handcuffing or arrest", "resisted_handcuffing"),
        Term("fled", "Attempted to escape or flee", "escape_flee"),
        Term("assaulted_officer", "Assaulted an officer (hands, feet, body)", "assault_officer"),
        Term("assaulted_other", "Assaulted another person", "assault_other"),
        Term("displayed_weapon", "Displayed a weapon at an officer or another person", "display_weapon"),
        Term("used_weapon", "Used a weapon other than a firearm", "use_weapon"),
        Term("used_firearm", "Used a firearm against an officer or another person", "use_firearm"),
        Term("vehicle_as_weapon", "Used a vehicle as a weapon", "vehicle"),
    ],
)

INJURY_TYPES = Vocabulary(
    "injury",
    [
        Term("none", "No injury", "none"),
        Term("complaint_of_pain", "Complaint of pain, no visible injury", None),
        Term("abrasion", "Abrasion, scrape or bruise", "minor"),
        Term("laceration", "Laceration", "minor"),
        Term("cew_probe_wound", "Conducted-energy probe wound", "minor"),
        Term("dog_bite", "Dog bite", "minor"),
        Term("broken_bone", "Broken bone", "serious_bodily_injury"),
        Term("internal_injury", "Internal injury", "serious_bodily_injury"),
        Term("gunshot_wound", "Gunshot wound", "serious_bodily_injury"),
        Term("unconscious", "Loss of consciousness", "serious_bodily_injury"),
        Term("other_serious", "Other serious bodily injury", "serious_bodily_injury"),
        Term("death", "Death", "death"),
    ],
)
SERIOUS_INJURIES = frozenset(
    {"broken_bone", "internal_injury", "gunshot_wound", "unconscious", "other_serious", "death"}
)

MEDICAL_TREATMENT = Vocabulary(
    "medical treatment",
    [
        Term("none", "None"),
        Term("refused", "Offered and refused"),
        Term("on_scene", "Treated on scene (EMS or officer first aid)"),
        Term("hospital_treated", "Treated at hospital and released"),
        Term("hospital_admitted", "Admitted to hospital"),
        Term("died", "Died"),
    ],
)

IMPAIRMENTS = Vocabulary(
    "impairment",
    [
        Term("none", "None apparent", "none"),
        Term("alcohol", "Alcohol", "alcohol"),
        Term("drugs", "Drugs", "drugs"),
        Term("mental_health", "Mental-health condition or crisis", "mental_health"),
        Term("developmental", "Developmental or intellectual disability", "other"),
        Term("physical_disability", "Physical disability", "other"),
        Term("unknown", "Unknown", "unknown"),
    ],
)

ARMED = Vocabulary(
    "armed",
    [
        Term("unarmed", "Unarmed", "no"),
        Term("believed_armed", "Believed armed, no weapon found", "believed"),
        Term("firearm", "Firearm", "firearm"),
        Term("knife", "Knife or cutting instrument", "knife"),
        Term("blunt", "Blunt object", "blunt"),
        Term("vehicle", "Vehicle", "vehicle"),
        Term("other_weapon", "Other weapon", "other"),
    ],
)

SEX = Vocabulary(
    "sex",
    [Term("female", "Female", "F"), Term("male", "Male", "M"), Term("unknown", "Unknown", "U")],
)

RACE = Vocabulary(
    "race",
    [
        Term("american_indian", "American Indian or Alaska Native", "I"),
        Term("asian", "Asian", "A"),
        Term("black", "Black or African American", "B"),
        Term("pacific_islander", "Native Hawaiian or Other Pacific Islander", "P"),
        Term("white", "White", "W"),
        Term("unknown", "Unknown", "U"),
    ],
)

ETHNICITY = Vocabulary(
    "ethnicity",
    [
        Term("hispanic", "Hispanic or Latino", "H"),
        Term("not_hispanic", "Not Hispanic or Latino", "N"),
        Term("unknown", "Unknown", "U"),
    ],
)

INVOLVEMENT_ROLES = Vocabulary(
    "officer role",
    [
        Term("primary", "Primary (used force, filed the report)"),
        Term("assisting", "Assisting (used force)"),
        Term("witness", "Witness (present, used no force)"),
    ],
)

# What an officer says justified the force. Compared later with what the recording shows.
CLAIMS = Vocabulary(
    "justification claim",
    [
        Term("subject_assaulted_officer", "Subject assaulted an officer"),
        Term("subject_assaulted_other", "Subject assaulted another person"),
        Term("subject_threatened", "Subject threatened violence"),
        Term("subject_armed", "Subject was armed or believed armed"),
        Term("subject_fled", "Subject fled or attempted to flee"),
        Term("subject_actively_resisted", "Subject actively resisted"),
        Term("subject_passively_resisted", "Subject passively resisted or refused commands"),
        Term("prevent_self_harm", "To prevent harm to the subject"),
        Term("prevent_escape", "To prevent escape from custody"),
        Term("effect_arrest", "To effect a lawful arrest or detention"),
    ],
)

WITNESS_ROLES = Vocabulary(
    "witness role",
    [
        Term("school_staff", "School staff"),
        Term("student", "Student"),
        Term("parent", "Parent or guardian"),
        Term("bystander", "Bystander"),
        Term("medical", "Medical personnel"),
        Term("other_agency", "Other agency staff"),
        Term("other", "Other"),
    ],
)

RANKS = Vocabulary(
    "rank",
    [
        Term("officer", "Officer", level=1),
        Term("corporal", "Corporal", level=2),
        Term("sergeant", "Sergeant", level=3),
        Term("lieutenant", "Lieutenant", level=4),
        Term("captain", "Captain", level=5),
        Term("deputy_chief", "Deputy chief", level=6),
        Term("chief", "Chief", level=7),
    ],
)

ASSIGNMENTS = Vocabulary(
    "assignment",
    [
        Term("patrol", "Patrol"),
        Term("school_resource", "School resource officer"),
        Term("traffic", "Traffic"),
        Term("k9", "Canine"),
        Term("investigations", "Investigations"),
        Term("professional_standards", "Professional standards / internal affairs"),
        Term("training", "Training"),
        Term("command", "Command"),
    ],
)

UNIT_KINDS = Vocabulary(
    "unit kind",
    [
        Term("patrol", "Patrol"),
        Term("school_resource", "School resource"),
        Term("professional_standards", "Professional standards"),
        Term("investigations", "Investigations"),
        Term("support", "Support"),
        Term("command", "Command staff"),
    ],
)

OFFICER_STATUS = Vocabulary(
    "officer status",
    [Term("active", "Active"), Term("leave", "On leave"), Term("separated", "Separated")],
)

INCIDENT_STATUS = Vocabulary(
    "incident status",
    [
        Term("reported", "Reported"),
        Term("under_review", "Under review"),
        Term("referred", "Referred to internal affairs"),
        Term("reviewed", "Review complete"),
        Term("closed", "Closed"),
    ],
)

JUVENILE_MAX_AGE = 17
ADULT_AGE = JUVENILE_MAX_AGE + 1
MAX_AGE = 120
