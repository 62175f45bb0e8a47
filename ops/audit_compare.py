"""Judge two coders on the same verdicts: lay out the union of their events, then score each on it.

A judged audit (../shared/eval/audit.md) of one coder says nothing about a change unless the other coder is judged
on the same articles by the same judge. So both coders' events go into one layout, the judge does not know which
coded which, and each coder is scored on the verdicts of its own events.

    python ops/audit_compare.py union --articles A.jsonl --before B.jsonl --after C.jsonl --out DIR
    (judges write DIR/verdicts_*.jsonl as the brief says)
    python ops/audit_compare.py score --out DIR
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

VALUE = {"correct": 1.0, "partial": 0.5, "wrong": 0.0}
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.8), (0.8, 1.01))


def file_name(article_id: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in article_id)[:60] + ".txt"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


JUDGED = ("event_date", "event_type", "sub_event_type", "cameo_code", "actor1", "actor2", "location", "fatalities")


def judged_key(e: dict) -> str:
    """An event as the judge sees it: its id and every field laid out, so that one id coded differently by the
    two coders (a side changed, a place) is laid out, judged and scored twice."""
    return e["event_id"] + "|" + json.dumps([e.get(k) for k in JUDGED], sort_keys=True)


def members(first: list[dict], second: list[dict]) -> dict[str, object]:
    """Which laid-out events each coder made, and each one's own confidence (the layout shows the second's)."""
    return {"before": [judged_key(e) for e in first], "after": [judged_key(e) for e in second],
            "confidence": {"before": {judged_key(e): e["confidence"] for e in first},
                           "after": {judged_key(e): e["confidence"] for e in second}}}


def union(articles: Path, before: Path, after: Path, out: Path) -> None:
    """Both coders' events in article order (each event once), laid out by ops/audit_layout.py."""
    order = {str(a["id"]): i for i, a in enumerate(read_jsonl(articles))}
    first, second = read_jsonl(before), read_jsonl(after)
    events = {judged_key(e): e for e in first} | {judged_key(e): e for e in second}
    ordered = sorted(events.values(), key=lambda e: (order.get(str(e["article_id"]), 0),
                                                     e["sources"][0].get("start") or 0, e["event_id"],
                                                     judged_key(e)))
    out.mkdir(parents=True, exist_ok=True)
    (out / "union.jsonl").write_text("".join(json.dumps(e) + "\n" for e in ordered), encoding="utf-8")
    (out / "members.json").write_text(json.dumps(members(first, second)), encoding="utf-8")
    subprocess.run([sys.executable, str(Path(__file__).with_name("audit_layout.py")), "--articles", str(articles),
                    "--events", str(out / "union.jsonl"), "--out", str(out)], check=True)


def own_verdicts(events: list[dict], verdicts: dict[int, dict], wanted: set[str]) -> dict[int, tuple[str, str]]:
    """The verdict of each of one coder's events of one article. The judge links the versions of one happening
    with "duplicate_of", across both coders' events; the links make clusters, and a coder is held to one event per
    happening: in each cluster its event the judge did not call a duplicate keeps its verdict (else its first, judged
    as it would be alone: the brief's "alone"), and its other events there are duplicates. So the two coders are
    scored alike whichever of their versions the layout happens to list first (the union sorts versions by their
    fields, so one coder's often come first and drew the duplicate flags of both)."""
    parent = {i: i for i in verdicts}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for i, v in verdicts.items():
        twin = v.get("duplicate_of")
        if str(v.get("kind")) == "duplicate" and isinstance(twin, int) and twin in parent:
            parent[root(i)] = root(twin)
    mine = [i for i in sorted(verdicts) if i < len(events) and judged_key(events[i]) in wanted]
    clusters: dict[int, list[int]] = {}
    for i in mine:
        clusters.setdefault(root(i), []).append(i)
    out: dict[int, tuple[str, str]] = {}
    for members in clusters.values():
        flagged = [i for i in members if str(verdicts[i].get("kind")) == "duplicate"]
        keep = next((i for i in members if i not in flagged), members[0])
        for i in members:
            v = verdicts[i]
            if i != keep:
                out[i] = ("wrong", "duplicate")
            elif i in flagged and v.get("alone") in VALUE:
                out[i] = (str(v["alone"]), str(v.get("alone_kind") or ("ok" if v["alone"] == "correct" else "other")))
            else:
                out[i] = (str(v["verdict"]), str(v.get("kind")))
    return out


def score(out: Path) -> dict[str, dict[str, object]]:
    """Each coder's events, verdicts, precision (partly right counts half), right-or-partial events against the
    judges' reportable events, and precision by confidence band."""
    by_file: dict[str, list[dict]] = defaultdict(list)
    for e in read_jsonl(out / "union.jsonl"):
        by_file[file_name(str(e["article_id"]))].append(e)
    verdicts: dict[tuple[str, int], dict] = {}
    reportable = 0
    for path in sorted(out.glob("verdicts_*.jsonl")):
        for v in read_jsonl(path):
            if "index" in v:
                verdicts[(v["file"], int(v["index"]))] = v
            else:
                reportable += int(v.get("n_reportable_events_in_article") or 0)
    members = json.loads((out / "members.json").read_text(encoding="utf-8"))
    report: dict[str, dict[str, object]] = {}
    own = members.pop("confidence", {})
    for name, ids in members.items():
        wanted = set(ids)
        confidence = own.get(name, {})
        counts: Counter[str] = Counter()
        raw: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        bands: dict[str, list[float]] = defaultdict(list)
        unjudged = 0
        for f, events in by_file.items():
            judged = own_verdicts(events, {i: v for (g, i), v in verdicts.items() if g == f}, wanted)
            for i, e in enumerate(events):
                if judged_key(e) not in wanted:
                    continue
                v = verdicts.get((f, i))
                if v is None:
                    unjudged += 1
                    continue
                raw[v["verdict"]] += 1
                verdict, kind = judged[i]
                counts[verdict] += 1
                kinds[kind] += 1
                conf = float(confidence.get(judged_key(e), e["confidence"]))
                lo, hi = next(b for b in BANDS if b[0] <= conf < b[1])
                bands[f"{lo}-{min(hi, 1.0)}"].append(VALUE[verdict])
        n = sum(counts.values())
        report[name] = {
            "events": n, "unjudged": unjudged, "verdicts": dict(counts), "kinds": dict(kinds.most_common()),
            "precision": round(sum(VALUE[k] * c for k, c in counts.items()) / n, 3) if n else None,
            "precision_as_judged": round(sum(VALUE[k] * c for k, c in raw.items()) / n, 3) if n else None,
            "right_or_partial": counts["correct"] + counts["partial"], "reportable": reportable,
            "precision_by_confidence": {b: {"n": len(x), "precision": round(sum(x) / len(x), 3)}
                                        for b, x in sorted(bands.items())},
        }
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    u = sub.add_parser("union", help="lay out both coders' events for the judges")
    u.add_argument("--articles", type=Path, required=True)
    u.add_argument("--before", type=Path, required=True, help="events of the first coder (extract output)")
    u.add_argument("--after", type=Path, required=True, help="events of the second coder")
    u.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score", help="score each coder on the judges' verdicts")
    s.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    if args.command == "union":
        union(args.articles, args.before, args.after, args.out)
    else:
        print(json.dumps(score(args.out), indent=1))


if __name__ == "__main__":
    main()
