"""Report checker bench: precision and recall on the labelled corpus (issue 7 §4).

    DANGVU_DEV_DEFAULTS=1 uv run python bench/checker.py            # both parts
    DANGVU_DEV_DEFAULTS=1 uv run python bench/checker.py --verbose  # with misses and false finds
    DANGVU_DEV_DEFAULTS=1 uv run python bench/checker.py --corpus DIR [--expected FILE] --verbose
                                                   # texts kept outside the repository

The corpus is ``src/dangvu/checker/tests/corpus/``: ``dev/`` (the seed articles with figures
and texts written in their style, used while writing the rules) and ``heldout*/`` (each
written before the checker was first run on it; see below which were tuned on after).
Targets: finds ≥ 90% of the checkable claims, flags ≥ 95% of the inconsistent ones, fewer
than 1 in 20 "inconsistent" verdicts wrong, and no claim made from a date, a symbol or a year.

Held-out history (01/12/2026). Each held-out set was scored once as it was written, then
moved to dev/ when rules were changed after seeing it; the figures are those first scores
(finding recall / precision; flagging recall / precision):

    set 1 (ho_*)   60,0% (12/20) / 92,3% (12/13);  100% (3/3) / 60,0% (3/5)
    set 2 (ho2_*)  59,1% (13/22) / 100%  (13/13);   50% (1/2) / 50,0% (1/2)
    set 3 (ho3_*)  79,2% (19/24) / 95,0% (19/20);  100% (2/2) / 28,6% (2/7), 4 claims from
                   a year column of a table
    set 4 (ho4_*)  76,2% (16/21) / 100%  (16/16);  100% (1/1) / 50,0% (1/2)
    set 5 (ho5_*)  66,7% (6/9)   / 85,7% (6/7);    100% (1/1) / 50,0% (1/2)  (heldout/)
    set 6 (h2_*)   82,7% (62/75) / 89,9% (62/69); 100% (14/14) / 63,6% (14/22) (heldout2/)
    set 7 (h3_*)   86,1% (31/36) / 100% (31/31);  85,7% (6/7) / 85,7% (6/7)   (heldout3/)
    set 8 (h4_*)   81,8% (27/33) / 96,4% (27/28); 83,3% (5/6) / 71,4% (5/7)   (heldout4/)
    set 9 (h5_*)   93,1% (27/29) / 93,1% (27/29); 100% (6/6) / 66,7% (6/9)    (heldout5/)
    set 10 (h6_*)  81,5% (22/27) / 91,7% (22/24); 60,0% (3/5) / 30,0% (3/10)  (heldout6/)
    set 11 (h7_*)  83,3% (20/24) / 100% (20/20);  80,0% (4/5) / 66,7% (4/6)   (heldout7/, unseen)

So the rules meet the targets on the texts they were written against, not yet on unseen ones:
the last unseen set (heldout7) found 83% of its claims and 2 of its 6 "không khớp" were wrong.
heldout/ … heldout6/ were tuned on after their first scoring; heldout7/ was not.

Real reports (issue 7 §4). The sets above are our own writing; five sets of real published
articles (excerpts from the search tool's pages corpus, URLs in bench/README.md) were then
labelled, scored once at first sight with ``--corpus DIR`` and only then tuned on. They are
third-party text and stay outside the repository (/work/scratch/real1 … real5). First sight
(finding recall / precision; flagging recall / precision; claims from non-figures):

    real 1 (16 texts)  40,0% (20/50) / 64,5% (20/31);  50% (1/2) / 4,8% (1/21); 1
    real 2 (14 texts)  72,7% (24/33) / 85,7% (24/28); 100% (2/2) / 15,4% (2/13); 0
    real 3 (14 texts)  29,4% (5/17)  / 71,4% (5/7);   100% (1/1) / 33,3% (1/3);  0
    real 4 (16 texts)  65,2% (15/23) / 78,9% (15/19);  — (0/0)   / 0% (0/7);     0
    real 5 (6 texts)   63,6% (7/11)  / 58,3% (7/12);  100% (1/1) / 16,7% (1/6);  0

On real reports it is far from the targets: about half of the claims found and 9 in 10 of its
"không khớp" wrong at first sight (real articles are nearly always right, so a wrong base or a
bound read as a rate is the typical error). After the fixes, the five sets (now seen) give
82 / 94 / 65 / 78 / 64% found with no wrong "không khớp"; the corpus parts are unchanged.

Then (evening) "không khớp" was kept to pairings the text states (a doubt on a guessed pairing
makes a claim that does not add up not checkable, with the reason), and five more real sets
were scored at first sight (/work/scratch/real7 … real11, URLs in bench/README.md):

    real 7 (14 texts)  39,5% (17/43) / 85,0% (17/20);  50% (2/4) / 33,3% (2/6);  1
    real 8 (19 texts)  56,1% (23/41) / 82,1% (23/28);  20% (1/5) / 14,3% (1/7);  0
    real 9 (16 texts)  42,9% (15/35) / 88,2% (15/17);   0% (0/3) /   0% (0/2);  0
    real 10 (13 texts) 42,9% (18/42) / 85,7% (18/21);  40% (2/5) /   50% (2/4);  0
    real 11 (16 texts) 36,1% (13/36) /  100% (13/13);  25% (1/4) /  100% (1/1);  2 (final rules)

Wrong flags went away (1 of 1 right on the final rules), but the targets are still not met: a
third to a half of the checkable claims found, and most real errors left unflagged.

Real sets 16 and 17 (/work/scratch/real16, real17; URLs and details in bench/README.md),
labelled before the checker ran. 6 of set 16's 15 articles had been used in sets 4, 8 and 9
(noticed after scoring), so its 9 new texts are the unseen figure. First sight:

    real 16, 9 new texts (2d36b42)     68,2% (15/22) / 93,8% (15/16); 100% (2/2) / 66,7% (2/3); 0
    real 16, all 15 texts (2d36b42)    68,6% (24/35) / 96,0% (24/25); 66,7% (4/6) / 80,0% (4/5); 0
    real 17, 11 texts (9508e09, final) 75,0% (18/24) / 100%  (18/18);  50% (1/2) /  100% (1/1); 0

Fixed after set 16 (tests in my own sentences): a rate of each counted unit ("160/262 xã có
cử tri đi bầu đạt tỷ lệ 100%") is not checked, with its reason; "tăng 1.231 số vụ khám phá"
names its count; "X trong tổng số Y" parts a paragraph after their total are a list of
fractions; a fraction total over a list of fractions is checked on its denominators too (set
15's miss); a value after its label ("số cử tri … là: 1.240.000") and a rate named by its
subject in the next sentence (set 15's miss); a plan stated sentences before its rate (not
flagged when it does not add up). Set 16 now: 82,9% (29/35) / 100%; 66,7% (4/6) / 100% (4/4).
The corpus parts score as before. Still short of the targets on unseen text (≥ 90% found,
≥ 95% flagged); no wrong "không khớp" on set 17.

Round 18 (rules 306fca9; tests in my own sentences): a net change from joins and exits, parts
after "với hình thức" and after "Qua phân loại", a total whose list follows a count of another
noun given "với" it, a share of "tổng số hội viên" stated a paragraph later, a rate named by its
verb or detailed by the next sentence's fraction, and shapes of poverty, target and violation
reports (three wrong flags of invented sentences removed). Then two new real sets
(/work/scratch/real18, real19; URLs checked against every earlier list before labelling, labels
by hand before the checker ran), both scored once on the final rules, nothing changed after:

    real 18 (15 texts) 42,6% (23/54) / 95,8% (23/24);  0% (0/2) /  0% (0/1);  0
    real 19 (11 texts) 39,4% (13/33) / 72,2% (13/18);  0% (0/2) /  0% (0/6);  0

Far from the targets on unseen text: two in five claims found, no real error flagged, and all
seven "không khớp" wrong — a difference's rate in square brackets or after "=" ("giảm 714 lượt
so cùng kỳ [20,42%]") read as a share of the current count, and a bracketed rate after a rate
("… chiếm tỷ lệ 19,93%, giảm 1.432 hộ nghèo (1,95%)", points) read as relative. Sets 16–17 (seen)
now 91,4% and 91,7%; the corpus parts score as before (details in bench/README.md).

Round 20 (rules 7cb8cf8): both shapes fixed with general rules (a difference's rate in square
brackets or after "=" is a relative change of current ± difference; a bracketed change is no
list part; a difference's rate after a share may be points, so never "không khớp"; a count of
the sentence before is a guess unless the sentence opens on the comparison), and three real
errors' shapes (a make-up whose counts add up to a stated whole; list lines of labelled counts
adding up to the line before; "20,68  %"). Sets 18–19 (now seen): 50,0% (27/54) and 69,7%
(23/33) found, 100% precise; 1/2 and 1/2 flagged, 1/1 and 1/1 right — no wrong "không khớp"
left. Sets 16–17 and the corpus parts unchanged. A new set 20 (9 texts, only 2 checkable
claims), first sight on 7cb8cf8: 100% (2/2) / 100% (2/2); no real error (0/0), no "không khớp"
(0/0); 0 from non-figures — too few claims to show much beyond no wrong flag.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")


def report(title: str, s, verbose: bool) -> None:
    print(f"== {title}")
    print(
        f"  finding checkable claims: recall {s.find_recall:.1%} "
        f"({s.found_right}/{s.expected_checkable}), precision {s.find_precision:.1%} "
        f"({s.found_right}/{s.found_checkable})"
    )
    print(
        f"  flagging inconsistent:    recall {s.flag_recall:.1%} "
        f"({s.flagged_right}/{s.expected_inconsistent}), precision {s.flag_precision:.1%} "
        f"({s.flagged_right}/{s.flagged})"
    )
    print(f"  verdict right on found claims: {s.verdicts_right}/{s.found_right}")
    print(f"  claims made from non-figures: {s.non_figure_claims}")
    print(f"  targets met: {'yes' if s.meets_targets() else 'NO'}")
    if verbose:
        for miss in s.misses:
            print(f"  missed: {miss}")
        for false in s.false_finds:
            print(f"  false: {false}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        metavar="DIR",
        help="score the texts of DIR against DIR/expected.json instead of the corpus's parts "
        "(repeatable; for real reports kept outside the repository)",
    )
    parser.add_argument(
        "--expected",
        type=Path,
        metavar="FILE",
        help="the labels for a single --corpus DIR when they are not DIR/expected.json",
    )
    args = parser.parse_args()
    if args.expected and len(args.corpus or []) != 1:
        parser.error("--expected needs exactly one --corpus DIR")
    import django

    django.setup()
    from dangvu.checker.evaluation import PARTS, score, score_directory

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.corpus:
        for directory in args.corpus:
            report(str(directory), score_directory(directory, args.expected), args.verbose)
        return
    for part in PARTS:
        report(part, score(part), args.verbose)


if __name__ == "__main__":
    main()
