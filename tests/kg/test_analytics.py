"""networkx analytics over the real corpus: who asked whom, people and topics, GraphML."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.analytics import all_networks, asked_network, summarise, write_graphml
from kg.workspace import Workspace


def test_who_asked_whom_follows_the_question_answer_links(sample_workspace: Workspace) -> None:
    asked = asked_network(sample_workspace.triples)
    labels = nx.get_node_attributes(asked, "label")
    answered_by = {labels[b] for a, b in asked.edges if labels[a] == "Abbas"}
    assert "Community Safety Partnership Manager" in answered_by
    for _, _, weight in asked.edges(data="weight"):
        assert weight >= 1


def test_networks_summaries_and_graphml(corpus_workspace: Workspace, tmp_path: Path) -> None:
    networks = all_networks(corpus_workspace.triples)
    assert set(networks) == {"asked", "answered", "person_topic", "topic_cooccurrence"}
    assert networks["answered"].number_of_edges() == networks["asked"].number_of_edges()
    topics = networks["person_topic"]
    assert {d["kind"] for _, d in topics.nodes(data=True)} == {"agent", "topic"}
    summary = summarise(networks["topic_cooccurrence"])
    assert summary.nodes > 50 and summary.top_central and summary.communities
    path = tmp_path / "networks.graphml"
    combined = write_graphml(networks, path)
    back = nx.read_graphml(path)
    assert back.number_of_edges() == combined.number_of_edges()
    assert {d["network"] for _, _, d in back.edges(data=True)} == set(networks)
