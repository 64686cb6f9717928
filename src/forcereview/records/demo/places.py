"""Where things happen in Mesa Verde, New Mexico (a fictional city)."""

from __future__ import annotations

import random
from dataclasses import dataclass

CENTER = (36.7281, -108.2187)

STREETS = (
    "Main St", "Broadway Ave", "Apache St", "Navajo St", "Aztec Blvd", "Butler Ave", "Camino Real",
    "Pinon Hills Blvd", "Mesa Verde Ave", "Cortez Way", "Animas St", "Orchard Ave", "Sunset Dr",
    "College Blvd", "Hutton Ave", "Pinon St", "Cottonwood Ln", "Arroyo Dr", "Foothills Dr",
    "Chaco Ave", "Glade Rd", "Sandstone Dr", "Bluff View Rd", "Juniper Ln", "Rio Vista Way",
)
HIGHWAYS = ("US 64", "US 550", "NM 516", "NM 371", "NM 170")


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    level: str = ""  # schools: elementary, middle, high


def _p(name: str, dlat: float, dlon: float, level: str = "") -> Place:
    return Place(name, round(CENTER[0] + dlat, 6), round(CENTER[1] + dlon, 6), level)


SCHOOLS = (
    _p("Mesa Verde Middle School, 3001 Sandstone Dr", 0.012, -0.021, "middle"),
    _p("Animas Middle School, 701 Animas St", -0.008, 0.015, "middle"),
    _p("Mesa Verde High School, 1900 College Blvd", 0.019, 0.004, "high"),
    _p("Rio Vista High School, 455 Rio Vista Way", -0.021, -0.012, "high"),
    _p("Cottonwood Elementary School, 1210 Cottonwood Ln", 0.004, 0.027, "elementary"),
    _p("Sunset Elementary School, 820 Sunset Dr", -0.015, -0.030, "elementary"),
)
BUSINESSES = (
    _p("Sun Country Market, 2150 E Main St", 0.002, 0.031),
    _p("Four Corners Pawn & Loan, 415 W Broadway Ave", -0.003, -0.009),
    _p("Westside Shopping Center, 3600 W Main St", 0.001, -0.044),
    _p("Animas Valley Mall, 4601 E Main St", 0.006, 0.052),
    _p("Route 66 Travel Center, 6200 US 64", -0.030, 0.070),
    _p("Desert Sky Motel, 1003 E Broadway Ave", -0.004, 0.012),
    _p("Pinon Hills Gas & Go, 2895 Pinon Hills Blvd", 0.025, 0.018),
    _p("Valley Discount Liquors, 1300 W Apache St", -0.010, -0.017),
    _p("Home Supply Warehouse, 5010 E Main St", 0.005, 0.058),
)
RESTAURANTS = (
    _p("Blue Mesa Bar & Grill, 120 W Main St", 0.000, -0.003),
    _p("The Copper Rail Saloon, 305 E Broadway Ave", -0.002, 0.004),
    _p("Rio Grande Cantina, 2210 E Main St", 0.002, 0.033),
    _p("Desert Rose Nightclub, 910 N Butler Ave", 0.014, 0.008),
    _p("Frontier Diner, 1501 W Apache St", -0.009, -0.020),
)
PARKS = (
    _p("Cottonwood Park, 901 Animas St", -0.012, 0.010),
    _p("Juniper Hills Park, Pinon Hills Blvd", 0.035, 0.010),
    _p("Sandstone Park, 1501 N Chaco Ave", 0.016, -0.006),
    _p("Rio Vista river trail at Orchard Ave", -0.014, 0.002),
)
PARKING = (
    _p("Animas Valley Mall parking lot, 4601 E Main St", 0.007, 0.051),
    _p("Westside Shopping Center parking lot, 3600 W Main St", 0.002, -0.045),
    _p("Civic Center parking garage, 200 W Arrington St", 0.003, -0.002),
)
HOSPITALS = (_p("Mesa Verde Regional Medical Center, 801 W Maple St", 0.008, -0.011),)
JAILS = (_p("Mesa Verde County Detention Center, booking area, 871 Andrea Dr", -0.040, -0.060),)
POLICE = (_p("Mesa Verde Police Department, 900 N Municipal Dr, sally port", 0.010, -0.004),)
GOVERNMENT = (
    _p("Mesa Verde Public Library, 2101 Library Ln", 0.011, 0.006),
    _p("Mesa Verde Municipal Court, 901 Fairgrounds Rd", 0.009, -0.016),
)
TRANSIT = (_p("Mesa Verde Transit Center, 3000 E Main St", 0.003, 0.040),)
COLLEGES = (_p("Mesa Verde Community College, 4601 College Blvd", 0.028, 0.012),)
OPEN_SPACE = (
    _p("arroyo behind the 3100 block of Foothills Dr", 0.030, -0.025),
    _p("Glade Run open space off Glade Rd", 0.045, 0.005),
    _p("river bosque south of Animas St", -0.018, 0.006),
)

NAMED = {
    "school": SCHOOLS,
    "business": BUSINESSES,
    "restaurant": RESTAURANTS,
    "park": PARKS,
    "parking": PARKING,
    "hospital": HOSPITALS,
    "jail": JAILS,
    "police_facility": POLICE,
    "government": GOVERNMENT,
    "transit": TRANSIT,
    "college": COLLEGES,
    "open_space": OPEN_SPACE,
}


def _near(rng: random.Random, spread: float = 0.04) -> tuple[float, float]:
    return (round(CENTER[0] + rng.uniform(-spread, spread), 6), round(CENTER[1] + rng.uniform(-spread * 1.5, spread * 1.5), 6))


def place_for(rng: random.Random, location_type: str, *, school_level: str | None = None) -> Place:
    """A plausible place of ``location_type``."""
    if location_type == "school":
        schools = [s for s in SCHOOLS if school_level is None or s.level == school_level] or list(SCHOOLS)
        return rng.choice(schools)
    if location_type in NAMED:
        return rng.choice(NAMED[location_type])
    lat, lon = _near(rng)
    if location_type == "residence":
        number = rng.randrange(100, 5200, 2) + rng.randint(0, 1)
        unit = f", Apt {rng.randint(1, 40)}" if rng.random() < 0.3 else ""
        return Place(f"{number} {rng.choice(STREETS)}{unit}", lat, lon)
    if location_type == "highway":
        return Place(f"{rng.choice(HIGHWAYS)} near mile marker {rng.randint(2, 180)}", lat, lon)
    a, b = rng.sample(STREETS, 2)
    if rng.random() < 0.5:
        return Place(f"{a} and {b}", lat, lon)
    return Place(f"{rng.randrange(1, 40) * 100} block of {a}", lat, lon)
