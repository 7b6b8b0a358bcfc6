//! The long tail: cookies of small vendors (marketing automation, affiliate and regional ad
//! networks, chat widgets, A/B and personalisation tools, real-user monitoring, session
//! replay, shop and CMS plugins, consent tools) in `longtail_dev.csv`, each row labelled
//! with the category sites usually give it in their consent banners and naming the public
//! page it comes from (`source`).
//!
//! This set is for tuning: its misses are printed and were read while growing the
//! knowledge base, the heuristics and the sibling rule, so its figures guard against
//! regressions and do not measure how crumbs does on cookies it has never seen (the
//! never-tuned sets in `knowledge_generalise.rs` do that).

mod labelled_support;

use crumbs::policy::Policies;
use labelled_support::figures::{figures, judge, print};
use labelled_support::{cookie, rows_from, verdicts};

/// Floors a little below the figures reached (see the printed figures): 98.1 % accuracy,
/// 99.4 % keep-vs-delete, no necessary cookie deleted; 69.1 % for the heuristics alone.
/// Before this set was tuned on, crumbs scored 60.9 %, 77.8 % and 9.5 % on its first 229
/// rows. With 82 rows of marketing-automation, personalisation, referral, review and
/// pop-up vendors added later, the whole set scored 81.0 % accuracy and 93.9 %
/// keep-vs-delete (heuristics alone 56.6 %) before those vendors were taught.
const ACCURACY_FLOOR: f64 = 0.97;
const KEEP_VS_DELETE_FLOOR: f64 = 0.98;
const NECESSARY_DELETED_CEILING: f64 = 0.02;
const HEURISTIC_FLOOR: f64 = 0.67;

#[test]
fn the_long_tail_tuning_set_meets_its_floors() {
    let rows = rows_from("longtail_dev.csv");
    assert!((150..=350).contains(&rows.len()), "{} rows", rows.len());
    assert!(
        rows.iter().all(|r| !r.source.is_empty()),
        "every row names its source"
    );
    let judged = judge(&rows);
    let all = figures(&judged, false);
    print("longtail_dev.csv", &all);
    print("longtail_dev.csv, --sure-only", &figures(&judged, true));
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    for (row, v) in rows.iter().zip(verdicts(&policies, &rows)) {
        if v.category != row.expected {
            let own = policies.classify(&cookie(row, true));
            println!(
                "  MISS {} [{} {} {}d] want {} got {} ({} {:?}; alone: {})",
                row.name,
                row.host,
                row.flags,
                row.days,
                row.expected.as_str(),
                v.category.as_str(),
                v.matched_by.step(),
                v.confidence,
                own.matched_by.step()
            );
        }
    }
    assert!(all.accuracy >= ACCURACY_FLOOR);
    assert!(all.keep_vs_delete >= KEEP_VS_DELETE_FLOOR);
    assert!(all.necessary_deleted <= NECESSARY_DELETED_CEILING);
    assert_eq!(
        all.protected_deleted, 0,
        "sign-in or consent cookies deleted"
    );
}

/// The heuristics alone on every row, as if the knowledge base named none of them: how
/// crumbs would do on small vendors it has not heard of.
#[test]
fn heuristics_alone_on_the_long_tail() {
    let rows = rows_from("longtail_dev.csv");
    let mut right = 0;
    for row in &rows {
        let g = crumbs::policy::heuristics::guess(&cookie(row, true));
        let got = g.map_or(crumbs::model::Category::Unknown, |g| g.category);
        if got == row.expected {
            right += 1;
        } else if std::env::var_os("CRUMBS_SHOW_RULES").is_some() {
            println!(
                "  GUESS {} [{} {} {}d] want {} got {} by {} {:?}",
                row.name,
                row.host,
                row.flags,
                row.days,
                row.expected.as_str(),
                got.as_str(),
                g.map_or("-", |g| g.rule),
                g.map(|g| g.confidence)
            );
        }
    }
    let ratio = right as f64 / rows.len() as f64;
    println!(
        "heuristics alone, longtail_dev.csv: {right}/{} = {:.1} %",
        rows.len(),
        100.0 * ratio
    );
    assert!(ratio >= HEURISTIC_FLOOR);
}
