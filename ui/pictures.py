"""Pictures as inline SVG: a topic timeline and the who-asked-whom network.

Drawn by hand rather than with a plotting library so the page needs nothing beyond 127.0.0.1 (no
CDN scripts or fonts) and the project no extra dependency. Every label comes from the minutes, so
every label is escaped.
"""

from __future__ import annotations

import math
from html import escape

import networkx as nx

FONT = "font-family='system-ui, sans-serif' font-size='11'"
MAX_NODES = 30


def _open(width: int, height: int, title: str) -> str:
    """The opening tag: scaled down to the column it sits in, never up (the viewBox keeps the proportions)."""
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' class='mkg-chart' role='img' viewBox='0 0 {width} {height}' "
        f"style='width:100%;max-width:{width}px;height:auto' {FONT}><title>{escape(title)}</title>"
    )


def _clip(text: str, width: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_svg(rows: tuple[tuple[str, str, str | None, int], ...], title: str = "Topics over time") -> str:
    """Rows (topic, meeting id, date, statements) as a dot matrix: a row per topic, a column per meeting
    in date order, the dot's area proportional to the statements."""
    if not rows:
        return "<p class='mkg-empty'>No topics recorded for this entity.</p>"
    meetings: list[tuple[str, str | None]] = []
    for _, meeting, date, _ in rows:
        if (meeting, date) not in meetings:
            meetings.append((meeting, date))
    topics = sorted({r[0] for r in rows}, key=lambda t: -sum(r[3] for r in rows if r[0] == t))
    biggest = max(r[3] for r in rows)
    left, top, cell = 170, 34, 46
    width = max(left + cell * len(meetings) + 110, int(12 + 8.5 * len(title)))  # room for slanted labels, title
    height = top + cell * len(topics) + 110
    parts = [
        _open(width, height, title),
        f"<text x='4' y='16' font-size='13' font-weight='bold'>{escape(title)}</text>",
    ]
    for y, topic in enumerate(topics):
        cy = top + cell * y + cell / 2
        parts.append(f"<text x='{left - 8}' y='{cy + 4:.0f}' text-anchor='end'>{escape(_clip(topic, 26))}</text>")
        right = left + cell * len(meetings)
        parts.append(f"<line x1='{left}' y1='{cy:.0f}' x2='{right}' y2='{cy:.0f}' stroke='#ddd'/>")
    for x, (meeting, date) in enumerate(meetings):
        cx = left + cell * x + cell / 2
        label = escape(_clip(date or meeting, 22))
        ly = top + cell * len(topics) + 8
        parts.append(
            f"<text x='{cx:.0f}' y='{ly}' transform='rotate(40 {cx:.0f} {ly})'><title>{escape(meeting)}</title>"
            f"{label}</text>"
        )
    for topic, meeting, date, n in rows:
        cx = left + cell * meetings.index((meeting, date)) + cell / 2
        cy = top + cell * topics.index(topic) + cell / 2
        r = 4 + 16 * math.sqrt(n / biggest)
        parts.append(
            f"<circle cx='{cx:.0f}' cy='{cy:.0f}' r='{r:.1f}' fill='#3b6fb6' fill-opacity='0.7'>"
            f"<title>{escape(topic)} — {escape(date or meeting)}: {n} statements</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _arrow(x1: float, y1: float, x2: float, y2: float, shorten: float) -> tuple[float, float, float, float]:
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return x1 + ux * shorten, y1 + uy * shorten, x2 - ux * shorten, y2 - uy * shorten


def network_svg(graph: nx.DiGraph, focus: str | None = None, title: str = "Who asked whom") -> str:
    """The asked network on a circle: an arrow from asker to answerer, its width the number of questions.
    With `focus`, only that node (in the middle) and its neighbours; otherwise the busiest nodes."""
    if focus is not None and focus in graph:
        graph = graph.subgraph({focus, *graph.predecessors(focus), *graph.successors(focus)}).copy()
    elif focus is not None:
        return "<p class='mkg-empty'>Nobody asked or answered questions of this entity in the minutes.</p>"
    if graph.number_of_nodes() == 0:
        return "<p class='mkg-empty'>No questions with recorded answers in the graph yet.</p>"
    if graph.number_of_nodes() > MAX_NODES:
        busiest = sorted(graph.degree(weight="weight"), key=lambda nd: (-nd[1], nd[0]))[:MAX_NODES]
        graph = graph.subgraph(n for n, _ in busiest).copy()
    nodes = sorted(graph.nodes, key=lambda n: str(graph.nodes[n].get("label", n)).lower())
    width, height, radius = 680, 440, 160
    centre, middle = width / 2, height / 2 + 10
    place = {focus: (centre, middle)} if focus is not None else {}  # a focused entity sits in the middle
    around = [n for n in nodes if n != focus]
    for k, node in enumerate(around):
        angle = 2 * math.pi * k / len(around) - math.pi / 2
        place[node] = (centre + radius * math.cos(angle), middle + radius * math.sin(angle))
    parts = [
        _open(width, height, title),
        "<defs><marker id='mkg-arrow' viewBox='0 0 10 10' refX='9' refY='5' markerUnits='userSpaceOnUse' "
        "markerWidth='10' markerHeight='10' "
        "orient='auto-start-reverse'><path d='M 0 0 L 10 5 L 0 10 z' fill='#888'/></marker></defs>",
        f"<text x='4' y='16' font-size='13' font-weight='bold'>{escape(title)}</text>",
    ]
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        (x1, y1), (x2, y2) = place[a], place[b]
        x1, y1, x2, y2 = _arrow(x1, y1, x2, y2, 9)
        weight = int(data.get("weight", 1))
        label_a, label_b = graph.nodes[a].get("label", a), graph.nodes[b].get("label", b)
        parts.append(
            f"<line x1='{x1:.0f}' y1='{y1:.0f}' x2='{x2:.0f}' y2='{y2:.0f}' stroke='#888' "
            f"stroke-width='{min(1 + weight, 6)}' marker-end='url(#mkg-arrow)'>"
            f"<title>{escape(str(label_a))} asked {escape(str(label_b))}: {weight}</title></line>"
        )
    for node in nodes:
        x, y = place[node]
        label = str(graph.nodes[node].get("label", node))
        colour = "#c0392b" if node == focus else "#3b6fb6"
        anchor = "start" if x >= centre else "end"
        dx = 10 if x >= centre else -10
        parts.append(
            f"<circle cx='{x:.0f}' cy='{y:.0f}' r='7' fill='{colour}'><title>{escape(label)}</title></circle>"
            f"<text x='{x + dx:.0f}' y='{y + 4:.0f}' text-anchor='{anchor}'>{escape(_clip(label, 24))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
