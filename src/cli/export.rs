//! `crumbs export`: the cookies `list` would show (same filter), values decrypted, in a
//! format other programs read. Values are secrets: a file is created owner-only and never
//! replaced without `--force`, and standard output is refused when it is a terminal unless
//! `-o -` says so. What the format cannot hold is counted in notes on stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::args::{ExportArgs, ExportFormat, Sources};
use super::list::{fail_on_named_store_errors, sort, warn_store_notes};
use super::resolve;
use crate::export::{self, Format};
use crate::inventory::Entry;
use crate::model::{Cookie, UnixMicros};
use crate::sanitize::for_terminal;

/// Where the export goes.
#[derive(Debug, PartialEq, Eq)]
enum Destination {
    Stdout,
    File(PathBuf),
}

/// `crumbs export`.
pub fn export(sources: &Sources, demo: bool, a: &ExportArgs) -> anyhow::Result<u8> {
    let filter = resolve::cookie_filter(sources, &a.cookies)?;
    let to = destination(a.output.as_deref(), std::io::stdout().is_terminal())?;
    if let Destination::File(path) = &to
        && !a.force
        && path.symlink_metadata().is_ok()
    {
        bail!(
            "{} already exists (--force replaces it)",
            for_terminal(&path.display().to_string())
        );
    }
    let loaded = resolve::load(sources, demo, true)?;
    let inv = &loaded.inventory;
    fail_on_named_store_errors(sources, inv)?;
    let mut picked: Vec<&Entry> = inv.entries.iter().filter(|e| filter.matches(e)).collect();
    sort::by_site_host_name(&mut picked);
    let cookies: Vec<&Cookie> = picked.iter().map(|e| &e.cookie).collect();
    let out = export::export(&cookies, format(a), UnixMicros::now());
    match &to {
        Destination::Stdout => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&out.bytes)?;
            stdout.flush()?;
        }
        Destination::File(path) => export::write_new_file(path, &out.bytes, a.force)
            .with_context(|| "cannot write the export")?,
    }
    warn_store_notes(inv);
    let mut err = std::io::stderr().lock();
    for note in out.notes() {
        writeln!(err, "crumbs: note: {note}")?;
    }
    if let Destination::File(path) = &to {
        let s = if out.written == 1 { "" } else { "s" };
        writeln!(
            err,
            "crumbs: wrote {} cookie{s} to {}",
            out.written,
            for_terminal(&path.display().to_string())
        )?;
    }
    Ok(0)
}

fn format(a: &ExportArgs) -> Format {
    match a.format {
        ExportFormat::Netscape => Format::Netscape {
            http_only_prefix: !a.no_httponly_prefix,
        },
        ExportFormat::Json => Format::ExtensionJson,
    }
}

/// `-o FILE`, `-o -`, or nothing: standard output, refused when it is a terminal, where
/// the values would stay on screen and in its scrollback.
fn destination(output: Option<&Path>, stdout_is_terminal: bool) -> anyhow::Result<Destination> {
    match output {
        Some(p) if p == Path::new("-") => Ok(Destination::Stdout),
        Some(p) => Ok(Destination::File(p.to_path_buf())),
        None if stdout_is_terminal => bail!(
            "refusing to print cookie values to the terminal: give -o FILE (or -o - to print them anyway)"
        ),
        None => Ok(Destination::Stdout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_reach_a_terminal_only_when_asked() {
        assert!(destination(None, true).is_err());
        assert_eq!(destination(None, false).ok(), Some(Destination::Stdout));
        let dash = Some(Path::new("-"));
        assert_eq!(destination(dash, true).ok(), Some(Destination::Stdout));
        let file = Some(Path::new("c.txt"));
        assert_eq!(
            destination(file, true).ok(),
            Some(Destination::File("c.txt".into()))
        );
    }
}
