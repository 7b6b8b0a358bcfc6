//! Non-interactive subcommands over the same library the TUI uses. Errors reach the user as
//! one line on stderr; exit codes: 0 success, 1 error, 2 usage, 3 some stores were refused
//! (a browser was running) while others were changed, 4 an audit found undeclared or
//! contradicted cookies.

mod args;
mod audit;
mod choice;
mod delete;
mod explain;
mod export;
mod generate;
mod json;
mod list;
pub(crate) mod resolve;
mod table;
mod undo;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::Command;
pub use args::{Cli, Sources};

/// Exit status when part of a deletion was refused because a browser was running.
pub const EXIT_PARTIAL: u8 = 3;
/// Exit status of `crumbs audit` when a site holds undeclared or contradicted cookies.
pub const EXIT_FINDINGS: u8 = 4;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let line = crate::sanitize::for_terminal(&one_line(&e)).into_owned();
            let _ = writeln!(std::io::stderr(), "crumbs: {line}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let sources = &cli.sources;
    match &cli.command {
        None if cli.headless.is_some() => crate::tui::headless(
            &resolve::selection(sources, cli.demo),
            resolve::policies(sources)?,
            cli.headless.as_deref().unwrap_or_default(),
        )
        .map(|()| 0),
        None => crate::tui::launch(
            &resolve::selection(sources, cli.demo),
            resolve::policies(sources)?,
        )
        .map(|()| 0),
        Some(Command::Stores(a)) => list::stores(sources, cli.demo, a),
        Some(Command::List(a)) => list::list(sources, cli.demo, a),
        Some(Command::Explain(a)) => explain::explain(sources, cli.demo, a),
        Some(Command::Delete(a)) => delete::delete(sources, cli.demo, a),
        Some(Command::Clean(a)) => delete::clean(sources, cli.demo, a),
        Some(Command::Export(a)) => export::export(sources, cli.demo, a),
        Some(Command::Completions(a)) => generate::completions(a.shell),
        Some(Command::Man) => generate::man(),
        Some(Command::Audit(a)) => audit::audit(sources, cli.demo, a),
        Some(Command::Undo(a)) => undo::undo(a),
        Some(Command::Backups(a)) => undo::backups(a),
    }
}

/// The error and its causes as one line. A cause whose text the message before it already
/// ends with is left out (library errors name their cause themselves), and paths with
/// control bytes are escaped by the caller, so a hostile file name cannot drive the
/// terminal.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.ends_with(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_drops_a_repeated_cause() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = anyhow::Error::new(crate::Error::io("/x/cookies.sqlite", io)).context("reading");
        assert_eq!(one_line(&e), "reading: /x/cookies.sqlite: gone");
        let plain = anyhow::anyhow!("inner").context("outer");
        assert_eq!(one_line(&plain), "outer: inner");
    }
}
