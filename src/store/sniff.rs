//! `--store PATH`: tell a store's kind from its content, not its name.

use std::path::Path;

use crate::model::StoreRef;
use crate::{Error, Result};

/// Opens one cookie file or profile folder named on the command line.
pub fn open_path(path: &Path) -> Result<StoreRef> {
    Err(Error::NotAStore {
        path: path.to_path_buf(),
        reason: "store sniffing not built yet".into(),
    })
}
