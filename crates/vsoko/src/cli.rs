//! Command-line interface (clap). Every command takes `--db` (or `VSOKO_DB`).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// vsoko — внутренняя система оценки качества образования (ВСОКО) for a school and its region.
#[derive(Parser, Debug)]
#[command(name = "vsoko", version, about)]
pub struct Cli {
    /// Database URL: sqlite://FILE (default sqlite://vsoko.db; the demo uses sqlite://vsoko-demo.db) or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "VSOKO_DB")]
    pub db: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Web server options.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "VSOKO_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Mark cookies Secure (when served over HTTPS behind a proxy).
    #[arg(long, env = "VSOKO_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Session lifetime in hours.
    #[arg(long, env = "VSOKO_SESSION_HOURS", default_value_t = 12)]
    pub session_hours: i64,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web application.
    Serve(ServeArgs),
    /// Build the demo school (if the database is empty) and serve it.
    Demo {
        /// Server options.
        #[command(flatten)]
        serve: ServeArgs,
        /// Build the demo and exit without serving.
        #[arg(long)]
        build_only: bool,
        /// Write demo files instead of serving.
        #[command(subcommand)]
        what: Option<DemoCommand>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Import data files.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Manage the region → municipality → school hierarchy.
    School {
        /// Action.
        #[command(subcommand)]
        action: SchoolCommand,
    },
    /// Manage accounts.
    User {
        /// Action.
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Rebuild the journal's rollup counters of every school (or one) from the raw marks.
    Recompute {
        /// Only this school.
        #[arg(long)]
        school: Option<uuid::Uuid>,
    },
    /// Write a consistent copy of a SQLite database while it runs (PostgreSQL: prints pg_dump guidance).
    Backup {
        /// Target file.
        file: PathBuf,
    },
}

/// Demo subcommands.
#[derive(Subcommand, Debug)]
pub enum DemoCommand {
    /// Write the demo school's external assessment files (ВПР results as ФИС ОКО
    /// "Индивидуальные результаты" XLSX, the ОГЭ trial as an РЦОИ protocol CSV, the
    /// participant code list) into a directory, without touching any database.
    Files {
        /// Directory to write into (created when missing).
        #[arg(long)]
        out: PathBuf,
    },
}

/// Import subcommands.
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import current marks, attendance and term marks (XLSX or CSV; see docs/MARKS_IMPORT.md)
    /// into the journal of the school's current year, as the school's deputy would.
    Marks {
        /// The file (.xlsx or .csv).
        file: PathBuf,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
        /// School id (needed when the database holds more than one school).
        #[arg(long)]
        school: Option<uuid::Uuid>,
    },
    /// Import a roster (XLSX workbook or one CSV) of staff, classes, pupils, parents and assignments.
    Roster {
        /// The file (.xlsx or .csv).
        file: PathBuf,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
        /// School id (needed when the database holds more than one school).
        #[arg(long)]
        school: Option<uuid::Uuid>,
    },
}

/// Hierarchy subcommands.
#[derive(Subcommand, Debug)]
pub enum SchoolCommand {
    /// Add a school (its region and municipality are created when missing), with the subject
    /// catalogue and a current school year divided into the given periods.
    Add {
        /// Full name of the school.
        #[arg(long)]
        name: String,
        /// Short name (defaults to the full name).
        #[arg(long)]
        short_name: Option<String>,
        /// Region name.
        #[arg(long)]
        region: String,
        /// Municipality name.
        #[arg(long)]
        municipality: String,
        /// First calendar year of the current school year (e.g. 2026 for 2026/2027).
        #[arg(long)]
        year: i32,
        /// Periods: quarter, trimester or half_year.
        #[arg(long, default_value = "quarter")]
        periods: String,
    },
    /// List regions, municipalities and schools with their ids.
    List,
}

/// Account subcommands.
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account with a role; prints a temporary password unless one is read from stdin.
    Add {
        /// Login.
        login: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Role: admin, director, deputy, shmo_head, teacher, class_teacher, pupil, parent, municipal, regional.
        #[arg(long)]
        role: String,
        /// School id for school roles (defaults to the only school).
        #[arg(long)]
        school: Option<uuid::Uuid>,
        /// Municipality or region id for municipal and regional roles.
        #[arg(long)]
        org: Option<uuid::Uuid>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new temporary password (printed) that must be changed at the next login.
    ResetPassword {
        /// Login.
        login: String,
    },
}
