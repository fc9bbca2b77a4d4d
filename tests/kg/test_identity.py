"""People across meetings: the forms one council's minutes use for a person are one foaf:Person."""

from __future__ import annotations

import dataclasses

import pytest

from ingest.model import Attendee, Meeting, Span, Speaker
from kg.identity import AgentResolver
from kg.namespaces import Iris

FORMS = ["Mr Baker", "Cllr Baker", "Councillor Baker", "Mr N Baker", "Cllr. N. Baker", "Councillor Neil Baker"]


def _meeting(meeting_id: str, council: str) -> Meeting:
    return Meeting(id=meeting_id, source=f"{meeting_id}.txt", sha256="0" * 64, text="", council=council)


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_a_name_is_one_person_in_every_meeting_of_a_council(form: str) -> None:
    iris = Iris()
    first = AgentResolver(_meeting("cabinet-2025-01-09", "Kent County Council"), iris)
    later = AgentResolver(_meeting("council-2025-03-13", "Kent County Council"), iris)
    reference = first.speaker(Speaker(name="Mr N Baker", kind="councillor"))
    agent = later.speaker(Speaker(name=form, kind="councillor"))
    assert reference is not None and agent is not None
    assert agent.iri == reference.iri == iris.person("kent-county-council", "baker")
    assert agent.kind == "person"


def test_namesakes_stay_apart_across_councils_and_within_a_meeting_that_names_both() -> None:
    iris = Iris()
    kent = AgentResolver(_meeting("a", "Kent County Council"), iris).speaker(Speaker("Mr Baker", "councillor"))
    limerick = AgentResolver(_meeting("b", "Limerick City And County Council"), iris).speaker(
        Speaker("Councillor Baker", "councillor")
    )
    assert kent is not None and limerick is not None and kent.iri != limerick.iri
    present = tuple(
        Attendee(name=name, kind="councillor", role=None, status="present", span=Span(0, 0))
        for name in ("Mr N Baker", "Mrs J Baker")
    )
    resolver = AgentResolver(dataclasses.replace(_meeting("c", "Kent County Council"), attendance=present), iris)
    neil = resolver.speaker(Speaker("Mr N Baker", "councillor"))
    jane = resolver.speaker(Speaker("Mrs J Baker", "councillor"))
    assert neil is not None and jane is not None and neil.iri != jane.iri
