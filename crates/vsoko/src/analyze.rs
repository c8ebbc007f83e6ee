//! `vsoko analyze …`: the analytics engine on files, for analysts with exports from ФИС ОКО
//! or a region, and the entry of the oracle tests. No database. `--json` prints one JSON
//! object; otherwise readable tables. Bad input: every problem with its file, row and
//! column on stderr, exit code 2. Formats, keys and definitions: docs/ANALYZE.md.

mod input;
mod text;

use crate::cli::AnalyzeCommand;
use anyhow::Context;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;
use vsoko_domain::analytics::items::Thresholds;
use vsoko_domain::analytics::value_added::VaError;
use vsoko_domain::analytics::{assessment, bunching, value_added};
use vsoko_import::{ImportError, Location, Msg};

/// Runs an analysis command.
pub fn run(cmd: AnalyzeCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AnalyzeCommand::Assessment {
            scores,
            tasks,
            json,
            basic_threshold,
            advanced_threshold,
        } => {
            let (name, bytes) = read(&scores)?;
            let task_file = tasks.as_deref().map(read).transpose()?;
            let tasks = task_file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
            let parsed = if input::is_fisoko(&name, &bytes) {
                input::fisoko((&name, &bytes), tasks)
            } else {
                input::assessment((&name, &bytes), tasks)
            };
            let input = match parsed {
                Ok(i) => i,
                Err(e) => return Ok(refuse(e)),
            };
            let thr = Thresholds {
                basic: basic_threshold,
                advanced: advanced_threshold,
            };
            let report = assessment::analyse(&input, &thr);
            emit(json, &report, || text::assessment(&report))
        }
        AnalyzeCommand::ValueAdded { scores, json } => {
            let (name, bytes) = read(&scores)?;
            let pupils = match input::value_added(&name, &bytes) {
                Ok(p) => p,
                Err(e) => return Ok(refuse(e)),
            };
            let report = match value_added::value_added(&pupils) {
                Ok(r) => r,
                Err(e) => {
                    let key = match e {
                        VaError::TooFewPupils => "analyze-error-va-too-few-pupils",
                        VaError::TooFewClasses => "analyze-error-va-too-few-classes",
                        VaError::ConstantPrior => "analyze-error-va-constant-prior",
                        VaError::NoResidualVariance => "analyze-error-va-no-residual-variance",
                    };
                    return Ok(refuse(vec![ImportError::new(Location::file(name), Msg::new(key))]));
                }
            };
            emit(json, &report, || text::value_added(&report))
        }
        AnalyzeCommand::School { .. } => anyhow::bail!("`analyze school` reads the database (see commands.rs)"),
        AnalyzeCommand::Bunching { scores, cuts, json } => {
            let (name, bytes) = read(&scores)?;
            let list = match input::scores(&name, &bytes) {
                Ok(s) => s,
                Err(e) => return Ok(refuse(e)),
            };
            let report = bunching::bunching(&list, &cuts);
            emit(json, &report, || text::bunching(&report))
        }
    }
}

/// The file's name (as shown in messages) and its bytes.
fn read(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// Prints every problem in the user's language; exit code 2.
fn refuse(errors: Vec<ImportError>) -> ExitCode {
    let tr = crate::commands::cli_tr();
    for e in &errors {
        eprintln!("{}", tr.located(&e.location, &e.msg));
    }
    ExitCode::from(2)
}

fn emit<T: Serialize>(json: bool, report: &T, table: impl FnOnce() -> String) -> anyhow::Result<ExitCode> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        print!("{}", table());
    }
    Ok(ExitCode::SUCCESS)
}
