"""Graph analytics with networkx over the knowledge graph: who asked whom, who talks about what.

The networks are read from the store with SPARQL, so they reflect exactly what is stored:
- asked: person/post -> person/post, an edge per question answered (weight = count);
  who-answered-whom is the same network reversed;
- person-topic: bipartite, speakers to the topics of their statements;
- topic co-occurrence: topics discussed under the same agenda item.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import networkx as nx
from networkx.algorithms import community

from kg.namespaces import DCTERMS, FOAF, SCHEMA, SKOS
from kg.triple_store import TripleStore


def _label_patterns(var: str) -> str:
    return f"OPTIONAL {{ ?{var} <{FOAF.name}> ?{var}name }} OPTIONAL {{ ?{var} <{SKOS.prefLabel}> ?{var}pref }}"


def asked_network(store: TripleStore) -> nx.DiGraph:
    """Asker -> answerer, weighted by the number of answered questions."""
    query = f"""
        SELECT ?asker ?answerer (SAMPLE(?askername) AS ?a) (SAMPLE(?askerpref) AS ?ap)
               (SAMPLE(?answerername) AS ?b) (SAMPLE(?answererpref) AS ?bp) (COUNT(DISTINCT ?q) AS ?n)
        WHERE {{
            ?q <{SCHEMA.suggestedAnswer}> ?ans ; <{SCHEMA.creator}> ?asker .
            ?ans <{SCHEMA.creator}> ?answerer .
            FILTER(?asker != ?answerer)
            {_label_patterns("asker")} {_label_patterns("answerer")}
        }} GROUP BY ?asker ?answerer"""
    graph = nx.DiGraph(name="who asked whom")
    for asker, answerer, a, ap, b, bp, n in store.query(query, timeout_s=None).rows:
        graph.add_node(str(asker), label=str(a or ap or asker), kind="agent")
        graph.add_node(str(answerer), label=str(b or bp or answerer), kind="agent")
        graph.add_edge(str(asker), str(answerer), weight=int(n), relation="asked")  # type: ignore[arg-type]
    return graph


def answered_network(store: TripleStore) -> nx.DiGraph:
    """Answerer -> asker: the asked network reversed."""
    graph = asked_network(store).reverse(copy=True)
    nx.set_edge_attributes(graph, "answered", "relation")
    graph.graph["name"] = "who answered whom"
    return graph


def person_topic_network(store: TripleStore) -> nx.Graph:
    query = f"""
        SELECT ?who (SAMPLE(?whoname) AS ?a) (SAMPLE(?whopref) AS ?ap) ?topic (SAMPLE(?label) AS ?t)
               (COUNT(DISTINCT ?s) AS ?n)
        WHERE {{
            ?s <{SCHEMA.creator}> ?who ; <{DCTERMS.subject}> ?topic .
            ?topic <{SKOS.prefLabel}> ?label .
            {_label_patterns("who")}
        }} GROUP BY ?who ?topic"""
    graph = nx.Graph(name="person-topic")
    for who, a, ap, topic, label, n in store.query(query, timeout_s=None).rows:
        graph.add_node(str(who), label=str(a or ap or who), kind="agent", bipartite=0)
        graph.add_node(str(topic), label=str(label), kind="topic", bipartite=1)
        graph.add_edge(str(who), str(topic), weight=int(n), relation="spoke about")  # type: ignore[arg-type]
    return graph


def topic_cooccurrence_network(store: TripleStore) -> nx.Graph:
    query = f"""
        SELECT DISTINCT ?item ?topic ?label WHERE {{
            ?item <{SCHEMA.superEvent}> ?meeting ; <{DCTERMS.subject}> ?topic .
            ?topic <{SKOS.prefLabel}> ?label }}"""
    by_item: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for item, topic, label in store.query(query, timeout_s=None).rows:
        by_item.setdefault(str(item), set()).add(str(topic))
        labels[str(topic)] = str(label)
    pairs: Counter[tuple[str, str]] = Counter()
    for topics in by_item.values():
        pairs.update(combinations(sorted(topics), 2))
    graph = nx.Graph(name="topic co-occurrence")
    for topic, label in labels.items():
        graph.add_node(topic, label=label, kind="topic")
    for (a, b), n in pairs.items():
        graph.add_edge(a, b, weight=n, relation="discussed with")
    return graph


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    name: str
    nodes: int
    edges: int
    top_central: tuple[tuple[str, float], ...]  # (label, centrality)
    communities: tuple[tuple[str, ...], ...]  # labels, largest first


def summarise(graph: nx.Graph, top: int = 5) -> NetworkSummary:
    """Degree centrality (weighted in/out for directed networks) and greedy-modularity communities."""
    if graph.number_of_nodes() == 0:
        return NetworkSummary(str(graph.graph.get("name", "")), 0, 0, (), ())
    centrality = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
    ranked = sorted(centrality.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    label = nx.get_node_attributes(graph, "label")
    undirected = graph.to_undirected() if graph.is_directed() else graph
    groups = community.greedy_modularity_communities(undirected, weight="weight") if graph.number_of_edges() else []
    return NetworkSummary(
        name=str(graph.graph.get("name", "")),
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        top_central=tuple((label.get(node, node), round(score, 4)) for node, score in ranked),
        communities=tuple(tuple(sorted(label.get(n, n) for n in group))[:8] for group in groups[:5]),
    )


def all_networks(store: TripleStore) -> dict[str, nx.Graph]:
    return {
        "asked": asked_network(store),
        "answered": answered_network(store),
        "person_topic": person_topic_network(store),
        "topic_cooccurrence": topic_cooccurrence_network(store),
    }


def write_graphml(networks: dict[str, nx.Graph], path: Path) -> nx.MultiDiGraph:
    """One GraphML file holding every network; each edge says which network it belongs to."""
    combined = nx.MultiDiGraph(name="minutes-kg networks")
    for name, graph in networks.items():
        for node, data in graph.nodes(data=True):
            combined.add_node(node, **{k: v for k, v in data.items() if k != "bipartite"})
        for a, b, data in graph.edges(data=True):
            combined.add_edge(a, b, network=name, **data)
    nx.write_graphml(combined, path)
    return combined
