//! The demo store.

use crate::model::StoreRef;

pub fn create() -> crate::Result<(tempfile::TempDir, StoreRef)> {
    Err(crate::Error::Other("demo not built yet".into()))
}
