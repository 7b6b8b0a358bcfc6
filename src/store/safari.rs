//! Safari `Cookies.binarycookies` reader (read-only).

use std::sync::Arc;

use super::StoreRead;
use crate::model::StoreRef;
use crate::{Error, Result};

pub fn read(store: &Arc<StoreRef>) -> Result<StoreRead> {
    Err(Error::Other(format!(
        "{}: Safari reader not built yet",
        store.path.display()
    )))
}
