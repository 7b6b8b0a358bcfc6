//! Everything loaded and classified: the stores that were read (or failed), and one entry
//! per cookie with its verdicts. Both front ends start from here.

use std::sync::Arc;

use crate::model::{Cookie, StoreRef};
use crate::policy::party::{self, PartyVerdict, Visits};
use crate::policy::{Policies, Verdict, siblings};
use crate::store::running::{self, Running};
use crate::store::{self, ReadOptions};

/// One cookie with its purpose and party verdicts.
#[derive(Debug, Clone)]
pub struct Entry {
    pub cookie: Cookie,
    pub verdict: Verdict,
    pub party: PartyVerdict,
}

/// How reading one store went.
#[derive(Debug, Clone)]
pub struct StoreStatus {
    pub store: Arc<StoreRef>,
    pub cookies: usize,
    pub schema: Option<String>,
    /// The one-line error when the store could not be read.
    pub error: Option<String>,
    pub notes: Vec<String>,
    pub running: Option<Running>,
}

/// All stores and all entries.
#[derive(Debug, Default)]
pub struct Inventory {
    pub stores: Vec<StoreStatus>,
    pub entries: Vec<Entry>,
}

impl Inventory {
    /// Reads and classifies every store; a store that fails becomes a status, not an error.
    pub fn load(stores: Vec<StoreRef>, opts: &ReadOptions, policies: &Policies) -> Inventory {
        let mut inv = Inventory::default();
        for s in stores {
            let store = Arc::new(s);
            let running = running::running(&store);
            // History first: classification needs it, and it runs as the rows are read.
            let (visits, history_note) = match Visits::load(&store.profile_dir, store.family()) {
                Ok(v) => (v, None),
                Err(e) => (
                    Visits::default(),
                    Some(format!(
                        "history not read, so fewer cookies get a party: {e}"
                    )),
                ),
            };
            let classify = |cookies: Vec<Cookie>| classify_batch(cookies, policies, &visits);
            let before = inv.entries.len();
            let entries = &mut inv.entries;
            let read =
                store::read_store_into(&store, opts, &classify, &mut |batch| entries.extend(batch));
            match read {
                Ok(mut read) => {
                    read.notes.extend(history_note);
                    inv.stores.push(StoreStatus {
                        store: store.clone(),
                        cookies: read.cookies,
                        schema: Some(read.schema),
                        error: None,
                        notes: read.notes,
                        running,
                    });
                }
                Err(e) => {
                    // Batches kept before the error belong to no store the user can see.
                    inv.entries.truncate(before);
                    inv.stores.push(StoreStatus {
                        store,
                        cookies: 0,
                        schema: None,
                        error: Some(e.to_string()),
                        notes: Vec::new(),
                        running,
                    });
                }
            }
        }
        inv.share_sibling_categories();
        inv
    }

    /// Weak guesses take the category of a known cookie of the same site and vendor
    /// prefix, across every store, so one cookie gets one verdict whatever the browser.
    fn share_sibling_categories(&mut self) {
        let items: Vec<(&Cookie, &Verdict)> = self
            .entries
            .iter()
            .map(|e| (&e.cookie, &e.verdict))
            .collect();
        let changes = siblings::sibling_verdicts(&items);
        for (i, verdict) in changes {
            if let Some(e) = self.entries.get_mut(i) {
                e.verdict = verdict;
            }
        }
    }
}

/// Purpose and party of one batch of cookies. Runs on the thread that read the batch, so
/// a big store is classified on every core while it is being read.
fn classify_batch(cookies: Vec<Cookie>, policies: &Policies, visits: &Visits) -> Vec<Entry> {
    cookies
        .into_iter()
        .map(|cookie| {
            let verdict = policies.classify(&cookie);
            let party = party::decide(&cookie, &verdict, policies, visits);
            Entry {
                cookie,
                verdict,
                party,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Browser, Party};
    use crate::policy::siblings::tests::cookie;

    #[test]
    fn the_sibling_pass_runs_over_entries_of_every_store() {
        let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
        let entry = |c: Cookie| Entry {
            verdict: policies.classify(&c),
            party: PartyVerdict {
                party: Party::Unknown,
                reason: "test".into(),
            },
            cookie: c,
        };
        let mut inv = Inventory {
            stores: Vec::new(),
            entries: vec![
                entry(cookie(
                    "fornax_anonymousId",
                    "www.example.org",
                    Browser::Firefox,
                    false,
                )),
                entry(cookie(
                    "fornax_brandnew",
                    "www.example.org",
                    Browser::Chromium,
                    false,
                )),
            ],
        };
        assert!(inv.entries[1].verdict.is_guess());
        inv.share_sibling_categories();
        let (known, guessed) = (&inv.entries[0].verdict, &inv.entries[1].verdict);
        assert_eq!(guessed.matched_by.step(), "sibling");
        assert_eq!(guessed.category, known.category);
    }
}
