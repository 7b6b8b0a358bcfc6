//! Firefox family reader: `moz_cookies` from a snapshot, plus session cookies from the
//! current session-restore file.

use std::sync::Arc;

use super::{ReadOptions, StoreRead};
use crate::model::StoreRef;
use crate::{Error, Result};

pub fn read(store: &Arc<StoreRef>, _opts: &ReadOptions) -> Result<StoreRead> {
    Err(Error::Other(format!(
        "{}: Firefox reader not built yet",
        store.path.display()
    )))
}
