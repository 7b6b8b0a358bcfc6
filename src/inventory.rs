//! Everything loaded and classified: the stores that were read (or failed), and one entry
//! per cookie with its verdicts. Both front ends start from here.

use std::sync::Arc;

use crate::model::{Cookie, StoreRef};
use crate::policy::party::{self, PartyVerdict, Visits};
use crate::policy::{Policies, Verdict};
use crate::store::lock::{self, Running};
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
            let running = lock::running(&store);
            match store::read_store(&store, opts) {
                Ok(mut read) => {
                    let visits = match Visits::load(&store.profile_dir, store.family()) {
                        Ok(v) => v,
                        Err(e) => {
                            read.notes.push(format!(
                                "history not read, so fewer cookies get a party: {e}"
                            ));
                            Visits::default()
                        }
                    };
                    inv.stores.push(StoreStatus {
                        store: store.clone(),
                        cookies: read.cookies.len(),
                        schema: Some(read.schema),
                        error: None,
                        notes: read.notes,
                        running,
                    });
                    inv.entries
                        .extend(classify_all(read.cookies, policies, &visits));
                }
                Err(e) => inv.stores.push(StoreStatus {
                    store,
                    cookies: 0,
                    schema: None,
                    error: Some(e.to_string()),
                    notes: Vec::new(),
                    running,
                }),
            }
        }
        inv
    }
}

/// Below this many cookies one thread is quicker than starting more.
const PARALLEL_FROM: usize = 8192;

/// Classifies every cookie, spread over the machine's cores for big stores: classification
/// is pure and per cookie, and on a 100,000-cookie store it is most of the load time. The
/// cookies are only borrowed by the workers, so nothing big is copied.
fn classify_all(cookies: Vec<Cookie>, policies: &Policies, visits: &Visits) -> Vec<Entry> {
    let one = |c: &Cookie| {
        let verdict = policies.classify(c);
        let party = party::decide(c, &verdict, policies, visits);
        (verdict, party)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let verdicts: Vec<(Verdict, PartyVerdict)> = if threads < 2 || cookies.len() < PARALLEL_FROM {
        cookies.iter().map(one).collect()
    } else {
        let chunk = cookies.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = cookies
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                .collect();
            let mut out = Vec::with_capacity(cookies.len());
            for h in handles {
                out.extend(
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            out
        })
    };
    cookies
        .into_iter()
        .zip(verdicts)
        .map(|(cookie, (verdict, party))| Entry {
            cookie,
            verdict,
            party,
        })
        .collect()
}
