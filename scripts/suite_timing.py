#!/usr/bin/env python
"""The test suite's wall time against the old layout's, in one sitting (issue 8).

    .venv/bin/python scripts/suite_timing.py [--old d7075db] [--rounds 1]

Issue 8 asks for pytest's wall time at most half of the old tree's, measured in one
sitting, with no test dropped. Since then other issues have doubled the suite, so
this times three runs, one after another on the same machine:

* **old**: the tree the issue was filed against (``--old``, default ``d7075db``),
  exported with ``git archive`` into ``var/suite-timing/<commit>/`` with a venv built
  by its own Makefile, running its pytest as its ``make test`` did (serially);
* **new, the same tests**: this tree's pytest with ``make test``'s arguments, keeping
  only the tests that descend from the old suite: every test whose function name
  the old tree has, plus the new names of the old tests that were renamed or
  replaced (``RENAMED`` below, with why);
* **new, whole suite**: ``make test``'s pytest as it is.

Then it prints each run's wall time and counts, the ratios, and a machine-speed
probe (a fixed Python loop) so sittings on a slow or quick machine can be compared.
``--rounds 2`` interleaves the three runs twice. Nothing here touches your database:
every run uses SQLite test databases, whatever ``DATABASE_URL`` says.

The module is also the pytest plugin that keeps the same tests
(``-p suite_timing`` with ``scripts/`` on the path and ``KZ_SUITE_TIMING_NAMES``
naming a file of test function names).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD_COMMIT = "d7075db"
PYTEST_ARGS = ["-n", "auto", "--dist", "loadfile"]  # as the Makefile's PYTEST_ARGS

# Old tests whose function name no longer exists, and the tests carrying them now
# (renamed when the behaviour changed, made able to fail, or merged as duplicates).
RENAMED = {
    # Over-long bodies are refused unread with a 413 (the form guard) instead of a 400.
    "test_a_body_over_the_upload_limit_is_a_400_not_a_500": ["test_a_body_over_the_upload_limit_is_a_413_not_a_500"],
    "test_a_one_megabyte_body_is_refused_with_a_message": ["test_a_one_megabyte_body_is_refused_unread_with_a_message"],
    # The mark is followed by a visible link instead of being one.
    "test_a_cited_passage_is_marked_in_the_text_and_links_to_its_claim": [
        "test_a_cited_passage_is_marked_and_followed_by_a_visible_link_to_its_claim_never_made_a_link_itself"
    ],
    "test_a_quote_that_spans_markup_still_links_its_claim_from_its_paragraph": [
        "test_a_quote_that_spans_markup_is_highlighted_and_links_its_claim"
    ],
    # Query counts changed with the page cache's generation and go-live queries.
    "test_actor_index_is_one_query": ["test_actor_index_is_five_queries_kept_until_the_next_write"],
    "test_actor_page_is_nine_queries": ["test_actor_page_is_twelve_queries"],
    "test_theme_index_is_one_query": ["test_theme_index_is_four_queries_kept_until_the_next_write"],
    "test_related_to_ranks_in_one_query_and_explains_what_is_shared": [
        "test_related_to_ranks_in_two_queries_and_explains_what_is_shared"
    ],
    # Vacuous assertions made real (str(x) == str(x); a constant; count >= 0).
    "test_actor_network_layout_is_deterministic": [
        "test_actor_network_places_neighbours_clockwise_from_twelve_o_clock_in_the_order_given"
    ],
    "test_stances_cover_agreement_and_dispute": [
        "test_every_stance_an_editor_can_choose_is_counted_in_one_group_readers_see"
    ],
    # Merged as duplicates of tests the old tree already had.
    "test_author_page_never_shows_an_email_address": ["test_no_email_from_the_social_field_reaches_the_author_page"],
    "test_one_link_is_not_a_spam_signal": ["test_a_single_www_link_is_no_spam_signal", "test_one_link_counts_once"],
    # Behaviour reversed or replaced by another issue's rule.
    "test_editors_can_edit_the_text": ["test_readers_words_are_read_only_even_for_editors"],
    "test_publishing_without_a_time_means_now": [
        "test_the_change_form_s_status_field_moves_the_article_through_the_workflow_services"
    ],
    "test_the_admin_keeps_djangos_own_scripts_working": ["test_the_admin_gets_only_what_djangos_admin_needs"],
    "test_error_pages_carry_the_policy_too": ["test_error_pages_and_redirects_carry_the_policy_too"],
    "test_every_word_must_match": ["test_pieces_with_every_word_come_first_then_those_with_most_of_them"],
    "test_json_ld_gives_the_date_at_its_precision": [
        "test_json_ld_gives_no_published_day_for_a_piece_known_only_to_the_month_or_year"
    ],
    "test_one_function_chooses_full_text_search_on_postgresql_and_simple_ranking_elsewhere": [
        "test_one_function_chooses_full_text_search_on_postgresql_and_fts5_elsewhere"
    ],
    "test_queue_shows_article_excerpt_time_spam_signal_and_status": [
        "test_queue_shows_the_whole_comment_with_its_article_time_spam_signals_and_status"
    ],
    "test_staff_see_every_state_but_readers_only_published": [
        "test_plain_staff_status_grants_no_preview_and_editors_see_every_state"
    ],
    # The data folder's checker script became launch.provenance.audit().
    "test_every_marker_of_every_seed_is_recorded": ["test_every_marker_printed_in_a_seed_is_recorded"],
    "test_the_checker_finds_a_changed_quote_a_repeated_paragraph_and_page_chrome": [
        "test_a_changed_quote_a_repeated_paragraph_and_page_chrome_are_found"
    ],
    "test_the_checker_script_passes_on_the_dataset": ["test_the_dataset_passes_every_check"],
}


# -- the pytest plugin ---------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    names = set(Path(os.environ["KZ_SUITE_TIMING_NAMES"]).read_text().split())
    kept, dropped = [], []
    for item in items:
        (kept if getattr(item, "originalname", item.name.split("[")[0]) in names else dropped).append(item)
    config.hook.pytest_deselected(items=dropped)
    items[:] = kept


# -- the timing ----------------------------------------------------------------------


def test_names(commit=None):
    """The test function names under tests/ at ``commit`` (default: the working tree)."""
    out = subprocess.run(
        ["git", "grep", "-h", "-o", "-E", r"def test_[A-Za-z0-9_]+", *([commit] if commit else []), "--", "tests"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return {word for word in out.split() if word != "def"}


def same_test_names(commit):
    """The old suite's function names, as they are called now; refuses a stale map."""
    old, new = test_names(commit), test_names()
    missing = sorted(old - new - set(RENAMED))
    if missing:
        sys.exit(f"Old tests with no name in this tree and none in RENAMED: {', '.join(missing)}")
    carried = {name for names in RENAMED.values() for name in names}
    unknown = sorted(carried - new)
    if unknown:
        sys.exit(f"RENAMED names tests this tree does not have: {', '.join(unknown)}")
    return (old & new) | carried


def old_tree(commit):
    """The old tree with its own venv, made once in var/suite-timing/<commit>/."""
    full = subprocess.run(["git", "rev-parse", commit], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()
    where = ROOT / "var" / "suite-timing" / full[:12]
    if not (where / "Makefile").exists():
        where.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", full], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    if not (where / ".venv" / ".dev").exists():
        print(f"Building the old tree's venv in {where} (make .venv/.dev)", flush=True)
        subprocess.run(["make", "-s", ".venv/.dev"], cwd=where, check=True, stdout=subprocess.DEVNULL)
    return where


def machine_probe():
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def timed(label, cwd, args, env):
    print(f"-- {label}: pytest {' '.join(args)}", flush=True)
    started = time.monotonic()
    run = subprocess.run([str(cwd / ".venv" / "bin" / "pytest"), *args], cwd=cwd, env=env,
                         capture_output=True, text=True)
    wall = time.monotonic() - started
    summary = next((line for line in reversed(run.stdout.splitlines()) if re.search(r"\d+ (passed|failed)", line)), "")
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (passed|failed|skipped|errors?|deselected)", summary)}
    print(f"   {wall:6.1f} s  {summary.strip('= ')}", flush=True)
    if run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-2000:], sep="\n")
        sys.exit(f"{label} failed (exit {run.returncode}); its timing means nothing")
    return wall, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", default=OLD_COMMIT, help=f"the old tree's commit (default {OLD_COMMIT})")
    parser.add_argument("--rounds", type=int, default=1, help="times to run the three, interleaved (default 1)")
    options = parser.parse_args()

    names = same_test_names(options.old)
    where = old_tree(options.old)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "PYTEST_ADDOPTS"}}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(sorted(names)))
    same_env = {**env, "KZ_SUITE_TIMING_NAMES": handle.name,
                "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))}
    common = ["-q", "-p", "no:cacheprovider"]
    results = {"old": [], "same": [], "whole": []}
    try:
        print(f"Machine probe (10M-step Python loop): {machine_probe():.2f} s", flush=True)
        for _ in range(options.rounds):
            results["old"].append(timed(f"old {options.old}, serial as its make test", where, common, env))
            results["same"].append(timed("new, the same tests", ROOT, [*common, *PYTEST_ARGS, "-p", "suite_timing"],
                                         same_env))
            results["whole"].append(timed("new, whole suite", ROOT, [*common, *PYTEST_ARGS], env))
        print(f"Machine probe again: {machine_probe():.2f} s")
    finally:
        os.unlink(handle.name)

    best = {key: min(runs, key=lambda run: run[0]) for key, runs in results.items()}
    print("\n| run | tests passed | wall (s), each round | vs old |")
    print("|---|---|---|---|")
    for key, label in (("old", f"old `{options.old}`"), ("same", "new, the same tests"), ("whole", "new, whole suite")):
        walls = ", ".join(f"{wall:.1f}" for wall, _ in results[key])
        ratio = best[key][0] / best["old"][0]
        print(f"| {label} | {best[key][1].get('passed', 0)} | {walls} | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
