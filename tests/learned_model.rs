//! The learned stage ([`crumbs::policy::learned`]): its shipped weights are what the
//! shipped knowledge trains, it is measured on names it never saw, and it only ever speaks
//! for a cookie whose name gave the rules and the heuristics nothing to go on.

mod labelled_support;
mod policy_support;

use std::path::PathBuf;

use crumbs::model::{Category, Cookie, UnixMicros};
use crumbs::policy::learned::features::Span;
use crumbs::policy::learned::{self, Model, corpus, train};
use crumbs::policy::{MatchedBy, Policies};

/// Floors a little below what the held-out fifth gives (see the README).
const UNSEEN_ACCURACY_FLOOR: f64 = 0.68;
const UNSEEN_SURE_ACCURACY_FLOOR: f64 = 0.88;

#[test]
fn the_shipped_weights_are_what_the_shipped_knowledge_trains() {
    let examples = corpus::examples().unwrap_or_else(|e| panic!("{e}"));
    let fresh = train::train(&examples).to_bytes();
    let shipped = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(learned::FILE))
        .unwrap_or_else(|e| panic!("{}: {e}", learned::FILE));
    assert_eq!(
        fresh.len(),
        shipped.len(),
        "{} has the wrong size",
        learned::FILE
    );
    // `exp` may differ in its last bits between platforms; anything more is a stale file.
    let worst = fresh[16..]
        .chunks_exact(4)
        .zip(shipped[16..].chunks_exact(4))
        .map(|(a, b)| {
            let a = f32::from_le_bytes([a[0], a[1], a[2], a[3]]);
            let b = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            (a - b).abs()
        })
        .fold(0f32, f32::max);
    assert!(
        worst < 1e-3,
        "{} is stale (a weight is {worst} off): the knowledge base or the Open Cookie Database \
         changed since it was trained; run `cargo run --release --example train-model`",
        learned::FILE
    );
}

/// FNV-1a, so the split is the same on every platform and release.
fn fifth(name: &str) -> u64 {
    let h = name
        .to_ascii_lowercase()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    h % 5
}

#[test]
fn on_names_it_never_saw_it_is_mostly_right_and_surer_when_right() {
    let all = corpus::examples().unwrap_or_else(|e| panic!("{e}"));
    let (held, seen): (Vec<_>, Vec<_>) = all.into_iter().partition(|e| fifth(&e.name) == 0);
    let model = train::train(&seen);
    let (mut right, mut sure, mut sure_right) = (0, 0, 0);
    let mut per_class = [(0usize, 0usize); 4];
    for e in &held {
        let p = model.predict(&e.name, e.span);
        let ok = p.category == e.category;
        right += usize::from(ok);
        if let Some(k) = learned::CLASSES.iter().position(|c| *c == e.category) {
            per_class[k].0 += usize::from(ok);
            per_class[k].1 += 1;
        }
        if p.probability >= 0.9 {
            sure += 1;
            sure_right += usize::from(ok);
        }
    }
    let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let accuracy = share(right, held.len());
    let sure_accuracy = share(sure_right, sure);
    println!(
        "learned stage on {} names it never saw: accuracy {:.1} %; at 90 % or surer ({} names) \
         {:.1} %; recall {}",
        held.len(),
        100.0 * accuracy,
        sure,
        100.0 * sure_accuracy,
        learned::CLASSES
            .iter()
            .zip(per_class)
            .map(|(c, (r, n))| format!("{} {:.1} %", c.as_str(), 100.0 * share(r, n)))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert!(held.len() >= 400, "{}", held.len());
    assert!(accuracy >= UNSEEN_ACCURACY_FLOOR, "{accuracy}");
    assert!(
        sure_accuracy >= UNSEEN_SURE_ACCURACY_FLOOR,
        "{sure_accuracy}"
    );
    // A model that says the same thing for everything would pass neither recall check.
    assert!(
        per_class.iter().all(|(r, n)| share(*r, *n) >= 0.3),
        "{per_class:?}"
    );
}

/// A script-readable or server-only cookie kept `days` (a session cookie for `None`),
/// neither Secure nor cross-site.
fn cookie(host: &str, name: &str, days: Option<i64>, http_only: bool) -> Cookie {
    let created = UnixMicros::from_secs(1_790_000_000);
    Cookie {
        expires: days.map(|d| UnixMicros(created.0 + d * UnixMicros::DAY)),
        created: Some(created),
        secure: false,
        http_only,
        ..policy_support::cookie(host, name)
    }
}

#[test]
fn it_speaks_last_and_only_where_the_name_said_nothing() {
    let p = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let step = |c: Cookie| p.classify(&c).matched_by.step();
    // Named by the knowledge base, by the Open Cookie Database, or by a word: not its call.
    assert_eq!(
        step(cookie(".shop.example", "_ga", Some(730), false)),
        "exact_name"
    );
    assert_eq!(
        step(cookie(".shop.example", "cart_consent", Some(180), false)),
        "heuristic"
    );
    assert_eq!(
        step(cookie(".shop.example", "zq_session", None, true)),
        "heuristic"
    );
    // A server-only cookie: its flag is evidence the model cannot read, so it stays.
    assert_eq!(
        step(cookie(".shop.example", "qx7", Some(400), true)),
        "heuristic"
    );
    // No word and script-readable: the letters decide, with a probability.
    let v = p.classify(&cookie(".shop.example", "_scid_x", Some(365), false));
    let MatchedBy::Learned { percent } = v.matched_by else {
        panic!("{:?}", v.matched_by);
    };
    assert!((25..=100).contains(&percent), "{percent}");
    assert_eq!(v.category, Category::Marketing);
    assert!(
        v.is_guess(),
        "a learned verdict is always a guess: {percent} %"
    );
}

#[test]
fn a_damaged_weights_file_is_refused_in_one_line() {
    let err = Model::from_bytes("names.bin", b"PK\x03\x04 not a model")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.starts_with("names.bin: ") && !err.contains('\n'),
        "{err}"
    );
    let p = learned::shipped()
        .map(|m| m.predict("\u{0}\u{feff}é\u{7f}".repeat(50).as_str(), Span::Longer));
    assert!(p.is_some_and(|p| (0.0..=1.0).contains(&p.probability)));
}

#[test]
fn on_every_labelled_cookie_it_decides_only_where_the_lifetime_alone_spoke() {
    let p = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut decided = 0;
    for file in labelled_support::ALL_SETS {
        for row in labelled_support::rows_from(file) {
            let c = labelled_support::cookie(&row, false);
            let v = p.classify(&c);
            if v.matched_by.step() != "learned" {
                continue;
            }
            decided += 1;
            let guess = crumbs::policy::heuristics::guess(&c);
            assert!(
                guess.is_some_and(|g| g.name_gave_no_clue()) && !c.http_only,
                "{file}: {} decided by the model over {guess:?}",
                row.name
            );
        }
    }
    // The stage is not dead weight: the long tail reaches it.
    assert!(decided >= 50, "{decided}");
}

/// Teaching one more name must not reshuffle what the model says about the others: the
/// verdicts a user sees should move only where the new name bears on them.
#[test]
fn one_more_name_moves_few_other_verdicts() {
    let all = corpus::examples().unwrap_or_else(|e| panic!("{e}"));
    let (held, seen): (Vec<_>, Vec<_>) = all.into_iter().partition(|e| fifth(&e.name) == 0);
    let base = train::train(&seen);
    let mut worst = 0usize;
    for skip in [0, seen.len() / 3, 2 * seen.len() / 3] {
        let fewer: Vec<_> = seen
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, e)| e.clone())
            .collect();
        let other = train::train(&fewer);
        let moved = held
            .iter()
            .filter(|e| {
                base.predict(&e.name, e.span).category != other.predict(&e.name, e.span).category
            })
            .count();
        println!(
            "without {:?}: {moved} of {} held-out verdicts move",
            seen[skip].name,
            held.len()
        );
        worst = worst.max(moved);
    }
    assert!(worst * 100 <= held.len(), "{worst} of {}", held.len());
}
