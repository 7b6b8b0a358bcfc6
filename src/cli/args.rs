//! Command-line flags as clap types. Parsed once, then turned into library values
//! (filters, store lists) by [`super::resolve`]; nothing here touches a store.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::choice::choice_parser;
use crate::model::{Browser, Category, Party};

/// See every cookie your browsers keep, learn what each one is for, and delete the ones
/// you don't want - safely.
#[derive(Debug, Parser)]
#[command(name = "crumbs", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub sources: Sources,
    /// Open the built-in demo store instead of your browsers.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Run the UI on an in-memory screen, press KEYS, print timings and exit
    /// (docs/benchmarks.md).
    #[arg(long, value_name = "KEYS", hide = true)]
    pub headless: Option<String>,
}

const EXAMPLES: &str = "\
Examples:
  crumbs                                          open the terminal UI
  crumbs list --site example.org                  every cookie of example.org and its subdomains
  crumbs list --name '_ga*' --json                Google Analytics cookies, as JSON
  crumbs explain sessionid --site example.org     what a cookie is for, and what deleting it does
  crumbs delete --site example.org --dry-run      what a delete would do, changing nothing
  crumbs clean --trackers                         delete marketing and statistics cookies
  crumbs undo                                     put the last deleted cookies back
  crumbs export --site example.org -o cookies.txt cookies for curl -b, wget, yt-dlp

Exit codes: 0 success, 1 error, 2 usage, 3 part of a deletion was refused (browser running).";

const EXPORT_EXAMPLES: &str = "\
Examples:
  crumbs export --site example.org -o cookies.txt && curl -b cookies.txt https://example.org/
  crumbs export --site example.org --no-httponly-prefix -o c.txt && wget --load-cookies c.txt URL
  crumbs export --browser firefox --format json -o cookies.json   (for a cookie extension)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every cookie store found on this computer.
    Stores(StoresArgs),
    /// List cookies (values hidden unless --show-values).
    List(ListArgs),
    /// Explain what a cookie is for, who sets it, and what deleting it does.
    Explain(ExplainArgs),
    /// Delete cookies (asks first; a backup is taken; `crumbs undo` restores).
    Delete(DeleteArgs),
    /// Delete every marketing and statistics cookie, keeping sign-ins and the keep-list.
    Clean(CleanArgs),
    /// Write cookies, values included, for curl, wget, yt-dlp or a browser extension.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Print a shell completion script: crumbs completions bash > ~/.local/share/bash-completion/completions/crumbs
    Completions(CompletionsArgs),
    /// Print the manual page (roff): crumbs man > ~/.local/share/man/man1/crumbs.1
    Man,
    /// Compare each site's cookies with the site's own cookie policy (exit 4 on findings).
    Audit(AuditArgs),
    /// Restore the cookies of the last (or the named) deletion.
    Undo(UndoArgs),
    /// List the backups taken before deletions.
    Backups(BackupsArgs),
}

/// Where cookies come from; shared by every command.
#[derive(Debug, Args, Default, Clone)]
pub struct Sources {
    /// Read this cookie file or profile folder instead of discovering stores (repeatable).
    #[arg(long = "store", value_name = "PATH", global = true)]
    pub stores: Vec<PathBuf>,
    /// Only this browser (repeatable).
    #[arg(long = "browser", value_name = "NAME", global = true,
          value_parser = choice_parser::<Browser>())]
    pub browsers: Vec<Browser>,
    /// Only this profile (its name or folder name).
    #[arg(long = "profile", value_name = "NAME", global = true)]
    pub profiles: Vec<String>,
    /// Extra policy file (TOML, or Open Cookie Database CSV); overrides built-ins.
    #[arg(long = "policy", value_name = "FILE", global = true)]
    pub policies: Vec<PathBuf>,
}

#[derive(Debug, Args, Default, Clone)]
pub struct JsonFlag {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Default, Clone)]
pub struct StoresArgs {
    #[command(flatten)]
    pub out: JsonFlag,
}

/// Which cookies a command is about.
#[derive(Debug, Args, Default, Clone)]
pub struct CookieArgs {
    /// Only cookies of this site (registrable domain; subdomains included). `*` matches
    /// any text in the host: '*.example.org'.
    #[arg(long = "site", value_name = "DOMAIN")]
    pub sites: Vec<String>,
    /// Only cookies of exactly this host (leading dot optional; `*` matches any text).
    #[arg(long = "host", value_name = "HOST")]
    pub hosts: Vec<String>,
    /// Only cookies with exactly this name (`*` matches any text: '_ga*').
    #[arg(long = "name", value_name = "NAME")]
    pub names: Vec<String>,
    /// Only this category (repeatable).
    #[arg(long = "category", value_name = "CATEGORY",
          value_parser = choice_parser::<Category>())]
    pub categories: Vec<Category>,
    /// Only this party (repeatable).
    #[arg(long = "party", value_name = "PARTY", value_parser = choice_parser::<Party>())]
    pub parties: Vec<Party>,
}

#[derive(Debug, Args, Default, Clone)]
pub struct ListArgs {
    #[command(flatten)]
    pub cookies: CookieArgs,
    #[command(flatten)]
    pub out: JsonFlag,
    /// Show cookie values (decrypting them where the platform allows).
    #[arg(long)]
    pub show_values: bool,
}

#[derive(Debug, Args, Default, Clone)]
pub struct ExplainArgs {
    /// The cookie's name.
    pub name: String,
    /// The site it belongs to (registrable domain).
    #[arg(long = "site", value_name = "DOMAIN")]
    pub site: Option<String>,
    /// Its exact host.
    #[arg(long = "host", value_name = "HOST")]
    pub host: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args, Default, Clone)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub cookies: CookieArgs,
    /// Exactly this cookie (the `id` from `crumbs list`); repeatable.
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub write: WriteFlags,
    #[command(flatten)]
    pub out: JsonFlag,
}

/// How a command that deletes runs: a rehearsal, or without asking. One definition, so
/// `delete` and `clean` cannot come to explain the same flags differently.
#[derive(Debug, Args, Default, Clone, Copy)]
pub struct WriteFlags {
    /// Show what would be deleted and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args, Default, Clone)]
pub struct CleanArgs {
    /// Delete marketing and statistics cookies (trackers).
    #[arg(long, required = true)]
    pub trackers: bool,
    /// Skip cookies whose category is only a guess (low confidence).
    #[arg(long)]
    pub sure_only: bool,
    #[command(flatten)]
    pub write: WriteFlags,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args, Default, Clone)]
pub struct BackupsArgs {
    /// Remove expired backups: older than `[backups] keep_days` in
    /// ~/.config/crumbs/config.toml (default 30 days), or than --older-than.
    #[arg(long)]
    pub prune: bool,
    /// With --prune: the age limit, in days (`7`, `7d`) or hours (`12h`).
    #[arg(long, value_name = "AGE", requires = "prune")]
    pub older_than: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args, Default, Clone)]
pub struct UndoArgs {
    /// The backup to restore (default: the latest not yet restored).
    pub backup_id: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

/// The export formats, as `--format` names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// cookies.txt, read by curl -b, wget --load-cookies and yt-dlp --cookies.
    #[default]
    Netscape,
    /// The JSON array browser cookie extensions import (Cookie-Editor, EditThisCookie).
    Json,
}

#[derive(Debug, Args, Default, Clone)]
pub struct ExportArgs {
    #[command(flatten)]
    pub cookies: CookieArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// Write HttpOnly cookies without the `#HttpOnly_` prefix. GNU wget 1.x reads prefixed
    /// lines as comments and loses those cookies; curl and yt-dlp read both.
    #[arg(long)]
    pub no_httponly_prefix: bool,
    /// Write to FILE (created owner-only, 0600). `-o -` writes to standard output even when
    /// it is a terminal; without -o, crumbs refuses to print values to a terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args, Clone)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args, Default, Clone)]
pub struct AuditArgs {
    /// Only this site (registrable domain); a site policy must cover it.
    #[arg(long = "site", value_name = "DOMAIN")]
    pub sites: Vec<String>,
    #[command(flatten)]
    pub out: JsonFlag,
    /// Write a Markdown report (date, stores examined, tables, the policy's own words).
    #[arg(long, conflicts_with = "json")]
    pub markdown: bool,
}
