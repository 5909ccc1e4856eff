"""Small hand-written articles shared by the reuse tests: one report and the ways it gets copied."""

from __future__ import annotations

from storyline.model import Article

P1 = (
    "Flood waters forced the evacuation of more than 4,000 residents from the river town of Maple Falls on "
    "Tuesday, after the old levee gave way during the third night of heavy rain."
)
P2 = (
    "Mayor Ellen Ward said emergency crews had rescued 37 people from rooftops and that two shelters at the "
    "high school and the community hall were already close to full."
)
P3 = (
    "The regional weather office expects another 80 millimetres of rain before Friday, and engineers warned "
    "that a second embankment north of the town was showing signs of strain."
)
P4 = (
    "Farmers in the valley said entire harvests of barley and potatoes had been lost, and several roads "
    "remain closed while the army brings in pumps and sandbags."
)
P5 = (
    "The provincial government announced an emergency fund of 12 million dollars for families who lost their "
    "homes, with the first payments promised within two weeks."
)
REPORT = "\n".join([P1, P2, P3, P4, P5])

# The same text on another site, inside its menus and footer.
DUPLICATE = (
    "Home | News | Sport | Weather\nSubscribe to the Valley Courier for $1 a week\n\n"
    + REPORT
    + "\n\n© Valley Courier. All rights reserved.\nShare this article: Facebook Twitter Email"
)

# A wire copy: dateline and credits added, the last paragraph trimmed.
SYNDICATED = (
    "OTTAWA, May 3 (Northern Wire) - " + P1[:-1] + ", Northern Wire reported.\n"
    + "\n".join([P2, P3, P4])
    + "\nThis story was originally published by Northern Wire."
)

# An edited copy: a typo, a changed number, a synonym, a paragraph cut and two paragraphs swapped.
EDITED = "\n".join(
    [
        P1.replace("evacuation", "evacuaiton").replace("4,000", "5,000"),
        P3,
        P2.replace("rescued", "saved"),
        P5,
    ]
)

# Another article on the same event that quotes one paragraph of the report.
PARTIAL = (
    "Insurers are bracing for a wave of claims after a week of storms across the province, industry groups "
    "said on Wednesday, with early estimates running well above last year's losses.\n"
    "Brokers said many homeowners along the river had no flood cover because premiums tripled after the "
    "floods of 2019, leaving them dependent on public aid.\n"
    + P3
    + " "
    + P4
    + "\nThe insurance bureau said it would open a claims office in the region next week and urged residents "
    "to photograph all damage before starting repairs."
)

# The same report told again in new sentences, facts in the same order.
REWRITE = (
    "More than 4,000 residents of Maple Falls had to evacuate on Tuesday when heavy rain broke the old levee "
    "after three nights.\n"
    "Emergency crews rescued 37 people from rooftops, Mayor Ellen Ward said, adding that shelters at the high "
    "school and community hall were nearly full.\n"
    "Weather forecasters expect 80 millimetres more rain by Friday, while engineers warned of strain on a second "
    "embankment north of town.\n"
    "Valley farmers lost whole harvests of barley and potatoes, roads remain closed and the army is bringing "
    "pumps and sandbags.\n"
    "Families who lost homes will get help from a 12 million dollar provincial emergency fund, with payments "
    "promised within two weeks."
)

# A condensed rewrite that credits the wire: one sentence of the report retold, then background of its own
# (the shape of machine-written summaries).
CONDENSED_OWN = (
    "Floods have struck the valley three times in the past decade, and residents have long complained that "
    "its defences were neglected.\n"
    "Critics argue that repeated cuts to maintenance budgets left embankments weaker than engineers had "
    "recommended for years.\n"
    "In summary, the disaster raises hard questions about how rural communities are protected from extreme "
    "weather as storms grow more frequent."
)
CONDENSED_LEAD = (
    "More than 4,000 residents of Maple Falls had to evacuate on Tuesday when heavy rain broke the old levee "
    "after three nights"
)
CONDENSED = CONDENSED_LEAD + ", Northern Wire reported.\n" + CONDENSED_OWN
CONDENSED_UNCREDITED = CONDENSED_LEAD + ".\n" + CONDENSED_OWN

# A later event of the same storyline, credited to the same wire.
LATER_EVENT = (
    "Maple Falls began rebuilding its levee on Monday, a month after the floods, Northern Wire reported.\n"
    "Contractors brought in heavy machinery and said the new embankment would be two metres higher than the "
    "old one.\n"
    "The town council approved a loan to cover costs the provincial fund does not, and residents who left "
    "in the spring have started to return."
)

# A separately written report of the same flood.
INDEPENDENT = (
    "Rescue boats moved through flooded streets in Maple Falls on Tuesday as the river rose to its highest "
    "level in decades. Volunteers stacked sandbags outside the hospital while soldiers cleared debris from a "
    "bridge. Residents described waking to water in their kitchens. Officials have not yet said how many "
    "homes were damaged, but the levee failure is expected to prompt an inquiry into maintenance spending. "
    "The river is forecast to crest on Thursday, and evacuation orders remain in place for low-lying areas."
)

# Another event altogether.
UNRELATED = (
    "The city orchestra opened its autumn season with a programme of Brahms and Sibelius, drawing a full house "
    "to the restored concert hall. Critics praised the new conductor's brisk tempos and the warmth of the "
    "strings, while the soloist received three curtain calls after the violin concerto."
)


def article(id: str, text: str, **meta: object) -> Article:
    """An Article whose clean text is ``text``."""
    return Article(id=id, text=text, raw_text=text, **meta)  # type: ignore[arg-type]
