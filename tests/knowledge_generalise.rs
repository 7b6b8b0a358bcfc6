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
use labelled_support::figures::{Basis, Judged, figures, judge, print, split};
use labelled_support::rows_from;

/// Floors reached on the never-tuned set (see the printed figures and the README); a
/// change that lowers one fails. On its rows never seen (see [`seen_in_vendor_docs`]).
const ACCURACY_FLOOR: f64 = 0.96;
const BALANCED_FLOOR: f64 = 0.93;
const KEEP_VS_DELETE_FLOOR: f64 = 0.99;
const NECESSARY_DELETED_CEILING: f64 = 0.01;
const TRACKERS_KEPT_CEILING: f64 = 0.01;
/// The same on all its rows: three of the seen rows disagree with crumbs on purpose.
const ALL_ROWS_ACCURACY_FLOOR: f64 = 0.93;
const ALL_ROWS_BALANCED_FLOOR: f64 = 0.90;
const ALL_ROWS_KEEP_VS_DELETE_FLOOR: f64 = 0.98;
const ALL_ROWS_TRACKERS_KEPT_CEILING: f64 = 0.02;
/// The same on `heldout2.csv`, long-tail cookies the knowledge base mostly does not name.
/// The learned stage took its accuracy from 84.2 % to 91.6 %; filing language cookies as
/// necessary took it to 89.5 %, since the set labels two such cookies preferences (its
/// labels stay as written). The set is small: a first
/// build of the model, whose only difference was how features were hashed, gave 88.4 %
/// and moved one of its 43 necessary cookies to the deleted side, so the floors leave
/// room for one cookie more either way.
const HELDOUT2_ACCURACY_FLOOR: f64 = 0.87;
const HELDOUT2_KEEP_VS_DELETE_FLOOR: f64 = 0.94;
const HELDOUT2_NECESSARY_DELETED_CEILING: f64 = 0.05;

#[test]
fn the_never_tuned_vendor_set_meets_its_floors() {
    let rows = rows_from("vendor_docs.csv");
    assert!(rows.len() >= 100, "{} rows", rows.len());
    assert!(rows.iter().filter(|r| !r.role.is_empty()).count() >= 15);
    let judged = judge(&rows);
    let all = figures(&judged, false);
    print("vendor_docs.csv", &all);
    print("vendor_docs.csv, --sure-only", &figures(&judged, true));
    assert!(all.accuracy >= ALL_ROWS_ACCURACY_FLOOR);
    assert!(all.balanced >= ALL_ROWS_BALANCED_FLOOR);
    assert!(all.keep_vs_delete >= ALL_ROWS_KEEP_VS_DELETE_FLOOR);
    assert!(all.necessary_deleted <= NECESSARY_DELETED_CEILING);
    assert!(all.trackers_kept <= ALL_ROWS_TRACKERS_KEPT_CEILING);
    assert_eq!(
        all.protected_deleted, 0,
        "sign-in or consent cookies deleted"
    );
    let unseen: Vec<Judged<'_>> = judged
        .into_iter()
        .filter(|j| !seen_in_vendor_docs(j.row))
        .collect();
    assert_eq!(
        unseen.len() + 6,
        rows.len(),
        "the seen rows are HubSpot's six"
    );
    let unseen = figures(&unseen, false);
    print("vendor_docs.csv, rows never seen", &unseen);
    assert!(unseen.accuracy >= ACCURACY_FLOOR);
    assert!(unseen.balanced >= BALANCED_FLOOR);
    assert!(unseen.keep_vs_delete >= KEEP_VS_DELETE_FLOOR);
    assert!(unseen.necessary_deleted <= NECESSARY_DELETED_CEILING);
    assert!(unseen.trackers_kept <= TRACKERS_KEPT_CEILING);
}

/// The rows of `vendor_docs.csv` that have been read: HubSpot's six, once shown by a
/// search across the labelled files. Three of them file `hs_ab_test` under statistics and
/// HubSpot's two chat-window cookies under preferences; HubSpot's own list, as the
/// HubSpot-made cookie pages in `banners.csv` reproduce it, files all three under
/// necessary, and crumbs follows HubSpot. The set keeps its labels as written, so its
/// figures count those three as misses, and the figures without the six are shown too.
fn seen_in_vendor_docs(row: &labelled_support::Row) -> bool {
    row.source.contains("hubspot.com")
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
    // The file's first rows were once printed while rules were being written, and one of
    // their names was given as an example: the figures without them, so nobody has to
    // take the set's word for it.
    let unseen = figures(&judged[HELDOUT2_ROWS_SEEN..], false);
    print("heldout2.csv, rows never seen", &unseen);
    assert!(unseen.accuracy >= HELDOUT2_ACCURACY_FLOOR);
    assert!(unseen.keep_vs_delete >= HELDOUT2_KEEP_VS_DELETE_FLOOR);
}

/// How many of `heldout2.csv`'s first rows have been seen (see above).
const HELDOUT2_ROWS_SEEN: usize = 4;

#[test]
fn the_figures_count_what_they_say() {
    let rows = rows_from("vendor_docs.csv");
    let perfect: Vec<Judged<'_>> = rows
        .iter()
        .map(|row| Judged {
            row,
            got: row.expected,
            guess: false,
            basis: Basis::Named,
            learned: None,
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
            basis: Basis::Guessed,
            learned: None,
        })
        .collect();
    let f = figures(&all_marketing, false);
    assert_eq!(f.necessary_deleted, 1.0);
    assert!(f.protected_deleted >= 15);
    assert!((f.balanced - 0.25).abs() < 1e-9);
    assert_eq!(figures(&all_marketing, true).trackers_kept, 1.0);
    let necessary = rows
        .iter()
        .filter(|r| r.expected == Category::Necessary)
        .count();
    let guessed = split(&all_marketing, Basis::Guessed);
    assert_eq!(
        (guessed.rows, guessed.necessary_deleted),
        (rows.len(), necessary)
    );
    assert_eq!(guessed.trackers_kept, 0);
    assert_eq!(split(&all_marketing, Basis::Named).rows, 0);
    assert_eq!(split(&perfect, Basis::Named).right, rows.len());
}
