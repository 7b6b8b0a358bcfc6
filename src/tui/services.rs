//! The real [`Services`]: reading through `Inventory::load`, and deleting, undoing and the
//! keep-list through the library's store and keep-list modules. The only place the UI
//! reaches outside itself; it knows those modules by their public names only.

use super::Services;
use super::action::{DeleteOutcome, KeepTarget};
use crate::inventory::Inventory;
use crate::model::{Cookie, StoreRef};
use crate::policy::Policies;
use crate::store::ReadOptions;

/// Reads and classifies the stores; cheap to clone onto a worker thread.
#[derive(Debug, Clone)]
pub struct Loader {
    stores: Vec<StoreRef>,
    read: ReadOptions,
    policies: Policies,
}

impl Loader {
    pub fn store_count(&self) -> usize {
        self.stores.len()
    }
    pub fn load(&self) -> Inventory {
        Inventory::load(self.stores.clone(), &self.read, &self.policies)
    }
}

/// The services backed by the real stores.
#[derive(Debug)]
pub struct RealServices {
    loader: Loader,
}

impl RealServices {
    pub fn new(stores: Vec<StoreRef>, read: ReadOptions, policies: Policies) -> RealServices {
        RealServices {
            loader: Loader {
                stores,
                read,
                policies,
            },
        }
    }

    pub fn loader(&self) -> Loader {
        self.loader.clone()
    }
}

impl Services for RealServices {
    fn delete(&mut self, cookies: &[Cookie], _description: &str) -> Result<DeleteOutcome, String> {
        Err(format!(
            "{} cookies not deleted: this build has no deleter yet",
            cookies.len()
        ))
    }

    fn undo(&mut self, _backup: Option<&str>) -> Result<String, String> {
        Err("Nothing undone: this build has no undo yet".into())
    }

    fn reload(&mut self) -> Inventory {
        self.loader.load()
    }

    fn toggle_keep(&mut self, _target: &KeepTarget) -> Result<bool, String> {
        Err("The keep-list is not available in this build".into())
    }

    fn keeps(&mut self) -> (Vec<String>, Vec<String>) {
        (Vec::new(), Vec::new())
    }
}
