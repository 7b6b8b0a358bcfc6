//! Retrains the learned stage from crumbs' knowledge base and the bundled Open Cookie
//! Database and writes `assets/model/names.bin`:
//! `cargo run --release --example train-model`. Run it after changing either source;
//! `tests/learned_model.rs` fails until the shipped weights match them again.

use std::path::Path;

use crumbs::policy::learned::{self, corpus, train};

fn main() -> anyhow::Result<()> {
    let examples = corpus::examples()?;
    let model = train::train(&examples);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(learned::FILE);
    let tmp = path.with_extension("bin.tmp");
    std::fs::write(&tmp, model.to_bytes())?;
    std::fs::rename(&tmp, &path)?;
    println!("{} examples -> {}", examples.len(), path.display());
    Ok(())
}
