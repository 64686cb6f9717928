"""Name pools for the demo agency and the people its officers meet.

The mix follows northwest New Mexico: many Hispano and Navajo family names alongside
Anglo ones. Every name is drawn by the generator's own ``random.Random``.
"""

from __future__ import annotations

import random

MALE_FIRST = (
    "Adrian", "Alejandro", "Andrew", "Anthony", "Benjamin", "Brandon", "Carlos", "Christopher",
    "Cody", "Daniel", "David", "Diego", "Dominic", "Eric", "Esteban", "Gabriel", "Isaac", "Jacob",
    "Jared", "Javier", "Jeremy", "Joaquin", "Joel", "Jonathan", "Joseph", "Joshua", "Juan", "Justin",
    "Kyle", "Leonard", "Lorenzo", "Lucas", "Manuel", "Marcus", "Mateo", "Michael", "Nathan",
    "Nicholas", "Orlando", "Patrick", "Ramon", "Ricardo", "Robert", "Ruben", "Ryan", "Samuel",
    "Shane", "Steven", "Thomas", "Timothy", "Tyler", "Victor", "Wesley", "Zachary",
)
FEMALE_FIRST = (
    "Adriana", "Alicia", "Amanda", "Angela", "Brianna", "Carmen", "Cassandra", "Christina",
    "Crystal", "Danielle", "Elena", "Erica", "Felicia", "Gabriela", "Isabel", "Jacqueline",
    "Jasmine", "Jennifer", "Jessica", "Josephine", "Karina", "Kayla", "Laura", "Leticia", "Lisa",
    "Lorraine", "Marisol", "Megan", "Melissa", "Monica", "Natalie", "Priscilla", "Rachel",
    "Rebecca", "Rosa", "Samantha", "Sarah", "Savannah", "Sierra", "Stephanie", "Tanya", "Teresa",
    "Valerie", "Vanessa", "Veronica", "Yvonne",
)
HISPANIC_LAST = (
    "Archuleta", "Baca", "Candelaria", "Chavez", "Cordova", "Duran", "Esquibel", "Gallegos",
    "Garcia", "Gonzales", "Griego", "Herrera", "Jaramillo", "Lucero", "Madrid", "Maestas",
    "Manzanares", "Martinez", "Medina", "Montoya", "Ortega", "Ortiz", "Padilla", "Quintana",
    "Romero", "Salazar", "Sanchez", "Sandoval", "Serna", "Tafoya", "Trujillo", "Valdez", "Vigil",
)
NAVAJO_LAST = (
    "Begay", "Benally", "Bitsui", "Charley", "Etsitty", "Harvey", "Jim", "Joe", "Nez", "Tsosie",
    "Tso", "Yazzie", "Yellowhair", "Manygoats", "Largo",
)
ANGLO_LAST = (
    "Anderson", "Bennett", "Brooks", "Carter", "Cooper", "Davis", "Fischer", "Foster", "Graham",
    "Harris", "Hayes", "Holt", "Hughes", "Johnson", "Keller", "Lawson", "Miller", "Morgan",
    "Parker", "Reed", "Russell", "Sullivan", "Thompson", "Turner", "Walker", "Warren", "Wheeler",
)
ASIAN_LAST = ("Nguyen", "Tran", "Kim", "Patel")
BLACK_LAST = ("Washington", "Jackson", "Robinson", "Coleman", "Jefferson")

# Race and ethnicity shares for subjects, roughly the county's population.
# (race, ethnicity, surname pool, weight)
HERITAGE = (
    ("white", "hispanic", HISPANIC_LAST, 40),
    ("unknown", "hispanic", HISPANIC_LAST, 8),
    ("white", "not_hispanic", ANGLO_LAST, 30),
    ("american_indian", "not_hispanic", NAVAJO_LAST, 16),
    ("black", "not_hispanic", BLACK_LAST + ANGLO_LAST, 4),
    ("asian", "not_hispanic", ASIAN_LAST, 1),
    ("unknown", "unknown", HISPANIC_LAST + ANGLO_LAST, 1),
)


def pick_weighted(rng: random.Random, options):
    """``options`` is a sequence of (value, weight)."""
    values = [v for v, _ in options]
    weights = [w for _, w in options]
    return rng.choices(values, weights=weights, k=1)[0]


def first_name(rng: random.Random, sex: str) -> str:
    if sex == "female":
        return rng.choice(FEMALE_FIRST)
    if sex == "male":
        return rng.choice(MALE_FIRST)
    return rng.choice(MALE_FIRST + FEMALE_FIRST)


def heritage(rng: random.Random) -> tuple[str, str, tuple[str, ...]]:
    race, ethnicity, pool, _ = rng.choices(HERITAGE, weights=[h[3] for h in HERITAGE], k=1)[0]
    return race, ethnicity, pool


def person(rng: random.Random, sex: str) -> tuple[str, str, str, str]:
    """(first name, last name, race, ethnicity)."""
    race, ethnicity, pool = heritage(rng)
    return first_name(rng, sex), rng.choice(pool), race, ethnicity
