"""Word lists that classify speakers and acts. Grammar of minutes, not topics of any corpus."""

from __future__ import annotations

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Professor", "Rev", "Revd")
MEMBER_TITLES = (
    "Councillor",
    "Councillors",
    "Councilor",
    "Councilors",
    "Cllr",
    "Cllrs",
    "Alderman",
    "Deputy",
    "Senator",
    "Minister",
    "Commissioner",
    "Commissioners",
    "Mayor",
    "Deputy Mayor",
    "County Councillor",
    "Borough Councillor",
    "District Councillor",
    "Leas-Chathaoirleach",
)
POLICE_TITLES = (
    "Chief Superintendent",
    "Superintendent",
    "Inspector",
    "Sergeant",
    "Garda",
    "PCSO",
    "PC",
    "Constable",
    "Detective",
    "Chief Inspector",
    "Chief Constable",
)
# Words that end a post title ("Community Safety Partnership Manager", "Director of Housing").
POST_HEADS = {
    "manager",
    "director",
    "officer",
    "engineer",
    "executive",
    "analyst",
    "head",
    "lead",
    "clerk",
    "secretary",
    "treasurer",
    "solicitor",
    "counsel",
    "planner",
    "adviser",
    "advisor",
    "coordinator",
    "co-ordinator",
    "administrator",
    "superintendent",
    "inspector",
    "sergeant",
    "constable",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "cathaoirleach",
    "leader",
    "mayor",
    "member",
    "holder",
    "assistant",
    "consultant",
    "architect",
    "accountant",
    "auditor",
    "warden",
    "nurse",
    "headteacher",
    "principal",
    "commissioner",
    "controller",
    "surveyor",
    "specialist",
    "attorney",
    "deputy",
    "chief",
    "caseworker",
    "worker",
    "representative",
    "cfo",
    "ceo",
    "cao",
    "rfo",
    "pcso",
    "handyman",
    "steward",
    "monitor",
    "strategist",
    "partner",
    "president",
}
CHAIR_WORDS = {"chair", "chairman", "chairperson", "chairwoman", "cathaoirleach", "presiding", "vice-chair"}
CLERK_WORDS = {"clerk", "locum clerk", "parish clerk", "rfo"}
POLICE_WORDS = {
    "superintendent",
    "inspector",
    "sergeant",
    "garda",
    "gardaí",
    "gardai",
    "police",
    "policing",
    "pcso",
    "constable",
    "detective",
    "constabulary",
}
COUNCILLOR_WORDS = {
    "councillor",
    "councillors",
    "councilor",
    "cllr",
    "cllrs",
    "member",
    "members",
    "leader",
    "cabinet",
    "portfolio",
    "mayor",
    "commissioner",
    "alderman",
    "t.d.",
    "td",
    "deputy",
    "minister",
    "senator",
    "mp",
    "am",
    "ms",
    "mla",
    "mep",
}
PUBLIC_WORDS = {"parishioner", "parishioners", "resident", "residents", "public", "member of the public", "citizen"}

# Reporting verbs: the verb after a speaker that makes a sentence reported speech, with the act it records.
REPORTING_VERBS: dict[str, str] = {}
for _act, _verbs in {
    "said": (
        "said stated explained advised added confirmed noted highlighted commented mentioned felt reported informed "
        "outlined thanked welcomed expressed voiced praised referred acknowledged introduced presented summarised "
        "summarized raised indicated clarified assured emphasised emphasized stressed reminded shared believed "
        "considered declared gave reiterated argued observed updated concluded urged congratulated wished spoke "
        "remarked warned opened closed described detailed discussed noted pointed provided read recalled relayed "
        "set stated commended expressed paid thought took was were had has welcomed announced continued "
        "contended disagreed objected opposed insisted maintained highlighted cautioned elaborated accepted "
        "observed reflected spoke gave led talked circulated tabled paid invited encouraged recognised recognized "
        "conveyed notified alerted queried"
    ),
    "asked": "asked queried questioned enquired inquired requested sought wondered challenged probed",
    "answered": "replied responded answered",
    "proposed": "proposed suggested moved seconded recommended nominated",
    "agreed": "agreed supported concurred endorsed approved",
}.items():
    for _verb in _verbs.split():
        REPORTING_VERBS.setdefault(_verb, _act)
REPORTING_VERBS["queried"] = "asked"

# Verbs after "would"/"will"/"agreed to" that make a sentence a commitment.
COMMIT_VERBS = set(
    "look investigate arrange provide circulate send report contact follow check liaise write ensure bring update "
    "raise share invite consider speak ask meet work review seek obtain chase source organise organize purchase "
    "order prepare draft submit forward email e-mail call visit attend inspect monitor pursue take set publish "
    "discuss clarify confirm put research explore circulate distribute come return get find add include respond "
    "refer progress action address examine assess do undertake make keep continue try sort repair replace "
    "resolve provide feed".split()
)
PASSIVE_COMMIT_PARTICIPLES = set(
    "shared circulated sent provided invited forwarded distributed arranged brought reported added included "
    "considered investigated examined reviewed raised published made presented updated written placed "
    "organised organized referred given discussed explored followed".split()
)
