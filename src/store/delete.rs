//! The one deletion path: a `DeletePlan` built first, shown, then carried out per store.
