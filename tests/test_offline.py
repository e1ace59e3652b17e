"""The offline extractor: one row per pattern, the claims the seeds' acceptance needs, exact offsets, determinism."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.offline import EXTRACTOR_VERSION, date_line, extract
from checker.schema.v1 import GroundedClaim

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _field(claim: Any, key: str) -> Any:
    if key == "event_type":
        return claim.event.type if claim.event is not None else None
    if key == "participants":
        return claim.event.participants if claim.event is not None else None
    if key == "attribution":
        a = claim.attribution
        return f"{a.source_type}:{a.name}" if a.name else a.source_type
    return getattr(claim, key)


def _find(claims: list[GroundedClaim], kind: str, **fields: Any) -> list[GroundedClaim]:
    return [g for g in claims if g.claim.kind == kind and all(_field(g.claim, k) == v for k, v in fields.items())]


# --- one row per pattern -----------------------------------------------------------------------------------------

ROWS: list[tuple[str, str, dict[str, Any]]] = [
    # event times
    (
        "Russian President Vladimir Putin and US President Donald Trump held a phone conversation on Thursday.",
        "event_time",
        {"weekday": "Thursday", "event_type": "phone call", "participants": ["Donald Trump", "Vladimir Putin"]},
    ),
    (
        "President Donald Trump spoke to Russian President Vladimir Putin. On Wednesday morning, Trump and Putin "
        "engaged in a lengthy conversation.",
        "event_time",
        {"weekday": "Wednesday", "time_of_day": "morning", "as_written": "On Wednesday morning"},
    ),
    ("The trial began on Monday, Feb. 3, in Denver.", "event_time", {"weekday": "Monday", "date": "Feb. 3"}),
    ("Sentencing is scheduled for March 14.", "event_time", {"date": "March 14", "modality": "planned"}),
    (
        "The two foreign ministers met on Tuesday in Riyadh.",
        "event_time",
        {"weekday": "Tuesday", "event_type": "meeting"},
    ),
    # stages of the story's event: their own type, no participants, never the main event
    (
        "Inspectors from the Carling Road depot shut it down on Monday after tests found bacteria.",
        "event_time",
        {"weekday": "Monday", "event_type": "shutdown", "participants": []},
    ),
    (
        "The first case was reported to the health unit on July 29, the health unit said.",
        "event_time",
        {"date": "July 29", "event_type": "first case", "participants": []},
    ),
    ("In the first round on March 1, Varga finished first.", "event_time", {"event_type": "first round"}),
    # another race the article names by a different office keeps its own date
    (
        "Varga won the mayoral runoff on Sunday. Her party won 14 seats in the council elections held on March 1.",
        "event_time",
        {"date": "March 1", "event_type": "council election"},
    ),
    (
        "Varga won the runoff on Sunday, unlike in previous municipal elections. "
        "Her party won seats in the council elections held on March 1.",
        "event_time",
        {"date": "March 1", "event_type": "council election"},
    ),
    (
        "Varga won the mayoral runoff on Sunday. The mayoral race was close.",
        "event_time",
        {"weekday": "Sunday", "event_type": "election"},
    ),
    # clock times: zones, conversions, an event noun between, game clocks
    (
        "The county ordered the evacuation of Cedar Hollow at 4:30 p.m., officials said.",
        "event_time",
        {"event_type": "evacuation", "time_of_day": "4:30 p.m.", "as_written": "at 4:30 p.m."},
    ),
    ("The fire was first reported at 2140 GMT near Harlow Road.", "event_time", {"as_written": "at 2140 GMT"}),
    (
        "Conditions were close to ideal for the 7:30 a.m. start (1030 GMT) of the race.",
        "event_time",
        {"event_type": "start", "as_written": "7:30 a.m. start (1030 GMT)"},
    ),
    (
        "The earthquake struck at 14:05 GMT (10:05 a.m. EDT) near the coast.",
        "event_time",
        {"event_type": "earthquake", "as_written": "at 14:05 GMT (10:05 a.m. EDT)"},
    ),
    ("The explosion happened shortly after 9.30pm local time.", "event_time", {"time_of_day": "9.30pm local time"}),
    (
        "Succop kicked a 47-yard field goal with 10:03 to play in the third quarter.",
        "event_time",
        {"event_type": "field goal", "as_written": "10:03 to play in the third quarter"},
    ),
    (
        "Chief Returning Officer Gareth Penhallow declared the result shortly after 11pm in the chamber.",
        "event_time",
        {"event_type": "declaration", "as_written": "shortly after 11pm"},
    ),
    ("The committee meets again on May 21.", "event_time", {"date": "May 21", "modality": "planned"}),
    (
        "Under the deal announced Monday, Corvane will pay $38.50 a share.",
        "event_time",
        {"weekday": "Monday", "modality": "happened", "event_type": "deal"},
    ),
    # a period of a game, for the play the sentence names
    (
        "Quinn's second interception of the game came at a crucial point in the 4th quarter.",
        "event_time",
        {"event_type": "interception", "as_written": "in the 4th quarter", "participants": []},
    ),
    (
        "The Chiefs threatened later in the third quarter, but Quinn was picked off by Vontae Davis.",
        "event_time",
        {"event_type": "interception", "as_written": "later in the third quarter"},
    ),
    # a weekday with no event noun of its own is the main event's in the lede
    (
        "Two people were killed on Monday when a gunman opened fire at an office, police said. The shooting "
        "shocked the suburb.",
        "event_time",
        {"weekday": "Monday", "event_type": "shooting"},
    ),
    # a weekday's possessive is the day of the event noun it is said of
    (
        "The co-op had not shut off power before the fire, despite Monday's red-flag warning, a spokesman said.",
        "event_time",
        {"weekday": "Monday", "event_type": "warning"},
    ),
    ("Next Sunday, the Houston Texans come to town for the game.", "event_time", {"modality": "planned"}),
    # a month alone, after in/for/until/since, for the event noun nearest it
    (
        "Production is scheduled to begin in June, with first customer deliveries in September.",
        "event_time",
        {"event_type": "deliveries", "date": "September", "modality": "planned"},
    ),
    (
        "Production is scheduled to begin in June, with first customer deliveries in September.",
        "event_time",
        {"event_type": "production", "date": "June"},
    ),
    (
        "First customer deliveries are planned for October.",
        "event_time",
        {"event_type": "deliveries", "as_written": "for October", "modality": "planned"},
    ),
    # a date with a year of its own, none of the story's, is an earlier event's
    (
        "The quake struck on Sunday. A 6.7-strength quake killed more than 26,000 people in Bam in December 2003.",
        "event_time",
        {"date": "December 2003", "event_type": "earthquake (2003)"},
    ),
    # an accident is named by its type alone: its operator, train and place vary from article to article
    (
        "A Northline Rail train derailed near Marrow Creek on Tuesday morning.",
        "event_time",
        {"event_type": "derailment", "participants": []},
    ),
    # an earlier event given as context is its own event, dated in its type
    (
        "The derailment is the deadliest since the 2021 Redfern Lake derailment in Manitoba, which killed 11 people.",
        "quantity",
        {"amount": "11", "event_type": "derailment (2021)", "participants": []},
    ),
    (
        "In February, a gunman killed five people at a shopping mall. A gunman opened fire in the office shooting.",
        "quantity",
        {"amount": "five", "event_type": "shooting (February)"},
    ),
    (
        "Two people died in the fire, the deadliest since the Wolf Gulch Fire of 2020, which killed five people.",
        "quantity",
        {"amount": "Two", "event_type": "fire"},
    ),
    (
        "The 2012 Port Cairn outbreak, which killed four people, led to a review of hospital water systems.",
        "quantity",
        {"amount": "four", "event_type": "outbreak (2012)"},
    ),
    (
        "The fire is the deadliest in decades. In 2023 it bought Halvorsen Rail, a deal that took 11 months to clear.",
        "duration",
        {"amount": "11 months", "event_type": "deal (2023)"},
    ),
    # durations
    ("The company is offering an eight-year battery warranty.", "duration", {"amount": "eight-year"}),
    (
        "The marches came amid a 24-hour nationwide general strike that grounded all flights.",
        "duration",
        {"amount": "24-hour", "event_type": "strike"},
    ),
    ("The leaders used their 90-minute phone call to talk.", "duration", {"amount": "90-minute", "hedge": None}),
    (
        "The Kremlin confirmed that the call lasted approximately one and a half hours.",
        "duration",
        {"amount": "one and a half hours", "hedge": "approximately", "attribution": "organisation:The Kremlin"},
    ),
    ("Following an hour and a half call, both leaders spoke.", "duration", {"amount": "an hour and a half"}),
    ("The hearing went on for nearly six hours.", "duration", {"amount": "six hours", "hedge": "nearly"}),
    ("The war in Ukraine enters its third year.", "duration", {"amount": "its third year", "event_type": "war"}),
    ("They held a lengthy phone call.", "duration", {"amount": "lengthy", "event_type": "phone call"}),
    # quantities
    (
        "The conflict, which has claimed tens of thousands of lives and displaced millions, goes on.",
        "quantity",
        {"measure": "deaths", "amount": "tens of thousands", "attribution": "outlet"},
    ),
    (
        "The conflict, which has claimed tens of thousands of lives and displaced millions, goes on.",
        "quantity",
        {"measure": "displaced people", "amount": "millions"},
    ),
    (
        "At least 12 people were killed in the storm.",
        "quantity",
        {"measure": "deaths", "amount": "12", "hedge": "At least"},
    ),
    (
        "Police said 27 people were injured in the crash.",
        "quantity",
        {"measure": "injured", "attribution": "organisation:Police"},
    ),
    ("The company employs roughly 15,000 people.", "quantity", {"measure": "employees", "hedge": "roughly"}),
    ("Northwind will cut 1,200 jobs.", "quantity", {"measure": "jobs", "amount": "1,200"}),
    ("Alvarez won 54% of the vote.", "quantity", {"measure": "share of the vote", "amount": "54%"}),
    ("The unemployment rate rose to 4.1 percent.", "quantity", {"measure": "unemployment rate", "unit": "percent"}),
    ("Prosecutors said Hale accepted $205,000 in bribes.", "quantity", {"measure": "bribes", "unit": "dollars"}),
    ("The storm dropped more than 8 inches of rain.", "quantity", {"measure": "rainfall", "hedge": "more than"}),
    ("Rovers beat City 3-1 on Saturday.", "quantity", {"measure": "score", "amount": "3-1"}),
    (
        "Official figures place the toll in the hundreds of thousands.",
        "quantity",
        {"measure": "deaths", "amount": "hundreds of thousands", "attribution": "document:Official figures"},
    ),
    # roles
    (
        "Secretary of State Marco Rubio flew to Munich.",
        "role",
        {"person": "Marco Rubio", "title": "Secretary of State"},
    ),
    (
        "Marco Rubio, the secretary of state, flew to Munich.",
        "role",
        {"person": "Marco Rubio", "title": "secretary of state", "status": "current"},
    ),
    ("Former President Donald Trump spoke.", "role", {"person": "Donald Trump", "status": "former"}),
    (
        "Russian President Vladimir Putin spoke.",
        "role",
        {"person": "Vladimir Putin", "title": "Russian President", "organisation": "Russia", "status": "current"},
    ),
    ("CIA Director John Ratcliffe spoke.", "role", {"person": "John Ratcliffe", "organisation": "CIA"}),
    ("Acting Director Lisa Monroe resigned.", "role", {"person": "Lisa Monroe", "status": "acting"}),
    ("Kremlin spokesperson Dmitry Peskov declined to comment.", "role", {"title": "Kremlin spokesperson"}),
    # quotes
    ("“We will appeal,” said defense lawyer Paul Hart.", "quote", {"speaker": "Paul Hart", "text": "We will appeal"}),
    ("“It is over,” Witkoff said. Steve Witkoff left.", "quote", {"speaker": "Steve Witkoff"}),
    ("Hegseth warned, “This will only prolong the war.”", "quote", {"speaker": "Hegseth"}),
    (
        "Defense Secretary Pete Hegseth spoke. He added, “The goal is unrealistic.”",
        "quote",
        {"speaker": "Pete Hegseth", "text": "The goal is unrealistic."},
    ),
    (
        "U.S. Attorney Karen Mills spoke. “The evidence was overwhelming,” Mills told reporters.",
        "quote",
        {"speaker": "Karen Mills"},
    ),
    # memberships
    (
        "Trump tasked officials, including Secretary of State Marco Rubio and National Security Advisor Michael "
        "Waltz, with leading negotiations.",
        "membership",
        {"members": ["Marco Rubio", "Michael Waltz"], "completeness": "partial", "group": "negotiating team"},
    ),
    (
        "The prosecution called 14 witnesses, including former deputy mayor Ana Lopez and contractor Victor Grant.",
        "membership",
        {"members": ["Ana Lopez", "Victor Grant"], "group": "witnesses"},
    ),
    (
        "The team includes:\n• Secretary of State Marco Rubio will lead.\n• CIA Director John Ratcliffe will help.\n",
        "membership",
        {"members": ["Marco Rubio", "John Ratcliffe"], "completeness": "partial"},
    ),
    # propositions
    (
        "Putin extended an invitation for Trump to visit Moscow.",
        "proposition",
        {"subject": "Putin", "predicate": "invite", "object": "Trump to visit Moscow"},
    ),
    ("The fire broke out on Monday, officials said.", "event_time", {"weekday": "Monday", "event_type": "fire"}),
    (
        "Turnout was 51.8 percent in the first round on March 1.",
        "event_time",
        {"date": "March 1", "event_type": "first round"},
    ),
    ("Among the dead is Eleanor Pratt, 71, a retired teacher.", "quantity", {"measure": "age of Eleanor Pratt"}),
    ("Neighbors named Walter Ashby, 86, and his wife.", "quantity", {"measure": "age of Walter Ashby", "amount": "86"}),
    ("By 30 km the pack was down to Elias Rotich, aged 24.", "quantity", {"measure": "age of Elias Rotich"}),
    (
        "The first victim, a 74-year-old man, died on Monday.",
        "quantity",
        {"measure": "age of man", "amount": "74-year-old"},
    ),
    (
        "The firm is investing £450 million to retool the plant.",
        "quantity",
        {"measure": "investment", "amount": "£450 million"},
    ),
    ("The company is spending £540m on new tooling.", "quantity", {"measure": "investment", "amount": "£540m"}),
    ("Priced from £28,995 in the UK, the car is a hatchback.", "quantity", {"measure": "price", "unit": "pounds"}),
    ("Investors bet the 27,995-pound car could sell.", "quantity", {"measure": "price", "amount": "27,995-pound"}),
    (
        "It would pay a $95 million break fee if it walked away.",
        "quantity",
        {"measure": "fee", "amount": "$95 million"},
    ),
    ("It agreed a termination fee of US$115 million.", "quantity", {"measure": "fee", "amount": "US$115 million"}),
    ("The offer is a 31% premium to the closing price.", "quantity", {"measure": "premium", "amount": "31%"}),
    ("The Colts (10-5) clinched a playoff berth.", "quantity", {"measure": "record of Colts", "amount": "10-5"}),
    ("The Colts stand at 10-5 after the win.", "quantity", {"measure": "record of Colts", "amount": "10-5"}),
    ("The 6.1-magnitude quake struck the island.", "quantity", {"measure": "magnitude", "amount": "6.1"}),
    ("The survey said it was a magnitude-5.9 temblor.", "quantity", {"measure": "magnitude", "amount": "5.9"}),
    ("Qeshm has a population of more than 100,000.", "quantity", {"measure": "population", "hedge": "more than"}),
    ("The island is home to about 100,000 people.", "quantity", {"measure": "population", "amount": "100,000"}),
    (
        "Qeshm, located 1,150 kilometers (700 miles) southeast of Tehran, is busy.",
        "quantity",
        {"measure": "distance from Tehran", "amount": "1,150 kilometers"},
    ),
    (
        "Helen Varga of Civic Renewal was elected mayor on Sunday. Varga won 54.6 per cent of the vote.",
        "quantity",
        {"measure": "share of the vote of Helen Varga", "unit": "per cent"},
    ),
    ("Turnout was 47.2 percent, up from 40.1 percent.", "quantity", {"measure": "turnout", "amount": "47.2 percent"}),
    ("Three people have now died in the outbreak.", "quantity", {"measure": "deaths", "amount": "Three"}),
    ("The outbreak has now sickened 23 people.", "quantity", {"measure": "cases", "amount": "23"}),
    ("Officials reported 32 laboratory-confirmed cases.", "quantity", {"measure": "cases", "amount": "32"}),
    ("The number of confirmed cases has risen to 27.", "quantity", {"measure": "cases", "amount": "27"}),
    (
        "It was followed by at least four strong aftershocks.",
        "quantity",
        {"measure": "aftershocks", "hedge": "at least"},
    ),
    ("About 19,500 runners started the race.", "quantity", {"measure": "runners", "amount": "19,500"}),
    ("It had taken more than 41,000 reservations.", "quantity", {"measure": "reservations", "hedge": "more than"}),
    ("Then an additional six engines arrived.", "quantity", {"measure": "additional engines", "amount": "six"}),
    (
        "The death toll from a wildfire that swept into the town of Cedar Hollow rose to four on Wednesday.",
        "quantity",
        {"measure": "deaths", "amount": "four"},
    ),
    ("Polls showed Varga about six points ahead.", "quantity", {"measure": "poll lead in points", "hedge": "about"}),
    ("Her share of 54.6% is a gain of more than 13 points.", "quantity", {"measure": "gain in points"}),
    ("Smith scored 30 points in the win.", "quantity", {"measure": "points", "amount": "30"}),
    (
        "Kenya's Elias Rotich broke the record on Sunday, winning in 2 hours, 6 minutes and 41 seconds.",
        "quantity",
        {"measure": "time of Elias Rotich", "amount": "2 hours, 6 minutes and 41 seconds"},
    ),
    ("Canada's Julien Marchetti was third in 2:08:30.", "quantity", {"measure": "time of Julien Marchetti"}),
    ("He crossed the line 11 seconds ahead of Tolosa.", "quantity", {"measure": "margin", "amount": "11 seconds"}),
    ("Rotich won, beating Abdi Tolosa by nine seconds.", "quantity", {"measure": "margin", "amount": "nine seconds"}),
    ("Varga took 54.6 per cent, winning by nearly 20,000 votes.", "quantity", {"measure": "margin", "hedge": "nearly"}),
    ("The 19,910-vote margin works out at 9.1 points.", "quantity", {"measure": "margin", "amount": "19,910-vote"}),
    ("Paramedics treated 46 runners, most for dehydration.", "quantity", {"measure": "people treated"}),
    ("Acme, which employs about 4,100 people, makes signals.", "quantity", {"measure": "employees of Acme"}),
    ("Acme's 4,700 employees include engineers.", "quantity", {"measure": "employees of Acme", "amount": "4,700"}),
    (
        "Temperatures reached 41 degrees Celsius.",
        "quantity",
        {"measure": "temperature", "amount": "41", "unit": "degrees Celsius"},
    ),
    ("The afternoon high reached 41C.", "quantity", {"measure": "temperature", "amount": "41", "unit": "C"}),
    ("More than 140 homes were destroyed.", "quantity", {"measure": "homes destroyed", "hedge": "More than"}),
    ("Fire destroyed 12 barns and about 400 homes were threatened.", "quantity", {"measure": "homes threatened"}),
    ("It offered $38.50 a share in cash.", "quantity", {"measure": "price per share", "amount": "$38.50"}),
    (
        "Police put the march, to mark a nationwide strike, at roughly 30,000 people.",
        "quantity",
        {"measure": "crowd size", "hedge": "roughly", "attribution": "organisation:Police"},
    ),
    ("Police said as many as 20,000 people took to the streets.", "quantity", {"measure": "crowd size"}),
    ("Four firefighters were among those hurt.", "quantity", {"measure": "injured firefighters", "amount": "Four"}),
    ("Two of the injured are firefighters.", "quantity", {"measure": "injured firefighters", "amount": "Two"}),
    (
        "The train plunged down a 12-metre embankment.",
        "quantity",
        {"measure": "length of embankment", "amount": "12-metre"},
    ),
    ("It entered the curve, where the speed limit is 40 mph.", "quantity", {"measure": "speed limit", "unit": "mph"}),
    ("It imposed a temporary 40 km/h restriction on curves.", "quantity", {"measure": "temporary speed limit"}),
    (
        "Acme's chief executive, John Roe, said the plant would stay open.",
        "role",
        {"person": "John Roe", "title": "chief executive", "organisation": "Acme"},
    ),
    ("The defendant's lawyer, Ann Lee, said he would appeal.", "role", {"person": "Ann Lee", "title": "lawyer"}),
    (
        "Priya Rao, the company's former finance director, spoke.",
        "role",
        {"person": "Priya Rao", "title": "former finance director", "status": "former"},
    ),
    (
        "Jane Doe, the county's chief medical officer, spoke.",
        "role",
        {"person": "Jane Doe", "title": "chief medical officer", "status": "current"},
    ),
    (
        "Dr. Ana Ruiz, medical officer of health for Lisgar Public Health, spoke.",
        "role",
        {"person": "Ana Ruiz", "title": "medical officer of health", "organisation": "Lisgar Public Health"},
    ),
    (
        "Associate medical officer of health Dr. Ana Ruiz said the tower was shut.",
        "role",
        {"person": "Ana Ruiz", "title": "Associate medical officer of health"},
    ),
    ("Tom Ash, the 61-year-old chief executive, spoke.", "role", {"person": "Tom Ash", "title": "chief executive"}),
    (
        "Mayor Tom Hale won. Ana Ruiz, who lost, said she had called Hale. “I wished him well,” she said.",
        "quote",
        {"speaker": "Ana Ruiz", "text": "I wished him well"},
    ),
    ("“We are ready,” Ruiz told a news conference.", "quote", {"speaker": "Ruiz"}),
    (
        "“We will rebuild,” Jane Doe, the mayor, told reporters.",
        "quote",
        {"speaker": "Jane Doe", "text": "We will rebuild"},
    ),
    (
        "“We will rebuild,” the county fire chief, Jane Doe, said.",
        "quote",
        {"speaker": "Jane Doe", "text": "We will rebuild"},
    ),
    (
        "Mayor Jane Doe spoke. The suspect was “seeking out these people,” according to Doe.",
        "quote",
        {"speaker": "Jane Doe", "text": "seeking out these people"},
    ),
    (
        "Fire Chief Jane Doe said at a briefing that it was “far too early” to say.",
        "quote",
        {"speaker": "Jane Doe", "text": "far too early"},
    ),
    (
        "Tom Roe, 67, who has a mortgage, said the cut would make “a small difference” to him.",
        "quote",
        {"speaker": "Tom Roe", "text": "a small difference"},
    ),
    (
        "Mayor Tom Roe resigned. Roe repeated that he was “proud and a little sad”.",
        "quote",
        {"speaker": "Tom Roe", "text": "proud and a little sad"},
    ),
    (
        "The contractor, Acme Infrastructure, said it was “seeking urgent clarity” on the plan.",
        "quote",
        {"attribution": "organisation:Acme Infrastructure", "speaker": None},
    ),
    (
        "“We shut it down,” Lena Pruitt, Dunmore's general manager, said in a statement.",
        "quote",
        {"speaker": "Lena Pruitt", "attribution": "person:Lena Pruitt"},
    ),
    (
        "Ann Kerr's daughter, Jo Kerr-Mills, said her mother was healthy. “She was out on Saturday,” she said.",
        "quote",
        {"speaker": "Jo Kerr-Mills"},
    ),
    (
        "The crash is the deadliest since the 2021 Redfern Lake crash, which killed 11 people.",
        "quantity",
        {"measure": "deaths", "amount": "11", "event_type": "crash (2021)"},
    ),
    (
        "The last comparable disaster, at Redfern Lake in 2021, killed 11 people.",
        "quantity",
        {"amount": "11", "event_type": "event (2021)", "participants": []},
    ),
    (
        "Five years ago, a wildfire killed five people north of town.",
        "quantity",
        {"amount": "five", "event_type": "wildfire (five years ago)"},
    ),
    (
        "Turnout was 47.2 percent, above the 44.6 percent recorded in the 2022 runoff.",
        "quantity",
        {"amount": "44.6 percent", "measure": "turnout", "event_type": "election (2022)"},
    ),
    (
        "Turnout was 47.2 percent, above the 44.6 percent recorded in the 2022 runoff.",
        "quantity",
        {"amount": "47.2 percent", "measure": "turnout", "event_type": "election"},
    ),
    (
        "Achterberg won the 2022 runoff with 58.2 percent of the vote.",
        "quantity",
        {"amount": "58.2 percent", "event_type": "election (2022)"},
    ),
    (
        "The 2021 derailment at Redfern Lake in Manitoba killed 11 people.",
        "quantity",
        {"amount": "11", "event_type": "derailment (2021)"},
    ),
    (
        "Temperatures reached 41 degrees Celsius in the afternoon.",
        "quantity",
        {"measure": "temperature", "amount": "41", "unit": "degrees Celsius"},
    ),
    ("In the end her margin was just over nine points.", "quantity", {"measure": "margin in points"}),
    ("Polls showed Ana Ruiz about six points ahead.", "quantity", {"measure": "poll lead in points"}),
    ("Her share rose by more than 13 points.", "quantity", {"measure": "change in points", "hedge": "more than"}),
    ("Mia Stone scored 30 points in the game.", "quantity", {"measure": "points", "amount": "30"}),
    (
        "Helen Varga, the party leader, won 54.6 percent of the vote.",
        "quantity",
        {"measure": "share of the vote of Helen Varga", "amount": "54.6 percent"},
    ),
    (
        "Mayor Desmond Achterberg lost. He won three wards with more than 60% of the vote.",
        "quantity",
        {"measure": "share of the vote of Desmond Achterberg", "hedge": "more than"},
    ),
    (
        "The 2003 quake in Bam, in which more than 31,000 people were killed, still haunts Iran.",
        "quantity",
        {"amount": "31,000", "event_type": "earthquake (2003)"},
    ),
    (
        "POSTED: April 10, 2007\n\nIn February, a gunman killed five people at a mall.",
        "quantity",
        {"amount": "five", "event_type": "event (February 2007)"},
    ),
    (
        "POSTED: April 10, 2007\n\nA quake hit the town of Zarand in February, killing 600 people.",
        "quantity",
        {"amount": "600", "event_type": "earthquake (February 2007)"},
    ),
    (
        "Posted Monday, 28 November 2005\n\nFive years ago, a wildfire killed five people.",
        "quantity",
        {"amount": "five", "event_type": "wildfire (2000)"},
    ),
    (
        "The new model will create 800 new jobs, on top of the some 3,100 workers already employed there.",
        "quantity",
        {"measure": "employees at the site", "amount": "3,100"},
    ),
    (
        "Ostrander employs more than 1,100 people at its main factory in Ohio.",
        "quantity",
        {"measure": "employees at the site", "hedge": "more than"},
    ),
    ("The new model will create 800 new jobs at Kessock.", "quantity", {"measure": "jobs at Kessock"}),
    ("Brackwell employs about 9,000 people across Britain.", "quantity", {"measure": "employees of Brackwell"}),
    ("The train entered the curve, where the speed limit is 40 mph.", "quantity", {"measure": "speed limit"}),
    (
        "Northline imposed a temporary 40 km/h restriction on all curves.",
        "quantity",
        {"measure": "temporary speed limit", "amount": "40"},
    ),
    ("The train was travelling at 98 km/h when it derailed.", "quantity", {"measure": "speed"}),
    ("Early data point to overspeed on a 65 km/h curve.", "quantity", {"measure": "speed limit", "amount": "65"}),
    (
        "Corvane agreed to buy Ostrander for $38.50 a share in cash.",
        "quantity",
        {"measure": "price per share", "amount": "$38.50"},
    ),
    (
        "Posted 11/27/2005 7:21 AM\n\nThe last major quake was in February, when a temblor rocked Zarand.\n\n"
        "It killed 612 people.",
        "quantity",
        {"amount": "612", "event_type": "earthquake (February 2005)"},
    ),
    (
        "Nov 28, 2005\n\nIn February, a quake killed 612 people.",
        "quantity",
        {"amount": "612", "event_type": "earthquake (February)"},
    ),
    (
        "The outbreak is the largest since 2012, when four people died in Port Cairn.",
        "quantity",
        {"amount": "four", "event_type": "outbreak (2012)"},
    ),
    ("The fire killed 12 people, the most since 2019.", "quantity", {"amount": "12", "event_type": "fire"}),
    ("A storm killed 12 people on March 3, 2021.", "quantity", {"amount": "12", "event_type": "storm"}),
    (
        "Posted Wednesday, March 4, 2026\n\nThe 2026 storm killed 12 people.",
        "quantity",
        {"amount": "12", "event_type": "storm"},
    ),
    (
        "Buyers can place a refundable £250 deposit online.",
        "proposition",
        {"subject": "deposit", "predicate": "be refundable", "negated": False},
    ),
    (
        "Buyers can secure one with a non-refundable £250 deposit.",
        "proposition",
        {"subject": "deposit", "predicate": "be refundable", "negated": True},
    ),
    (
        "Buyers pay a deposit of £250, which the company says is fully refundable.",
        "proposition",
        {"subject": "deposit", "predicate": "be refundable", "negated": False},
    ),
    (
        "The seven-year warranty is not transferable.",
        "proposition",
        {"subject": "warranty", "predicate": "be transferable", "negated": True},
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "fields"), ROWS, ids=[f"{r[1]}-{i}" for i, r in enumerate(ROWS)])
def test_pattern(sentence: str, kind: str, fields: dict[str, Any]) -> None:
    claims = extract(sentence)
    assert _find(claims, kind, **fields), [g.claim.model_dump(exclude={"evidence"}) for g in claims]


NEGATIVE_ROWS: list[tuple[str, str]] = [
    ("No one was killed in the blast.", "quantity"),
    # a custom, a point in an event's progress, a time relative to the event, a dateline: no time of it
    ("The race usually begins at the traditional 9 a.m. hour.", "event_time"),
    ("The shelter had taken in about 300 people by midnight as the fire spread.", "event_time"),
    ("Lines were de-energized at 11:00, three hours before the fire was reported.", "event_time"),
    ("MARROW CREEK, Ontario, Feb 10 (Northern Wire) - The derailment killed three people.", "event_time"),
    ("The Port Calder Herald, Monday 16 March 2026\n\nThe election was decisive.", "event_time"),
    ("The outbreak may peak in May or June.", "event_time"),
    # a month alone for the main event's kind, that happened, is an earlier one
    ("A quake hit Zarand in February, killing hundreds. The quake was felt widely.", "event_time"),
    ("The Colts led the game in the third quarter.", "event_time"),
    ("A gunman opened fire on Tuesday.", "event_time"),  # "opened fire" is no fire
    # a date two clauses from its nearest event noun is not its date
    (
        "Her tally rose to 118,880 in the runoff, a gain of roughly 20,000, almost all of it from voters who had "
        "backed candidates eliminated on 1 March.",
        "event_time",
    ),
    # ... and beyond the lede a later development's, no time of the main event
    (
        "The shooting shocked the quiet suburb of Troy, where crime is rare. Police said the suspect fled in a "
        "dark car and was caught later. Investigators returned to the building on Wednesday to look for clues.",
        "event_time",
    ),
    ("Organisers moved the race to avoid the midday heat.", "event_time"),
    # years with no event noun in the sentence are a tenure or a career, no event's length
    ("The fire burned for days. Dale Kimura, who has run the company for 14 years, said little.", "duration"),
    # a stage is never the main event a bare weekday falls back to
    ("Brackwell unveiled the Osprey on Tuesday. First deliveries follow.", "event_time"),
    ("Biden has not spoken to Putin in nearly three years.", "duration"),
    ("In a brief statement following the call, Trump spoke.", "duration"),
    ("Trump mentioned that Putin used his motto, “COMMON SENSE,” during their call.", "quote"),
    ("He faces challenges like China and Iran.", "membership"),
    ("The company was founded in Ohio, 1921, by two brothers.", "quantity"),
    ("They repealed a 30-year-old law on Monday.", "quantity"),
    ("A man and two women were killed.", "quantity"),
    ("Vinatieri kicked a 47-yard field goal.", "quantity"),
    ("The thermometer hit 106 degrees yesterday.", "quantity"),
    ("In Thessaloniki another 20,000 people marched.", "quantity"),
    ("The 24-year-old pulled clear after the bridge.", "quantity"),
    ("Family members named one of the dead as Eleanor Pratt.", "quantity"),
    ("The bank cut its rate by 25 basis points.", "quantity"),
    ("“We won.” Jane Doe, the mayor, said the count was slow.", "quote"),
    ("Police said two women and one man died in the fire.", "quantity"),
    ("The bomb killed two women and a man.", "quantity"),
    ("Tamarack County officials said on Wednesday that the fire had grown.", "event_time"),
    ("The mayor told reporters Tuesday that the storm had passed.", "event_time"),
    ("By Tuesday evening, the fire had burned 4,000 acres.", "event_time"),
    ("The fire has burned since Monday.", "event_time"),
    ("PORT CALDER, March 15 (Meridian News Service) - The mayor lost the runoff.", "event_time"),
    ("The Port Calder Herald, Monday 16 March 2026\n\nThe mayor lost the runoff.", "event_time"),
]


@pytest.mark.parametrize(("sentence", "kind"), NEGATIVE_ROWS)
def test_no_claim(sentence: str, kind: str) -> None:
    assert not [g for g in extract(sentence) if g.claim.kind == kind]


# --- what the seeds' acceptance needs -------------------------------------------------------------------------------

TRUMP_PUTIN = ["Donald Trump", "Vladimir Putin"]


def test_seed_002_call_on_wednesday() -> None:
    claims = _find(extract(_seed("002")), "event_time", weekday="Wednesday")
    assert claims
    assert claims[0].claim.event.type == "phone call"  # type: ignore[union-attr]
    assert claims[0].claim.event.participants == TRUMP_PUTIN  # type: ignore[union-attr]


def test_seed_003_call_on_thursday() -> None:
    assert _find(
        extract(_seed("003")), "event_time", weekday="Thursday", event_type="phone call", participants=TRUMP_PUTIN
    )


def test_seed_001_trump_former_and_current() -> None:
    claims = extract(_seed("001"))
    assert _find(claims, "role", person="Donald Trump", status="former", title="Former President")
    assert _find(claims, "role", person="Donald Trump", status="current")


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seed_trump_president_current(prefix: str) -> None:
    assert _find(extract(_seed(prefix)), "role", person="Donald Trump", status="current")


def test_seed_000_ninety_minute_call() -> None:
    assert _find(
        extract(_seed("000")), "duration", amount="90-minute", event_type="phone call", participants=TRUMP_PUTIN
    )


def test_seed_001_one_and_a_half_hours() -> None:
    found = _find(extract(_seed("001")), "duration", amount="one and a half hours", hedge="approximately")
    assert found
    assert found[0].claim.event.participants == TRUMP_PUTIN  # type: ignore[union-attr]
    assert found[0].claim.attribution.source_type == "organisation"


def test_seed_lengthy_is_a_duration_of_the_call() -> None:
    for prefix in ("002", "004"):
        assert _find(extract(_seed(prefix)), "duration", amount="lengthy", event_type="phone call")


def test_seed_003_tolls() -> None:
    claims = extract(_seed("003"))
    assert _find(claims, "quantity", measure="deaths", amount="tens of thousands", attribution="outlet")
    assert _find(claims, "quantity", measure="displaced people", amount="millions")
    assert not _find(claims, "quantity", measure="deaths", amount="millions")


def test_seed_004_attributed_tolls() -> None:
    claims = extract(_seed("004"))
    assert _find(claims, "quantity", measure="deaths", amount="millions", attribution="person:Donald Trump")
    assert _find(
        claims, "quantity", measure="deaths", amount="hundreds of thousands", attribution="document:official figures"
    )
    assert not _find(claims, "quantity", measure="deaths", attribution="outlet")


@pytest.mark.parametrize(
    ("prefix", "members"),
    [
        ("000", ["Marco Rubio", "John Ratcliffe"]),
        ("001", ["Marco Rubio", "Michael Waltz"]),
        ("004", ["Marco Rubio", "John Ratcliffe", "Michael Waltz", "Steve Witkoff"]),
    ],
)
def test_seed_partial_team_lists(prefix: str, members: list[str]) -> None:
    assert _find(
        extract(_seed(prefix)), "membership", members=members, completeness="partial", group="negotiating team"
    )


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_seed_zelensky_quotes_by_full_name(prefix: str) -> None:
    quotes = [g for g in extract(_seed(prefix)) if g.claim.kind == "quote" and "Zelensky" in (g.claim.speaker or "")]
    assert quotes
    assert all(g.claim.speaker == "Volodymyr Zelensky" for g in quotes)  # type: ignore[union-attr]


def test_seed_moscow_invitation() -> None:
    for prefix in ("000", "001"):
        assert _find(
            extract(_seed(prefix)),
            "proposition",
            subject="Vladimir Putin",
            predicate="invite",
            object="Donald Trump to visit Moscow",
        )


# --- invariants ------------------------------------------------------------------------------------------------------


def _all_texts() -> list[str]:
    stories = Path(__file__).resolve().parent / "stories"
    return [p.read_text(encoding="utf-8") for p in [*sorted(SEEDS.glob("*.txt")), *sorted(stories.glob("*/*.txt"))]]


def test_evidence_is_exact_and_in_source_order() -> None:
    for text in _all_texts():
        claims = extract(text)
        for g in claims:
            assert g.evidence.text == text[g.evidence.start : g.evidence.end]
            assert g.claim.evidence == g.evidence.text
            assert g.match == "exact"
            assert g.score == 100.0
            assert g.evidence.text.strip() == g.evidence.text and g.evidence.text
        starts = [g.evidence.start for g in claims]
        assert starts == sorted(starts)


def test_deterministic() -> None:
    for text in _all_texts():
        first = [g.model_dump_json() for g in extract(text)]
        assert first == [g.model_dump_json() for g in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VARGA WINS\n\nThe Port Calder Herald, Monday 16 March 2026\n\nVarga won.", "Monday 16 March 2026"),
        ("Posted Wednesday, March 4, 2026\nDUNMORE, Ohio — Workers met.", "Wednesday, March 4, 2026"),
        ("Updated 4/9/2007 6:04 PM\nA man was shot.", "4/9/2007"),
        ("MARROW CREEK, Ontario, Feb 10 (Northern Wire) - Three died.", None),  # no year: no date of its own
        ("The plant opened on March 4, 2026, and employs 300 people.", None),  # a sentence, not a dateline
    ],
)
def test_date_line(text: str, expected: str | None) -> None:
    found = date_line(text)
    assert (found.text if found is not None else None) == expected
    assert found is None or text[found.start : found.end] == found.text


def test_version_and_empty_text() -> None:
    assert EXTRACTOR_VERSION
    assert extract("") == []
    assert extract("Nothing checkable here.") == []
