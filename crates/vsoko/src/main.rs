//! The `vsoko` binary: serve the web application, build and serve the demo school, run
//! migrations, import rosters, manage accounts, back up the database and analyse result files.

mod analyze;
mod cli;
mod commands;
mod demo_files;
mod school_analytics;

use clap::Parser;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VSOKO_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vsoko: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vsoko: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
