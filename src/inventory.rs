//! Everything loaded and classified: the stores that were read (or failed), and one entry
//! per cookie with its verdicts. Both front ends start from here.

use std::sync::Arc;

use crate::model::{Cookie, StoreRef};
use crate::policy::party::{self, PartyVerdict, Visits};
use crate::policy::siblings::{self, Role};
use crate::policy::{Policies, Verdict};
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

/// What a caller computes from each classified batch on the thread that classified it,
/// while the batch is still in cache (the UI's search index).
pub type Prepare<'a, X> = &'a (dyn Fn(&[Entry]) -> X + Sync);

/// Where [`Prepare`]'s results go, in entry order, as each batch is kept.
pub trait Sink<X>: Send {
    fn take(&mut self, x: X);
    /// A store failed part-way: only the first `entries` entries are kept.
    fn forget_after(&mut self, entries: usize);
    /// Entry `i` got a new verdict after every store was read (from a sibling).
    fn changed(&mut self, i: usize, entry: &Entry);
}

impl<X> Sink<X> for () {
    fn take(&mut self, _: X) {}
    fn forget_after(&mut self, _: usize) {}
    fn changed(&mut self, _: usize, _: &Entry) {}
}

impl Inventory {
    /// Reads and classifies every store; a store that fails becomes a status, not an error.
    pub fn load(stores: Vec<StoreRef>, opts: &ReadOptions, policies: &Policies) -> Inventory {
        Inventory::load_with(stores, opts, policies, &|_| (), &mut ())
    }

    /// As [`Inventory::load`], also running `prepare` on each classified batch and
    /// handing the results to `sink` in entry order; they cover exactly the entries kept
    /// (a store that fails part-way keeps neither its entries nor their results).
    pub fn load_with<X: Send>(
        stores: Vec<StoreRef>,
        opts: &ReadOptions,
        policies: &Policies,
        prepare: Prepare<'_, X>,
        sink: &mut dyn Sink<X>,
    ) -> Inventory {
        let mut inv = Inventory::default();
        if !stores.is_empty() {
            crate::policy::index_fallback_in_background();
        }
        // Each entry's part in the sibling step, worked out as its batch is classified.
        let mut roles: Vec<Role> = Vec::new();
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
            let classify = |cookies: Vec<Cookie>| {
                let batch = classify_batch(cookies, policies, &visits);
                let batch_roles: Vec<Role> = batch
                    .iter()
                    .map(|e| siblings::role(&e.cookie, &e.verdict))
                    .collect();
                let extra = prepare(&batch);
                (batch, batch_roles, extra)
            };
            let before = inv.entries.len();
            let entries = &mut inv.entries;
            let roles_ref = &mut roles;
            let sink_ref = &mut *sink;
            let read = store::read_store_into(&store, opts, &classify, &mut |(
                batch,
                batch_roles,
                extra,
            )| {
                entries.extend(batch);
                roles_ref.extend(batch_roles);
                sink_ref.take(extra);
            });
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
                    roles.truncate(before);
                    sink.forget_after(before);
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
        for i in inv.share_sibling_categories(&roles) {
            sink.changed(i, &inv.entries[i]);
        }
        inv
    }

    /// Weak guesses take the category of a known cookie of the same site and vendor
    /// prefix, across every store, so one cookie gets one verdict whatever the browser.
    /// Returns the entries changed, in order.
    fn share_sibling_categories(&mut self, roles: &[Role]) -> Vec<usize> {
        let entries = &self.entries;
        let changes = siblings::sibling_verdicts_by_role(
            |i| (&entries[i].cookie, &entries[i].verdict),
            roles,
        );
        let mut changed = Vec::with_capacity(changes.len());
        for (i, verdict) in changes {
            if let Some(e) = self.entries.get_mut(i) {
                e.verdict = verdict;
                changed.push(i);
            }
        }
        changed.sort_unstable();
        changed
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
                    "fornax_x",
                    "www.example.org",
                    Browser::Chromium,
                    false,
                )),
            ],
        };
        assert!(inv.entries[1].verdict.is_guess());
        let roles: Vec<Role> = inv
            .entries
            .iter()
            .map(|e| siblings::role(&e.cookie, &e.verdict))
            .collect();
        inv.share_sibling_categories(&roles);
        let (known, guessed) = (&inv.entries[0].verdict, &inv.entries[1].verdict);
        assert_eq!(guessed.matched_by.step(), "sibling");
        assert_eq!(guessed.category, known.category);
    }
}
