"""Paper rounds: a group played from handouts; the facilitator enters its results sheet.

A paper session has no moves: what a results sheet records is who played (the group), the
scenario and the option agreed on each issue (or no deal). `build_paper_transcript` turns that into
a transcript marked `mode: "paper"` whose outcome is scored exactly as the app scores a played
session (simulator.scoring.debrief.outcome_score, each party's value by
simulator.engine.agreement.party_value), so one class report covers a mixed class.
Relationship, discovery and process are not measured on paper and are absent from `scores`;
`total` is the outcome (docs/transcript.md).

`read_results_csv` reads a results-sheet CSV (docs/classroom.md describes the columns) and
`csv_template` writes the header a facilitator fills in for a scenario.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from simulator.classroom.transcript import PackStamp, PartyResult, PlayerTag, Transcript, now
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Scenario
from simulator.errors import ContentError

NO_DEAL = "no deal"
"""What a cell (or the `deal` column) says when the group reached no agreement."""
AGREED_TITLE = "Agreement (on paper)"
NO_DEAL_TITLE = "No deal (on paper)"
GROUP_COLUMNS = ("group", "alias")
KNOWN_COLUMNS = frozenset({"group", "alias", "scenario", "round", "deal", "started_at", "finished_at", "name"})


class PaperError(ContentError, ValueError):
    """A results sheet row that cannot be scored; the message names the row and the problem."""


def build_paper_transcript(
    loaded: LoadedScenario,
    agreement: Mapping[str, str] | None,
    *,
    group: str,
    round_id: str | None = None,
    name: str | None = None,
    started_at: datetime | None = None,
    finished_at: datetime | None = None,
) -> Transcript:
    """The transcript of a paper session of `loaded` that agreed on `agreement` (issue id: option
    id; an issue left out stayed open and counts 0), or reached no deal (None).

    Raises PaperError for an unknown issue or option."""
    from simulator import __version__
    from simulator.scoring.debrief import outcome_score, settled_outcomes

    scenario = loaded.scenario
    if agreement is not None:
        _check_agreement(scenario, agreement)
    names = {pid: p.name for pid, p in loaded.personas.items()}
    parties = settled_outcomes(scenario, names, None if agreement is None else dict(agreement))
    agreed = agreement is not None and parties[0].value is not None
    outcome = max(0, min(100, round(outcome_score(scenario, parties, ended=True))))
    finished = finished_at or now()
    return Transcript(
        yesable_version=__version__,
        pack=PackStamp(id=loaded.pack.id, version=loaded.pack.version, content_hash=loaded.content_hash),
        scenario=loaded.ref,
        scenario_title=scenario.title,
        player=PlayerTag(alias=group, name=name),
        round=round_id,
        mode="paper",
        seed=0,
        started_at=started_at or finished,
        finished_at=finished,
        moves=[],
        ended=True,
        ending=None,
        ending_title=AGREED_TITLE if agreed else NO_DEAL_TITLE,
        ending_kind="agreement" if agreed else "impasse",
        scores={"total": outcome, "outcome": outcome},
        styles={},
        agreement=dict(agreement) if agreed and agreement is not None else {},
        parties=[
            PartyResult(party=p.party, name=p.name, value=p.value, batna_value=p.batna_value, above_batna=p.above_batna)
            for p in parties
        ],
    )


def _check_agreement(scenario: Scenario, agreement: Mapping[str, str]) -> None:
    issues = {issue.id: issue for issue in scenario.issues}
    for issue_id, option in agreement.items():
        if issue_id not in issues:
            raise PaperError(f"{scenario.id} has no issue {issue_id!r} (issues: {', '.join(issues) or 'none'})")
        options = [o.id for o in issues[issue_id].options]
        if option not in options:
            raise PaperError(f"issue {issue_id!r} has no option {option!r} (options: {', '.join(options)})")


@dataclass(frozen=True)
class SheetRow:
    """One results-sheet row, resolved against its scenario."""

    line: int
    loaded: LoadedScenario
    group: str
    agreement: dict[str, str] | None
    round_id: str | None
    name: str | None
    started_at: datetime | None
    finished_at: datetime | None

    def transcript(self, round_id: str | None = None) -> Transcript:
        return build_paper_transcript(
            self.loaded,
            self.agreement,
            group=self.group,
            round_id=self.round_id or round_id,
            name=self.name,
            started_at=self.started_at,
            finished_at=self.finished_at,
        )


def _key(text: str) -> str:
    return " ".join(text.strip().casefold().replace("_", " ").split())


def _time(text: str, column: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise PaperError(
            f"{column} {text!r} is not an ISO 8601 time (e.g. 2026-12-04T09:30 or 2026-12-04T09:30:00Z)"
        ) from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def read_results_csv(
    text: str,
    find: Callable[[str], LoadedScenario | None],
    default_scenario: str | None = None,
) -> tuple[list[SheetRow], list[str]]:
    """The rows of a results-sheet CSV and one error line per row that cannot be scored.

    `find` resolves a `scenario` cell (`pack/scenario` or a unique id) to its installed scenario;
    `default_scenario` stands for an empty or absent `scenario` column."""
    from simulator.classroom.alias import alias_problem

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None:
        return [], ["the CSV is empty: it needs a header row (yesable record --template SCENARIO prints one)"]
    headers = {_key(h): h for h in reader.fieldnames if h is not None}
    group_column = next((headers[c] for c in GROUP_COLUMNS if c in headers), None)
    if group_column is None:
        return [], ["the CSV has no `group` (or `alias`) column"]
    if "scenario" not in headers and default_scenario is None:
        return [], ["the CSV has no `scenario` column: add one, or name the scenario with --scenario"]
    rows: list[SheetRow] = []
    errors: list[str] = []
    for number, raw in enumerate(reader, start=2):
        cells = {_key(k): (v or "").strip() for k, v in raw.items() if k is not None and isinstance(v, str)}
        if not any(cells.values()):
            continue
        try:
            rows.append(_row(number, cells, raw[group_column] or "", find, default_scenario, alias_problem))
        except PaperError as exc:
            errors.append(f"row {number}: {exc}")
    return rows, errors


def _row(
    number: int,
    cells: dict[str, str],
    group: str,
    find: Callable[[str], LoadedScenario | None],
    default_scenario: str | None,
    alias_problem: Callable[[str], str | None],
) -> SheetRow:
    group = group.strip()
    problem = alias_problem(group)
    if problem is not None:
        raise PaperError(f"group {group!r}: {problem}")
    loaded = _row_scenario(cells, find, default_scenario)
    no_deal, agreement = _row_agreement(loaded, cells)
    return SheetRow(
        line=number,
        loaded=loaded,
        group=group,
        agreement=None if no_deal or not agreement else agreement,
        round_id=cells.get("round") or None,
        name=cells.get("name") or None,
        started_at=_time(cells.get(_key("started_at"), ""), "started_at"),
        finished_at=_time(cells.get(_key("finished_at"), ""), "finished_at"),
    )


def _row_scenario(
    cells: dict[str, str], find: Callable[[str], LoadedScenario | None], default_scenario: str | None
) -> LoadedScenario:
    """The installed scenario a row names (or the default one); PaperError if none."""
    ref = cells.get("scenario") or default_scenario or ""
    if not ref:
        raise PaperError("no scenario")
    loaded = find(ref)
    if loaded is None:
        raise PaperError(f"scenario {ref!r} is not installed (yesable list shows those that are)")
    return loaded


def _issue_columns(loaded: LoadedScenario) -> dict[str, tuple[str, dict[str, str]]]:
    """column key -> (issue id, option key -> option id), for the issue's id and its title; an
    option is known by its id and its title (as written and as the sheet prints it)."""
    from simulator.classroom.handout_data import say

    by_column: dict[str, tuple[str, dict[str, str]]] = {}
    for issue in loaded.scenario.issues:
        options = {}
        for option in issue.options:
            options[_key(option.id)] = option.id
            options[_key(option.title)] = option.id
            options[_key(say(loaded, option.title))] = option.id
        by_column[_key(issue.id)] = (issue.id, options)
        by_column[_key(issue.title)] = (issue.id, options)
        by_column[_key(say(loaded, issue.title))] = (issue.id, options)
    return by_column


def _row_agreement(loaded: LoadedScenario, cells: dict[str, str]) -> tuple[bool, dict[str, str]]:
    """(whether the row says no deal, issue id -> the option it names); PaperError for a cell
    that is no issue or option of the scenario, or a row saying both."""
    scenario = loaded.scenario
    by_column = _issue_columns(loaded)
    no_deal = _key(cells.get("deal", "")) in (_key(NO_DEAL), "no", "none")
    agreement: dict[str, str] = {}
    for column, value in cells.items():
        if column in {_key(c) for c in KNOWN_COLUMNS} or not value:
            continue
        if _key(value) == _key(NO_DEAL):
            no_deal = True
            continue
        if column not in by_column:
            raise PaperError(
                f"column {column!r} is not an issue of {loaded.ref} "
                f"(issues: {', '.join(i.id for i in scenario.issues) or 'none'})"
            )
        issue_id, options = by_column[column]
        chosen = options.get(_key(value))
        if chosen is None:
            raise PaperError(
                f"{issue_id}: {value!r} is not one of its options "
                f"({', '.join(o.id for o in next(i for i in scenario.issues if i.id == issue_id).options)})"
            )
        if agreement.get(issue_id, chosen) != chosen:
            raise PaperError(f"{issue_id}: two different options ticked")
        agreement[issue_id] = chosen
    if no_deal and agreement:
        raise PaperError("says no deal but also names agreed options; leave those cells empty")
    return no_deal, agreement


def csv_template(loaded: LoadedScenario) -> str:
    """A results-sheet CSV header for `loaded`, with one example row per ending kind: the columns
    `record` reads, an issue's column holding the option id (or its title as the sheet prints it)."""
    scenario = loaded.scenario
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    issues = [issue.id for issue in scenario.issues]
    writer.writerow(["group", "scenario", *issues, "started_at", "finished_at"])
    writer.writerow(["team-1", loaded.ref, *(issue.options[0].id for issue in scenario.issues), "", ""])
    writer.writerow(["team-2", loaded.ref, *([NO_DEAL] + [""] * (len(issues) - 1) if issues else []), "", ""])
    return out.getvalue()
