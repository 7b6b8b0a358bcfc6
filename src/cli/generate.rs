//! `crumbs completions SHELL` and `crumbs man`: shell completion scripts and the manual
//! page, generated from the same clap definitions that parse the command line, so they
//! list exactly the commands, flags and allowed values crumbs accepts.

use std::io::Write;

use clap::CommandFactory;

use super::Cli;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut cmd, "crumbs", &mut out);
    out.flush()?;
    Ok(0)
}

/// Prints the manual page (roff): name, synopsis, options, the commands, and the examples.
pub fn man() -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(0)
}
