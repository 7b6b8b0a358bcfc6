//! The user-facing figures of the full classifier on one labelled set: accuracy, balanced
//! accuracy, keep-vs-delete, recall per category and the two `clean --trackers` errors.

use crumbs::model::Category;
use crumbs::policy::{MatchedBy, Policies};

use super::{Row, verdicts};

/// One verdict per row: the category and whether crumbs called it a guess.
pub struct Judged<'a> {
    pub row: &'a Row,
    pub got: Category,
    pub guess: bool,
    pub basis: Basis,
    /// The learned model's probability in percent, where it decided.
    pub learned: Option<u8>,
}

/// What a verdict rests on, coarsely: a rule of crumbs' that names the cookie (a site
/// policy, an exact name or a pattern, each written from the vendor's or site's own
/// documentation), a database entry for its name or its host's owner, or a guess from its
/// words, letters or siblings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Basis {
    Named,
    Database,
    Guessed,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Named, Basis::Database, Basis::Guessed];

    fn of(m: &MatchedBy) -> Basis {
        match m {
            MatchedBy::SitePolicy { .. }
            | MatchedBy::ExactName { .. }
            | MatchedBy::Pattern { .. } => Basis::Named,
            MatchedBy::HostOwner { .. } | MatchedBy::OpenCookieDatabase { .. } => Basis::Database,
            _ => Basis::Guessed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Named => "named by crumbs' rules",
            Basis::Database => "named by the Open Cookie Database or the host's owner",
            Basis::Guessed => "guessed",
        }
    }
}

pub fn judge(rows: &[Row]) -> Vec<Judged<'_>> {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    rows.iter()
        .zip(verdicts(&policies, rows))
        .map(|(row, v)| Judged {
            row,
            got: v.category,
            guess: v.is_guess(),
            basis: Basis::of(&v.matched_by),
            learned: match v.matched_by {
                MatchedBy::Learned { percent } => Some(percent),
                _ => None,
            },
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

/// Where one basis's verdicts go wrong, in rows: the errors of a whole set split by what
/// the verdicts rest on, so a figure can be traced to sites disagreeing with a vendor's own
/// documentation or to guesses.
pub struct Split {
    pub rows: usize,
    pub right: usize,
    pub necessary_deleted: usize,
    pub trackers_kept: usize,
}

pub fn split(judged: &[Judged<'_>], basis: Basis) -> Split {
    let mine: Vec<&Judged<'_>> = judged.iter().filter(|j| j.basis == basis).collect();
    let count = |f: &dyn Fn(&Judged<'_>) -> bool| mine.iter().filter(|j| f(j)).count();
    Split {
        rows: mine.len(),
        right: count(&|j| j.got == j.row.expected),
        necessary_deleted: count(&|j| j.row.expected == Category::Necessary && is_tracker(j.got)),
        trackers_kept: count(&|j| is_tracker(j.row.expected) && !is_tracker(j.got)),
    }
}

/// One line per basis, with the shares of the whole set's necessary cookies and trackers.
pub fn print_split(title: &str, judged: &[Judged<'_>]) {
    let necessary = judged
        .iter()
        .filter(|j| j.row.expected == Category::Necessary)
        .count();
    let trackers = judged.iter().filter(|j| is_tracker(j.row.expected)).count();
    let pct = |n: usize, of: usize| format!("{:.1} %", 100.0 * share(n, of));
    for basis in Basis::ALL {
        let s = split(judged, basis);
        println!(
            "{title}, {}: {} rows, {} right; deletes {} necessary ({} of all necessary), \
             keeps {} trackers ({} of all trackers)",
            basis.as_str(),
            s.rows,
            s.right,
            s.necessary_deleted,
            pct(s.necessary_deleted, necessary),
            s.trackers_kept,
            pct(s.trackers_kept, trackers),
        );
    }
}
