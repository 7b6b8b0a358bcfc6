//! Chromium family reader: `cookies` table from a snapshot, values decrypted per store.

use std::sync::Arc;

use super::{ReadOptions, StoreRead};
use crate::model::StoreRef;
use crate::{Error, Result};

pub fn read(store: &Arc<StoreRef>, _opts: &ReadOptions) -> Result<StoreRead> {
    Err(Error::Other(format!(
        "{}: Chromium reader not built yet",
        store.path.display()
    )))
}
