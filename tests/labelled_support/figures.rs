//! The user-facing figures of the full classifier on one labelled set: accuracy, balanced
//! accuracy, keep-vs-delete, recall per category and the two `clean --trackers` errors.

use crumbs::model::Category;
use crumbs::policy::Policies;

use super::{Row, verdicts};

/// One verdict per row: the category and whether crumbs called it a guess.
pub struct Judged<'a> {
    pub row: &'a Row,
    pub got: Category,
    pub guess: bool,
}

pub fn judge(rows: &[Row]) -> Vec<Judged<'_>> {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    rows.iter()
        .zip(verdicts(&policies, rows))
        .map(|(row, v)| Judged {
            row,
            got: v.category,
            guess: v.is_guess(),
        })
        .collect()
}

pub fn is_tracker(c: Category) -> bool {
    matches!(c, Category::Statistics | Category::Marketing)
}

pub const CLASSES: [Category; 4] = [
    Category::Necessary,
    Category::Preferences,
    Category::Statistics,
    Category::Marketing,
];

/// The figures for one set; `sure_only` drops guesses from what `clean` would delete.
pub struct Figures {
    pub accuracy: f64,
    pub balanced: f64,
    pub keep_vs_delete: f64,
    pub recall: [f64; 4],
    pub necessary_deleted: f64,
    pub trackers_kept: f64,
    pub guesses: f64,
    pub protected_deleted: usize,
}

pub fn share(hits: usize, of: usize) -> f64 {
    hits as f64 / of.max(1) as f64
}

pub fn figures(judged: &[Judged<'_>], sure_only: bool) -> Figures {
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

pub fn print(title: &str, f: &Figures) {
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
