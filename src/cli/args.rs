//! Command-line flags as clap types. Parsed once, then turned into library values
//! (filters, store lists) by [`super::resolve`]; nothing here touches a store.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// See every cookie your browsers keep, learn what each one is for, and delete the ones
/// you don't want - safely.
#[derive(Debug, Parser)]
#[command(name = "crumbs", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub sources: Sources,
    /// Open the built-in demo store instead of your browsers.
    #[arg(long, global = true)]
    pub demo: bool,
}

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
    /// Only this browser (firefox, chrome, chromium, brave, edge, vivaldi, opera, ...).
    #[arg(long = "browser", value_name = "NAME", global = true)]
    pub browsers: Vec<String>,
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
    /// Only cookies of this site (registrable domain; subdomains included).
    #[arg(long = "site", value_name = "DOMAIN")]
    pub sites: Vec<String>,
    /// Only cookies of exactly this host (leading dot optional).
    #[arg(long = "host", value_name = "HOST")]
    pub hosts: Vec<String>,
    /// Only cookies with exactly this name.
    #[arg(long = "name", value_name = "NAME")]
    pub names: Vec<String>,
    /// Only this category: necessary, preferences, statistics, marketing, unknown.
    #[arg(long = "category", value_name = "CATEGORY")]
    pub categories: Vec<String>,
    /// Only this party: first, third, unknown.
    #[arg(long = "party", value_name = "PARTY")]
    pub parties: Vec<String>,
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
    /// Show what would be deleted and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args, Default, Clone)]
pub struct CleanArgs {
    /// Delete marketing and statistics cookies (trackers).
    #[arg(long, required = true)]
    pub trackers: bool,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, short = 'y')]
    pub yes: bool,
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
