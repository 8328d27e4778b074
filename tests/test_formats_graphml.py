"""GraphML of one session: read back by networkx and igraph, and refused safely when hostile."""

from __future__ import annotations

import io

import igraph
import networkx as nx
import pytest

from ipt_network.errors import ValidationError
from ipt_network.export import data_file
from ipt_network.formats import graphml
from tests.export_data import found_in, identifying_words, sample

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <key id="d0" for="node" attr.name="name" attr.type="string"/>
 <graph edgedefault="undirected"><node id="a"><data key="d0">&lol9;</data></node></graph>
</graphml>"""
"""10^9 "lol"s (3 GB) from under 1 kB, if an XML parser expands entities."""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="&secret;"/></graph></graphml>"""


@pytest.fixture(scope="module")
def rosa():
    return sample("rosa")


def test_networkx_reads_people_ties_and_links_with_their_attributes(rosa):
    G = nx.read_graphml(io.BytesIO(graphml.dumps(rosa, 12)))
    session = rosa.session(12)
    assert {k: G.graph[k] for k in ("format", "client", "session", "date", "phase")} == {
        "format": "ipt-network", "client": "c-rosa", "session": 12, "date": "2026-04-06", "phase": "middle"}
    assert G.nodes["c-rosa"] == {"kind": "client", "label": "Rosa"}
    assert len(G) == 1 + len(session.ties)
    ines = next(t for t in session.ties if rosa.person(t.person).name == "Inés")
    node = G.nodes[ines.person]
    assert (node["name"], node["role"], node["circle"], node["deceased"]) == ("Inés", "other_family", ines.circle,
                                                                              False)
    assert G.edges["c-rosa", ines.person] == {
        "kind": "tie", "support": ines.support, "conflict": ines.conflict, "circle": ines.circle,
        **{k: getattr(getattr(ines, k), "value", getattr(ines, k)) for k in ("contact", "focus", "note")
           if getattr(ines, k) not in (None, "")}}
    # Mr Byrne died on 2026-04-02, before session 12 (2026-04-06): still drawn, marked
    byrne = G.nodes[next(p.id for p in rosa.people if p.name == "Mr Byrne")]
    assert (byrne["deceased"], byrne["deceased_on"]) == (True, "2026-04-02")
    links = [(a, b, d) for a, b, d in G.edges(data=True) if d["kind"] == "link"]
    assert len(links) == len(session.links)
    assert {(frozenset((a, b)), d["support"], d["conflict"]) for a, b, d in links} == {
        (k.pair, k.support, k.conflict) for k in session.links}


def test_valence_follows_the_ratings(rosa):
    G = nx.read_graphml(io.BytesIO(graphml.dumps(rosa, 12)))
    for tie in rosa.session(12).ties:
        # T = 5: supportive s≥5,c<5; ambivalent both ≥5; aversive c≥5,s<5; indifferent both <5
        expected = {(True, False): "supportive", (True, True): "ambivalent", (False, True): "aversive",
                    (False, False): "indifferent"}[tie.support >= 5, tie.conflict >= 5]
        assert G.nodes[tie.person]["valence"] == expected


def test_igraph_reads_the_same_network(rosa, tmp_path):
    path = tmp_path / "rosa.graphml"
    graphml.write(rosa, 12, path)
    g = igraph.Graph.Read_GraphML(str(path))
    session = rosa.session(12)
    assert g.vcount() == 1 + len(session.ties) and g.ecount() == len(session.ties) + len(session.links)
    by_id = {v["id"]: v for v in g.vs}
    assert by_id["c-rosa"]["kind"] == "client" and by_id["c-rosa"]["label"] == "Rosa"
    for tie in session.ties:
        person = by_id[tie.person]
        assert (person["name"], person["circle"]) == (rosa.person(tie.person).name, tie.circle)
        edge = g.es[g.get_eid(by_id["c-rosa"].index, person.index)]
        assert (edge["kind"], edge["support"], edge["conflict"]) == ("tie", tie.support, tie.conflict)


def test_our_own_file_reads_back_to_the_same_session(rosa):
    back = graphml.loads(graphml.dumps(rosa, 12))
    [session] = back.sessions
    original = rosa.session(12)
    assert (session.number, session.date, session.phase) == (original.number, original.date, original.phase)
    assert sorted(session.ties, key=lambda t: t.person) == sorted(original.ties, key=lambda t: t.person)
    assert {(k.pair, k.support, k.conflict) for k in session.links} == {
        (k.pair, k.support, k.conflict) for k in original.links}
    assert back.client.label == "Rosa" and back.client.start_date == rosa.client.start_date
    assert {p.id: (p.name, p.role, p.deceased_on) for p in back.people} == {
        t.person: (rosa.person(t.person).name, rosa.person(t.person).role, rosa.person(t.person).deceased_on)
        for t in original.ties}


def test_a_tie_carried_forward_unrated_says_so_and_reads_back(rosa):
    session = rosa.session(12)
    ties = [tie.model_copy(update={"rated": tie.person != "p-lola"}) for tie in session.ties]
    doc = rosa.model_copy(update={"sessions": [session.model_copy(update={"ties": ties})]})
    G = nx.read_graphml(io.BytesIO(graphml.dumps(doc, 12)))
    assert {b: d["rated"] for a, b, d in G.edges(data=True) if "rated" in d} == {"p-lola": False}
    [back] = graphml.loads(graphml.dumps(doc, 12)).sessions
    assert sorted(back.ties, key=lambda t: t.person) == sorted(ties, key=lambda t: t.person)


def test_billion_laughs_is_refused_before_any_expansion():
    with pytest.raises(ValidationError, match="DTD or entity declarations, which are refused for safety"):
        graphml.loads(BILLION_LAUGHS, "lol.graphml")


def test_an_external_entity_is_refused():
    with pytest.raises(ValidationError, match="refused for safety") as refused:
        graphml.loads(EXTERNAL_ENTITY, "xxe.graphml")
    assert "root:" not in str(refused.value)


def test_what_networkx_would_accept_silently_is_refused_by_the_model_rules(rosa):
    text = graphml.dumps(rosa, 1).decode("utf-8")
    dangling = text.replace("</graph>", '<edge source="c-rosa" target="p-ghost"><data key="d14">tie</data>'
                                        "</edge></graph>")
    with pytest.raises(ValidationError, match="p-ghost"):
        graphml.loads(dangling.encode(), "ghost.graphml")
    self_link = text.replace("</graph>", '<edge source="p-marta" target="p-marta"><data key="d14">link</data>'
                                         '<data key="d15">3</data><data key="d16">3</data></edge></graph>')
    with pytest.raises(ValidationError, match="cannot be linked to themselves"):
        graphml.loads(self_link.encode(), "self.graphml")
    too_much = text.replace('<data key="d15">8</data>', '<data key="d15">80</data>', 1)
    with pytest.raises(ValidationError, match="support must be an integer 0–10, got 80"):
        graphml.loads(too_much.encode(), "range.graphml")


def test_not_xml_and_not_ours_are_refused_plainly(tmp_path):
    with pytest.raises(ValidationError, match="not well-formed XML"):
        graphml.loads(b"<graphml><graph>", "cut.graphml")
    other = io.BytesIO()
    nx.write_graphml(nx.path_graph(3), other)
    with pytest.raises(ValidationError, match="not an ipt-network session"):
        graphml.loads(other.getvalue(), "path.graphml")
    missing = tmp_path / "missing.graphml"
    with pytest.raises(ValidationError, match=r"missing\.graphml"):
        graphml.read(missing)


def test_hidden_names_reach_the_graphml_too(rosa):
    exported = data_file(rosa, "graphml", number=12, hide_names=True)
    assert found_in(exported.content.decode("utf-8"), identifying_words(rosa)) == []
    assert exported.filename == "client-session-12-network.graphml"
    G = nx.read_graphml(io.BytesIO(exported.content))
    assert G.nodes["client"]["label"] == "Client"
    assert "Partner" in {d.get("name") for _, d in G.nodes(data=True)}


def test_a_graphml_file_imports_as_a_client_with_that_one_session(rosa, tmp_path):
    from click.testing import CliRunner

    from ipt_network.cli import main
    from ipt_network.store import Store

    path = tmp_path / "rosa-s9.graphml"
    graphml.write(rosa, 9, path)
    db = f"sqlite:///{tmp_path / 'g.db'}"
    result = CliRunner().invoke(main, ["--db", db, "import", str(path)])
    assert (result.exit_code, result.output) == (0, f"{rosa.client.id}\n")
    with Store.open(db) as store:
        imported = store.load(rosa.client.id).document
    assert [s.number for s in imported.sessions] == [9]
    assert imported.sessions[0].ties == rosa.session(9).ties
