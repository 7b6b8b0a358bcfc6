//! How the full classifier does on cookies it was never shaped on, in the terms that matter
//! to a user: accuracy, balanced accuracy (each category counts the same), keep-vs-delete
//! accuracy (necessary + preferences against statistics + marketing), recall per category,
//! and the two `clean --trackers` errors: necessary cookies it would delete and trackers it
//! would keep. Sign-in and consent cookies must never be among the deleted.
//!
//! `vendor_docs.csv` was written from vendors' and consent tools' own cookie documentation
//! (each row names its page in `source`) before any rule was shaped with it in view; the
//! tests print figures only, never rows, so it stays a set nobody tunes on. `heldout2.csv`
//! is measured the same way.

mod labelled_support;

use crumbs::model::Category;
use crumbs::policy::Policies;
use labelled_support::{Row, cookie, rows_from};

/// One verdict per row: the category and whether crumbs called it a guess.
struct Judged<'a> {
    row: &'a Row,
    got: Category,
    guess: bool,
}

fn judge(rows: &[Row]) -> Vec<Judged<'_>> {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    rows.iter()
        .map(|row| {
            let v = policies.classify(&cookie(row, true));
            Judged {
                row,
                got: v.category,
                guess: v.is_guess(),
            }
        })
        .collect()
}

fn is_tracker(c: Category) -> bool {
    matches!(c, Category::Statistics | Category::Marketing)
}

const CLASSES: [Category; 4] = [
    Category::Necessary,
    Category::Preferences,
    Category::Statistics,
    Category::Marketing,
];

/// The figures for one set; `sure_only` drops guesses from what `clean` would delete.
struct Figures {
    accuracy: f64,
    balanced: f64,
    keep_vs_delete: f64,
    recall: [f64; 4],
    necessary_deleted: f64,
    trackers_kept: f64,
    guesses: f64,
    protected_deleted: usize,
}

fn share(hits: usize, of: usize) -> f64 {
    hits as f64 / of.max(1) as f64
}

fn figures(judged: &[Judged<'_>], sure_only: bool) -> Figures {
    let deleted = |j: &Judged<'_>| is_tracker(j.got) && !(sure_only && j.guess);
    let count = |f: &dyn Fn(&Judged<'_>) -> bool| judged.iter().filter(|j| f(j)).count();
    let recall = CLASSES.map(|c| {
        let of = count(&|j| j.row.expected == c);
        share(count(&|j| j.row.expected == c && j.got == c), of)
    });
    let present = CLASSES
        .iter()
        .filter(|&&c| count(&|j| j.row.expected == c) > 0)
        .count();
    let necessary = count(&|j| j.row.expected == Category::Necessary);
    let trackers = count(&|j| is_tracker(j.row.expected));
    Figures {
        accuracy: share(count(&|j| j.got == j.row.expected), judged.len()),
        balanced: recall.iter().sum::<f64>() / present.max(1) as f64,
        keep_vs_delete: share(
            count(&|j| is_tracker(j.row.expected) == deleted(j)),
            judged.len(),
        ),
        recall,
        necessary_deleted: share(
            count(&|j| j.row.expected == Category::Necessary && deleted(j)),
            necessary,
        ),
        trackers_kept: share(
            count(&|j| is_tracker(j.row.expected) && !deleted(j)),
            trackers,
        ),
        guesses: share(count(&|j| j.guess), judged.len()),
        protected_deleted: count(&|j| !j.row.role.is_empty() && deleted(j)),
    }
}

fn print(title: &str, f: &Figures) {
    let pct = |x: f64| format!("{:.1} %", 100.0 * x);
    println!(
        "{title}: accuracy {}, balanced {}, keep-vs-delete {}, recall necessary {} \
         preferences {} statistics {} marketing {}; clean --trackers deletes {} of necessary, \
         keeps {} of trackers; guesses {}; sign-in/consent deleted {}",
        pct(f.accuracy),
        pct(f.balanced),
        pct(f.keep_vs_delete),
        pct(f.recall[0]),
        pct(f.recall[1]),
        pct(f.recall[2]),
        pct(f.recall[3]),
        pct(f.necessary_deleted),
        pct(f.trackers_kept),
        pct(f.guesses),
        f.protected_deleted
    );
}

/// Floors reached on the never-tuned set (see the printed figures and the README); a
/// change that lowers one fails.
const ACCURACY_FLOOR: f64 = 0.96;
const BALANCED_FLOOR: f64 = 0.95;
const KEEP_VS_DELETE_FLOOR: f64 = 0.99;
const NECESSARY_DELETED_CEILING: f64 = 0.01;
const TRACKERS_KEPT_CEILING: f64 = 0.01;
/// The same on `heldout2.csv`, long-tail cookies the knowledge base mostly does not name.
const HELDOUT2_ACCURACY_FLOOR: f64 = 0.68;
const HELDOUT2_KEEP_VS_DELETE_FLOOR: f64 = 0.88;
const HELDOUT2_NECESSARY_DELETED_CEILING: f64 = 0.03;

#[test]
fn the_never_tuned_vendor_set_meets_its_floors() {
    let rows = rows_from("vendor_docs.csv");
    assert!(rows.len() >= 100, "{} rows", rows.len());
    assert!(rows.iter().filter(|r| !r.role.is_empty()).count() >= 15);
    let judged = judge(&rows);
    let all = figures(&judged, false);
    print("vendor_docs.csv", &all);
    print("vendor_docs.csv, --sure-only", &figures(&judged, true));
    assert!(all.accuracy >= ACCURACY_FLOOR);
    assert!(all.balanced >= BALANCED_FLOOR);
    assert!(all.keep_vs_delete >= KEEP_VS_DELETE_FLOOR);
    assert!(all.necessary_deleted <= NECESSARY_DELETED_CEILING);
    assert!(all.trackers_kept <= TRACKERS_KEPT_CEILING);
    assert_eq!(
        all.protected_deleted, 0,
        "sign-in or consent cookies deleted"
    );
}

#[test]
fn the_second_held_out_set_in_the_same_terms() {
    let rows = rows_from("heldout2.csv");
    let judged = judge(&rows);
    let all = figures(&judged, false);
    print("heldout2.csv", &all);
    print("heldout2.csv, --sure-only", &figures(&judged, true));
    assert!(all.accuracy >= HELDOUT2_ACCURACY_FLOOR);
    assert!(all.keep_vs_delete >= HELDOUT2_KEEP_VS_DELETE_FLOOR);
    assert!(all.necessary_deleted <= HELDOUT2_NECESSARY_DELETED_CEILING);
}

#[test]
fn the_figures_count_what_they_say() {
    let rows = rows_from("vendor_docs.csv");
    let perfect: Vec<Judged<'_>> = rows
        .iter()
        .map(|row| Judged {
            row,
            got: row.expected,
            guess: false,
        })
        .collect();
    let f = figures(&perfect, false);
    assert_eq!((f.accuracy, f.balanced, f.keep_vs_delete), (1.0, 1.0, 1.0));
    assert_eq!((f.necessary_deleted, f.trackers_kept), (0.0, 0.0));
    let all_marketing: Vec<Judged<'_>> = rows
        .iter()
        .map(|row| Judged {
            row,
            got: Category::Marketing,
            guess: true,
        })
        .collect();
    let f = figures(&all_marketing, false);
    assert_eq!(f.necessary_deleted, 1.0);
    assert!(f.protected_deleted >= 15);
    assert!((f.balanced - 0.25).abs() < 1e-9);
    assert_eq!(figures(&all_marketing, true).trackers_kept, 1.0);
}
