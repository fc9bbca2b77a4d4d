"""UI filters narrow a question through the same constraint path as its words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.batch import ingest_paths
from ingest.errors import UsageError
from ingest.store import MeetingStore
from qa.asking import Asker
from qa.embedding import HashingEmbedder
from qa.filters import AskFilters, apply_filters, ask_filtered, filter_choices
from qa.index_sync import open_asker, sync_index
from qa.question import interpret
from tests.conftest import REPO


@pytest.fixture(scope="module")
def asker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Asker]:
    store = MeetingStore(tmp_path_factory.mktemp("filters-store"))
    ingest_paths([REPO / "data" / "minutes"], store)
    sync_index(store, HashingEmbedder())
    yield open_asker(store, HashingEmbedder())


def test_no_filters_is_plain_ask(asker: Asker) -> None:
    question = "what did officers say about faith group engagement"
    plain, filtered = asker.ask(question), ask_filtered(asker, question, 5, AskFilters())
    assert [c.statement.id for c in plain.citations] == [c.statement.id for c in filtered.citations]


def test_kind_filter_replaces_the_words(asker: Asker) -> None:
    answer = ask_filtered(asker, "what did officers say about faith groups", 5, AskFilters(speaker_kind="councillor"))
    assert answer.interpretation["speaker_kind"] == "councillor"
    assert answer.citations and {c.statement.speaker.kind for c in answer.citations} <= {"councillor", "chair"}


def test_person_post_committee_and_dates(asker: Asker) -> None:
    choices = filter_choices(asker.catalogue)
    assert "Councillor Abbas" in choices.people and "Community Safety Partnership Manager" in choices.people
    by_person = ask_filtered(asker, "what was said about faith", 5, AskFilters(person="Councillor Abbas"))
    assert by_person.citations and all("Abbas" in c.statement.speaker.name for c in by_person.citations)
    post = "Community Safety Partnership Manager"
    by_post = ask_filtered(asker, "what was said about schools", 5, AskFilters(person=post))
    assert by_post.citations and all(c.statement.speaker.role == post for c in by_post.citations)
    dated = ask_filtered(asker, "crime", 8, AskFilters(date_from="2023-12", date_to="2023-12-31"))
    assert dated.citations and {c.meeting.date for c in dated.citations} == {"2023-12-08"}
    none = ask_filtered(asker, "crime", 5, AskFilters(date_from="2030"))
    assert none.abstained and "constraints" in none.text
    committee = ask_filtered(asker, "children", 5, AskFilters(committee="Corporate Parenting Panel"))
    assert committee.citations and {c.meeting.committee for c in committee.citations} == {"Corporate Parenting Panel"}


def test_filters_alone_list_statements_in_reading_order(asker: Asker) -> None:
    answer = ask_filtered(asker, "what was said", 3, AskFilters(person="Councillor Ralph"))
    assert not answer.abstained and "notes" not in answer.interpretation
    assert all("Ralph" in c.statement.speaker.name for c in answer.citations)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (AskFilters(speaker_kind="wizard"), "unknown speaker kind"),
        (AskFilters(person="Nobody Atall"), "nobody called"),
        (AskFilters(committee="Star Chamber"), "no committee"),
        (AskFilters(date_from="May 2024"), "bad date"),
        (AskFilters(date_from="2025", date_to="2024"), "empty"),
    ],
)
def test_bad_filters_are_usage_errors(asker: Asker, filters: AskFilters, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        apply_filters(interpret("crime", asker.catalogue), filters, asker.catalogue)


def test_descriptors_and_groups_are_not_offered_as_people(asker: Asker) -> None:
    choices = filter_choices(asker.catalogue)
    offered = set(choices.people)
    assert {"Councillor Abbas", "Sarah Hammond", "Community Safety Partnership Manager"} <= offered
    assert not {"A Member", "A Members", "Lesley Game and Dan Bride"} & offered  # parse artefacts of the sample
