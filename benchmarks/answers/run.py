"""The answer benchmark: plays questions through the running stack and scores each last reply.

REST with the action server, as the widget does. Each question gets its own conversation; its turns are
sent in order and the last reply is scored against the question's fact key (scoring.py). The route is
read from the conversation's tracker (Rasa's HTTP API, with a token): the actions that ran after the
last user message.
Starts its own stack unless CAF_STACK_URL (and CAF_STACK_TOKEN) name a running one. Prints figures;
asserts nothing. Details of every question go to var/results/answers-<split>.json.
Usage: python benchmarks/answers/run.py [--split test|dev|all] [--failures N] [--workers 3]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
import urllib.request
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from scoring import KINDS, ROUTES, facts_hold, route_of, wrong_figure  # noqa: E402

ROOT = HERE.parents[1]
ESTIMATE_ACTIONS = ("estimate_form", "action_estimate", "action_ask_est", "action_estimate_cancel", "utter_ask_est",
                    "action_ask_type_estimation", "utter_ask_type_estimation")
CHITCHAT_ACTIONS = ("utter_greet", "action_greet", "utter_goodbye", "utter_thank", "utter_capabilities", "utter_ok",
                    "action_set_location")


# the question sets, each split into dev.yml and test.yml: the answers, and the estimates (issue 8)
QUESTION_SETS = {"answers": HERE, "estimates": HERE.parent / "estimates"}


def load_split(split: str, question_set: str = "answers") -> list[dict]:
    """The questions of a split: ``<split>.yml`` and its later additions ``<split>_*.yml``."""
    names = ["test", "dev"] if split == "all" else [split]
    questions = []
    for name in names:
        folder = QUESTION_SETS[question_set]
        for path in [folder / f"{name}.yml", *sorted(folder.glob(f"{name}_*.yml"))]:
            if path.exists():
                questions += yaml.safe_load(path.read_text(encoding="utf-8"))
    return questions


def post(url: str, path: str, payload: dict, token: str | None = None) -> list | dict:
    query = f"?token={token}" if token else ""
    request = urllib.request.Request(f"{url}{path}{query}", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"[]")


def get(url: str, path: str, token: str) -> dict:
    with urllib.request.urlopen(f"{url}{path}?token={token}", timeout=60) as response:
        return json.loads(response.read())


def actions_after_last_user(tracker: dict) -> list[str]:
    events = tracker.get("events", [])
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return [e["name"] for e in events[last_user + 1:] if e.get("event") == "action"
            and e.get("name") not in ("action_listen", "action_extract_slots", "action_session_start")]


def _unknown_texts() -> set[str]:
    """The texts of the domain's « je ne sais pas » response (bot/domain), whichever action sent it."""
    texts = set()
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        texts |= {" ".join(str(v.get("text", "")).split()) for v in responses.get("utter_unknown", [])}
    return texts - {""}


UNKNOWN_TEXTS = _unknown_texts()


def route_from(actions: list[str], messages: list[dict]) -> str:
    """What the user got: an estimate, an answer with its sources, else what the actions that ran say.

    A guard that hands a message on (the beneficiary redirection or the hand-off offer finding a question
    on an offer, the estimate finding no project) sends what it handed on to: its sources make it an answer.
    """
    payloads = {m["custom"].get("type") for m in messages if isinstance(m.get("custom"), dict)}
    has_sources = "sources" in payloads
    if "estimate" in payloads:
        return "estimate"
    if has_sources:
        return "answer"
    if any(" ".join(str(m.get("text", "")).split()) in UNKNOWN_TEXTS for m in messages):
        return "unknown"  # « je ne sais pas », also when the estimate or a guard handed the message on to the answer path
    # the answer action hands a message with a project's figures over to the estimate form: the estimate wins
    if any(name.startswith(ESTIMATE_ACTIONS) for name in actions):
        return "estimate"
    for name in actions:
        if name.startswith(ESTIMATE_ACTIONS) or name.startswith("validate_estimate"):
            return "estimate"
        if name == "action_redirect_beneficiary":
            return "redirect"
        if name.startswith("action_handoff") or name.startswith("handoff_form") or name == "action_give_contact":
            return "handoff"
        if name in ("utter_out_of_scope", "action_out_of_scope"):
            return "unknown"
        if name == "action_answer_from_sheets":
            return "answer" if has_sources else "unknown"
        if name in CHITCHAT_ACTIONS:
            return "chitchat"
    return "answer" if has_sources else "unknown"


def reply_text(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages if m.get("text"))


def play(url: str, token: str, question: dict) -> dict:
    sender = f"bench-{question['id']}-{uuid.uuid4().hex[:6]}"
    started = time.perf_counter()
    messages: list[dict] = []
    for turn in question["turns"]:
        messages = post(url, "/webhooks/rest/webhook", {"sender": sender, "message": turn})
    seconds = time.perf_counter() - started
    tracker = get(url, f"/conversations/{sender}/tracker", token)
    actions = actions_after_last_user(tracker)
    route = route_from(actions, messages)
    text = reply_text(messages)
    expected = route_of(question)
    # an answer, or an estimate with its expected figure: the facts must be in the reply
    holds, problems = facts_hold(question, text) if expected in ("answer", "estimate") else (True, [])
    if expected == "answer":
        verdict = "right" if route == "answer" and holds else "idk" if route == "unknown" else "wrong"
    else:
        verdict = "right" if route == expected and holds else "wrong"
    return {"id": question["id"], "kind": question["kind"], "away": bool(question.get("away")),
            "estimate": question.get("estimate"),
            "behaviour": question.get("behaviour") or ("one_shot" if len(question["turns"]) == 1 else "conversation"),
            "expected_route": expected, "route": route, "verdict": verdict, "problems": problems,
            "superseded": expected == "answer" and route == "answer" and wrong_figure(question, text),
            "actions": actions, "turns": question["turns"], "reply": text, "seconds": round(seconds, 3)}


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} %" if b else "    - "


def report(results: list[dict], split: str) -> None:
    print(f"\nAnswer benchmark, split {split}: {len(results)} questions through REST")
    print(f"{'kind':14} {'n':>4} {'right':>8} {'wrong':>8} {'idk':>8}")
    by_kind = defaultdict(list)
    for r in results:
        by_kind[r["kind"]].append(r)
    for kind in KINDS:
        rows = by_kind.get(kind)
        if not rows:
            continue
        c = Counter(r["verdict"] for r in rows)
        print(f"{kind:14} {len(rows):4} {pct(c['right'], len(rows)):>8} {pct(c['wrong'], len(rows)):>8} "
              f"{pct(c['idk'], len(rows)):>8}")
    c = Counter(r["verdict"] for r in results)
    print(f"{'all':14} {len(results):4} {pct(c['right'], len(results)):>8} {pct(c['wrong'], len(results)):>8} "
          f"{pct(c['idk'], len(results)):>8}")
    away = [r for r in results if r["away"]]
    answered = [r for r in results if r["expected_route"] == "answer"]
    refusals = [r for r in results if r["kind"] in ("out_of_scope", "unanswerable", "beneficiary")]
    print("\nTargets")
    print(f"  right                                    {pct(c['right'], len(results))}  (target ≥ 92 %)")
    print(f"  right, worded away from the sheets       {pct(sum(r['verdict'] == 'right' for r in away), len(away))}"
          f"  (n={len(away)})")
    print(f"  superseded figure stated as current      {pct(sum(r['superseded'] for r in results), len(results))}"
          "  (target ≤ 3 %)")
    print(f"  unanswerable / out of scope / own case   {pct(sum(r['verdict'] == 'right' for r in refusals), len(refusals))}"
          f"  (target ≥ 95 %, n={len(refusals)})")
    print(f"  false « je ne sais pas »                 {pct(sum(r['route'] == 'unknown' for r in answered), len(answered))}"
          f"  (target ≤ 5 %, of {len(answered)} answerable)")
    print("\nRoutes (rows: needed, columns: taken)")
    print(f"{'':10}" + "".join(f"{r:>10}" for r in ROUTES))
    for need in ROUTES:
        rows = [r for r in results if r["expected_route"] == need]
        if rows:
            got = Counter(r["route"] for r in rows)
            print(f"{need:10}" + "".join(f"{got.get(r, 0):10}" for r in ROUTES))
    seconds = sorted(r["seconds"] for r in results)
    print(f"\nseconds per question (all its turns): median {seconds[len(seconds) // 2]:.2f}, "
          f"max {seconds[-1]:.2f}")


def report_estimates(results: list[dict], split: str) -> None:
    """The estimates' set: right figure in the last reply, per kind of estimate and per behaviour."""
    print(f"\nEstimate benchmark, split {split}: {len(results)} questions through REST")
    for field, label in (("estimate", "kind of estimate"), ("behaviour", "behaviour")):
        print(f"\n{label:22} {'n':>4} {'right':>8}")
        groups = defaultdict(list)
        for r in results:
            groups[r[field] or "-"].append(r)
        for name in sorted(groups):
            rows = groups[name]
            print(f"{name:22} {len(rows):4} {pct(sum(r['verdict'] == 'right' for r in rows), len(rows)):>8}")
    one_shot = [r for r in results if r["behaviour"] == "one_shot"]
    conversations = [r for r in results if r["behaviour"] != "one_shot"]
    print("\nTargets")
    print(f"  one-shot: right figure in the first reply {pct(sum(r['verdict'] == 'right' for r in one_shot), len(one_shot))}"
          f"  (target ≥ 95 %, n={len(one_shot)})")
    print(f"  conversations reaching the right figure   "
          f"{pct(sum(r['verdict'] == 'right' for r in conversations), len(conversations))}"
          f"  (target 100 %, n={len(conversations)})")
    print("\nRoutes taken: " + ", ".join(f"{k} {v}" for k, v in Counter(r["route"] for r in results).most_common()))
    seconds = sorted(r["seconds"] for r in one_shot) or [0.0]
    print(f"seconds per one-shot question: median {seconds[len(seconds) // 2]:.2f}, max {seconds[-1]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="test", choices=("test", "dev", "all"))
    parser.add_argument("--set", default="answers", choices=tuple(QUESTION_SETS), help="which question set")
    parser.add_argument("--failures", type=int, default=0, help="print this many failures")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--only", default="", help="ids, comma-separated")
    parser.add_argument("--file", default="", help="another question file instead of a split")
    args = parser.parse_args()
    questions = yaml.safe_load(Path(args.file).read_text(encoding="utf-8")) if args.file else load_split(args.split, args.set)
    if args.only:
        wanted = set(args.only.split(","))
        questions = [q for q in questions if q["id"] in wanted]
    stack = None
    if os.environ.get("CAF_STACK_URL"):
        url, token = os.environ["CAF_STACK_URL"], os.environ.get("CAF_STACK_TOKEN", "")
    else:
        sys.path.insert(0, str(ROOT))
        from caf_assistant.stack import start_stack

        token = secrets.token_hex(16)
        stack = start_stack(log_dir=ROOT / "var" / "logs" / "bench-answers", api_token=token,
                            database_url=f"sqlite:///{(ROOT / 'var' / 'bench-answers.db').resolve()}")
        print(f"stack ready in {stack.ready_seconds:.0f} s")
        url = stack.rasa_url
    try:
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            results = list(pool.map(lambda q: play(url, token, q), questions))
    finally:
        if stack:
            stack.stop()
    name = Path(args.file).stem if args.file else args.split  # a file's results do not overwrite a split's
    out = ROOT / "var" / "results" / f"{args.set}-{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    (report_estimates if args.set == "estimates" else report)(results, name)
    failures = [r for r in results if r["verdict"] != "right"]
    for r in failures[: args.failures]:
        print(f"\n[{r['id']} {r['kind']}] need {r['expected_route']}, got {r['route']} {r['actions']}: {r['problems']}")
        print("  Q: " + " / ".join(r["turns"]))
        print("  R: " + r["reply"][:500].replace("\n", "\n     "))
    print(f"\ndetails: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
