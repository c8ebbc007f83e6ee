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
    /// Read every session and diary page from the database (no in-memory cache; for
    /// measuring the uncached path and for diagnosis).
    #[arg(long, env = "VSOKO_NO_CACHE")]
    pub no_cache: bool,
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
        /// Size of the generated school: every grade gets this many times its classes
        /// (rounded, at most 9 per grade; 1 = the standard demo). For benchmarks.
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
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
    /// Export data for external tools.
    Export {
        /// What to export.
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Analyse result files without a database, or a whole school of the database (see docs/ANALYZE.md).
    Analyze {
        /// Which analysis.
        #[command(subcommand)]
        what: AnalyzeCommand,
    },
}

/// Analysis subcommands: each reads CSV (UTF-8 or windows-1251, `,` or `;`) or a plain XLSX table.
#[derive(Subcommand, Debug)]
pub enum AnalyzeCommand {
    /// Tasks and skills (completion, Wilson 95%, status), reliability, marks and objectivity, overall and per class.
    Assessment {
        /// Scores: a ФИС ОКО "Индивидуальные результаты" XLSX, or header pupil,class,<task codes…>[,mark][,journal_mark] (an empty cell or X is 0 points).
        #[arg(long)]
        scores: PathBuf,
        /// Tasks: header task,max_score,level,skills (level Б/П/В, skills separated by spaces).
        #[arg(long)]
        tasks: Option<PathBuf>,
        /// Print one JSON object instead of tables.
        #[arg(long)]
        json: bool,
        /// Completion threshold of basic (Б) tasks and of skills with only Б tasks.
        #[arg(long, default_value_t = 0.60, value_parser = share)]
        basic_threshold: f64,
        /// Completion threshold of П/В tasks and of skills with any П/В task.
        #[arg(long, default_value_t = 0.30, value_parser = share)]
        advanced_threshold: f64,
    },
    /// Value-added of classes: REML random-intercept model with empirical-Bayes effects, and residual gain.
    ValueAdded {
        /// Header pupil,class,prior,current.
        #[arg(long)]
        scores: PathBuf,
        /// Print one JSON object instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Every analytic of one school of the database recomputed from the raw rows: quality
    /// metrics of every class × subject × period (term and current marks; per parallel and
    /// school), the analysis of every assessment procedure, value-added of every linked pair.
    /// Prints counts and elapsed time.
    School {
        /// School id (default: the only school, else the one with the most pupils).
        #[arg(long)]
        school: Option<uuid::Uuid>,
        /// Print one JSON object of all metrics to stdout (counts and time go to stderr).
        #[arg(long)]
        json: bool,
    },
    /// Bunching of primary scores at mark thresholds (Poisson GLM; pooled data of 300+ pupils).
    Bunching {
        /// One column `score` of whole primary scores.
        #[arg(long)]
        scores: PathBuf,
        /// Thresholds (first score of each higher mark), e.g. 6,11,16.
        #[arg(long, value_delimiter = ',', required = true)]
        cuts: Vec<u32>,
        /// Print one JSON object instead of tables.
        #[arg(long)]
        json: bool,
    },
}

/// Export subcommands.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// The inputs of `vsoko analyze school` as CSV files (term marks, current marks with
    /// weights, procedures, tasks, skills, results, task scores, value-added pairs), for an
    /// external check of the same figures (scripts/bench/recompute_pandas.py).
    AnalyticsData {
        /// Directory to write into (created when missing).
        #[arg(long)]
        dir: PathBuf,
        /// School id (default: the only school, else the one with the most pupils).
        #[arg(long)]
        school: Option<uuid::Uuid>,
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
    /// Import assessment results task by task (see docs/ASSESSMENT_IMPORT.md): a ФИС ОКО
    /// "Индивидуальные результаты" file (--kind vpr), a РЦОИ ГИА protocol (--kind gia) or the
    /// generic layout for control works and monitoring (--kind generic).
    Assessment(AssessmentArgs),
    /// Load a codifier (content elements and checked requirements with codes; format of
    /// data/reference/assessments/*.codifier.csv, see docs/ASSESSMENT_IMPORT.md) into the
    /// school, replacing its codifier of the same work and filling the skill texts of the
    /// works already imported.
    Codifier {
        /// The file (.csv).
        file: PathBuf,
        /// Only check the file and show what it holds.
        #[arg(long)]
        dry_run: bool,
        /// School id (needed when the database holds more than one school).
        #[arg(long)]
        school: Option<uuid::Uuid>,
    },
}

/// Options of `vsoko import assessment`.
#[derive(Args, Debug)]
pub struct AssessmentArgs {
    /// The file (.xlsx or .csv).
    pub file: PathBuf,
    /// File layout: vpr, gia or generic.
    #[arg(long)]
    pub kind: String,
    /// Only show what would change.
    #[arg(long)]
    pub dry_run: bool,
    /// School id (needed when the database holds more than one school).
    #[arg(long)]
    pub school: Option<uuid::Uuid>,
    /// Subject (name, short name or catalogue code); required for gia and generic, checked for vpr.
    #[arg(long)]
    pub subject: Option<String>,
    /// Grade; required for generic, checked for vpr (gia: 9, or 11 for ЕГЭ).
    #[arg(long)]
    pub grade: Option<i64>,
    /// Calendar year of the procedure; required for gia and generic, checked for vpr.
    #[arg(long)]
    pub year: Option<i32>,
    /// Date held (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Title of the work (generic, gia).
    #[arg(long)]
    pub title: Option<String>,
    /// Procedure kind for gia (oge, ege, gve) or generic (school, regional, municipal, niko, international).
    #[arg(long)]
    pub procedure: Option<String>,
    /// A conversion table file (format of data/reference/assessments/*.conversion.csv) to load into the school first.
    #[arg(long)]
    pub conversion: Option<PathBuf>,
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

/// A share from 0 to 1 (a completion threshold).
fn share(text: &str) -> Result<f64, String> {
    match text.replace(',', ".").parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("expected a share from 0 to 1 (for example 0.6), got {text:?}")),
    }
}
