//! What each command does.

use crate::cli::{
    AnalyzeCommand, AssessmentArgs, Cli, Command, DemoCommand, ExportCommand, ImportCommand, SchoolCommand, ServeArgs,
    UserCommand,
};
use anyhow::{Context, bail};
use std::process::ExitCode;
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_i18n::Tr;
use vsoko_store::{Actor, Db, accounts, demo, roster};
use vsoko_web::auth::password;
use vsoko_web::{AppState, Config};

const DEFAULT_DB: &str = "sqlite://vsoko.db";
const DEFAULT_DEMO_DB: &str = "sqlite://vsoko-demo.db";

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let url = |default: &str| cli.db.clone().unwrap_or_else(|| default.to_string());
    match cli.command {
        Command::Serve(args) => {
            let db = Db::connect(&url(DEFAULT_DB)).await.context("opening the database")?;
            serve(db, &args).await?;
        }
        Command::Demo {
            what: Some(DemoCommand::Files { out }),
            ..
        } => {
            let written = crate::demo_files::write_all(&out)?;
            println!("{} files written to {}", written.len(), out.display());
            for name in written {
                println!("  {name}");
            }
        }
        Command::Demo {
            serve: args,
            build_only,
            scale,
            what: None,
        } => {
            if scale != 1.0 && !vsoko_domain::demo::set_scale(scale) {
                bail!("--scale must be between 0.1 and 3 (1 = the standard demo)");
            }
            let db = Db::connect(&url(DEFAULT_DEMO_DB))
                .await
                .context("opening the database")?;
            if demo::is_empty(&db).await? {
                eprintln!("vsoko: building the demo school…");
                let hash = password::hash_now(password::DEMO_PASSWORD)?;
                let ids = demo::build(&db, &hash).await?;
                // The demo's "today": the journal holds the first half-year up to 26 November.
                let today = time::Date::from_calendar_date(2026, time::Month::November, 26)?;
                let j = vsoko_store::demo_journal::load(&db, ids.school_id, today).await?;
                let planned = vsoko_store::demo_schedule::load(&db, ids.school_id).await?;
                eprintln!("vsoko: demo assessment schedule: {planned} procedures");
                let a = crate::demo_files::import_all(&db, ids.school_id, today).await?;
                eprintln!(
                    "vsoko: demo assessment files imported: {} files, {} results, {} linked to pupils",
                    a.files, a.results, a.linked
                );
                let peers = crate::demo_files::import_peers(&db, &ids, today).await?;
                eprintln!("vsoko: ВПР of the other schools of the demo region: {peers} results");
                eprintln!(
                    "vsoko: demo school {} ready ({} lessons, {} journal cells, {} quarter marks)",
                    ids.school_id, j.lessons, j.cells, j.period_marks
                );
            } else if !vsoko_store::settings::is_demo(&db).await? {
                bail!("this database holds a real school; the demo needs an empty database (use --db)");
            }
            if !build_only {
                eprintln!(
                    "vsoko: demo logins admin, director, deputy, teacher, classteacher, pupil, parent, municipal, regional — password demo"
                );
                serve(db, &args).await?;
            }
        }
        Command::Migrate => {
            Db::connect(&url(DEFAULT_DB)).await.context("migrating")?;
            println!("migrations applied");
        }
        Command::Import {
            what: ImportCommand::Roster { file, dry_run, school },
        } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            return import_roster(&db, &file, dry_run, school).await;
        }
        Command::Import {
            what: ImportCommand::Marks { file, dry_run, school },
        } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            return import_marks(&db, &file, dry_run, school).await;
        }
        Command::Import {
            what: ImportCommand::Assessment(args),
        } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            return import_assessment(&db, args).await;
        }
        Command::Import {
            what: ImportCommand::Codifier { file, dry_run, school },
        } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            return import_codifier(&db, &file, dry_run, school).await;
        }
        Command::School { action } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            school(&db, action).await?;
        }
        Command::User { action } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            user(&db, action).await?;
        }
        Command::Recompute { school } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            let schools = match school {
                Some(id) => vec![pick_school(&db, Some(id)).await?],
                None => vsoko_store::org::school_ids(&db).await?,
            };
            for id in schools {
                db.write(move |tx| Box::pin(async move { vsoko_store::journal::rollups::recompute(tx, id).await }))
                    .await?;
                println!("rollups of school {id} rebuilt");
            }
        }
        Command::Analyze {
            what: AnalyzeCommand::School { school, json },
        } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            return crate::school_analytics::analyze(&db, school, json).await;
        }
        Command::Analyze { what } => return crate::analyze::run(what),
        Command::Export {
            what: ExportCommand::AnalyticsData { dir, school },
        } => {
            let db = Db::connect(&url(DEFAULT_DB)).await?;
            let written = crate::school_analytics::export(&db, school, &dir).await?;
            println!("{} files written to {}", written.len(), dir.display());
            for (name, rows) in written {
                println!("  {name}: {rows} rows");
            }
        }
        Command::Backup { file } => {
            let u = url(DEFAULT_DB);
            if u.starts_with("postgres") {
                println!(
                    "PostgreSQL: make a consistent online copy with\n  pg_dump --format=custom --file={} '{u}'\nand restore it with pg_restore --clean --dbname=URL FILE.",
                    file.display()
                );
                return Ok(ExitCode::from(2));
            }
            if file.exists() {
                bail!("{} already exists; choose a new file", file.display());
            }
            let db = Db::connect(&u).await?;
            db.backup_sqlite(&file.to_string_lossy()).await?;
            println!("backup written to {}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn serve(db: Db, args: &ServeArgs) -> anyhow::Result<()> {
    let cfg = Config {
        secure_cookies: args.secure_cookies,
        session_hours: args.session_hours,
        cache: !args.no_cache,
    };
    let state = AppState::new(db, cfg).await?;
    vsoko_web::serve(state, &args.listen).await
}

/// The school to act on: the given one, or the only school of the database.
async fn pick_school(db: &Db, school: Option<Uuid>) -> anyhow::Result<Uuid> {
    if let Some(id) = school {
        vsoko_store::org::school(db, id)
            .await?
            .with_context(|| format!("no school {id}"))?;
        return Ok(id);
    }
    let ids = vsoko_store::org::school_ids(db).await?;
    match ids.as_slice() {
        [one] => Ok(*one),
        [] => bail!("the database holds no school yet"),
        _ => bail!(
            "the database holds {} schools; name one with --school ID ({})",
            ids.len(),
            ids.iter().map(Uuid::to_string).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The language of messages printed for people: English when `LANG` starts with "en",
/// otherwise Russian.
pub(crate) fn cli_tr() -> Tr {
    Tr::new(&std::env::var("LANG").unwrap_or_default())
}

async fn import_roster(
    db: &Db,
    file: &std::path::Path,
    dry_run: bool,
    school: Option<Uuid>,
) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tr = cli_tr();
    let parsed = match vsoko_import::roster::parse_roster(&name, &bytes) {
        Ok(r) => r,
        Err(errors) => {
            eprintln!("{}: {} errors, nothing written", file.display(), errors.len());
            for e in errors {
                eprintln!("  {}", tr.located(&e.location, &e.msg));
            }
            return Ok(ExitCode::from(2));
        }
    };
    let school_id = pick_school(db, school).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let report = roster::apply(
        db,
        &Actor::system("vsoko import roster"),
        school_id,
        parsed,
        today,
        dry_run,
    )
    .await?;
    if !report.errors.is_empty() {
        eprintln!("{}: {} errors, nothing written", file.display(), report.errors.len());
        for e in &report.errors {
            eprintln!("  {}", tr.located(&e.location(&name), &e.msg));
        }
        return Ok(ExitCode::from(2));
    }
    for change in &report.changes {
        println!("{}", tr.msg(change));
    }
    let verb = if report.applied {
        "applied"
    } else {
        "dry run, nothing written"
    };
    println!(
        "{verb}: staff +{}/~{}, classes +{}/~{}, pupils +{}/~{}, parents +{}/~{}, links +{}, assignments +{}",
        report.staff.created,
        report.staff.updated,
        report.classes.created,
        report.classes.updated,
        report.pupils.created,
        report.pupils.updated,
        report.parents.created,
        report.parents.updated,
        report.links.created,
        report.assignments.created
    );
    Ok(ExitCode::SUCCESS)
}

/// Applies a marks file to a school's journal as its deputy ("vsoko import marks").
async fn import_marks(
    db: &Db,
    file: &std::path::Path,
    dry_run: bool,
    school: Option<Uuid>,
) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tr = cli_tr();
    let parsed = match vsoko_import::marks::parse_marks(&name, &bytes) {
        Ok(m) => m,
        Err(errors) => {
            eprintln!("{}: {} errors, nothing written", file.display(), errors.len());
            for e in errors {
                eprintln!("  {}", tr.located(&e.location, &e.msg));
            }
            return Ok(ExitCode::from(2));
        }
    };
    let school_id = pick_school(db, school).await?;
    let label = "vsoko import marks";
    let viewer = vsoko_store::journal::import::system_viewer(school_id, label);
    let today = time::OffsetDateTime::now_utc().date();
    let report =
        vsoko_store::journal::import::apply(db, &Actor::system(label), &viewer, parsed, today, dry_run).await?;
    if !report.errors.is_empty() {
        eprintln!("{}: {} errors, nothing written", file.display(), report.errors.len());
        for e in &report.errors {
            eprintln!("  {}", tr.located(&e.location(&name), &e.msg));
        }
        return Ok(ExitCode::from(2));
    }
    for change in &report.changes {
        println!("{}", tr.msg(change));
    }
    let verb = if report.applied {
        "applied"
    } else {
        "dry run, nothing written"
    };
    println!(
        "{verb}: lessons +{}/~{}, cells +{}/~{}, term marks +{}/~{}",
        report.lessons.created,
        report.lessons.updated,
        report.cells.created,
        report.cells.updated,
        report.terms.created,
        report.terms.updated
    );
    Ok(ExitCode::SUCCESS)
}

/// `vsoko import codifier`: checks the file whole (exit 2 with the line of the first error,
/// nothing written), then stores it as the school's codifier of that work.
async fn import_codifier(
    db: &Db,
    file: &std::path::Path,
    dry_run: bool,
    school: Option<Uuid>,
) -> anyhow::Result<ExitCode> {
    use vsoko_domain::assessment::codifier::ItemKind;
    let text = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let text = vsoko_import::table::decode_text(&text);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tr = cli_tr();
    let parsed = match vsoko_domain::assessment::reference::parse_codifier(&name, &text) {
        Ok(c) => c,
        Err(e) => {
            let at = vsoko_domain::msg::Location::file(file.display().to_string());
            let at = if e.line > 0 { at.with_row(e.line) } else { at };
            eprintln!("{}: nothing written", file.display());
            eprintln!("  {}", tr.located(&at, &e.msg));
            return Ok(ExitCode::from(2));
        }
    };
    let k = &parsed.key;
    let count = |kind| parsed.codifier.items.iter().filter(|i| i.kind == kind).count();
    let what = format!(
        "codifier {} {} {} grade {}: {} content elements, {} requirements",
        k.kind.code(),
        k.year,
        k.subject,
        k.grade,
        count(ItemKind::ContentElement),
        count(ItemKind::Requirement)
    );
    if dry_run {
        println!("dry run, nothing written: {what}");
        return Ok(ExitCode::SUCCESS);
    }
    let school_id = pick_school(db, school).await?;
    let actor = Actor::system("vsoko import codifier");
    let id = db
        .write(move |tx| {
            Box::pin(async move { vsoko_store::assessment::codifiers::put(tx, &actor, school_id, &parsed).await })
        })
        .await?;
    println!("applied: {what} (id {id})");
    Ok(ExitCode::SUCCESS)
}

/// Applies an assessment results file to a school ("vsoko import assessment").
async fn import_assessment(db: &Db, args: AssessmentArgs) -> anyhow::Result<ExitCode> {
    use vsoko_domain::assessment::ProcedureKind;
    use vsoko_import::assessment::{Expect, parse_generic, parse_gia, parse_vpr};
    let file = &args.file;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let procedure = match &args.procedure {
        Some(p) => Some(ProcedureKind::parse(p).with_context(|| format!("--procedure: unknown kind {p:?}"))?),
        None => None,
    };
    let date = match &args.date {
        Some(d) => Some(
            time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))
                .with_context(|| format!("--date must be YYYY-MM-DD, not {d:?}"))?,
        ),
        None => None,
    };
    let expect = Expect {
        kind: procedure,
        subject: args.subject.clone(),
        grade: args.grade,
        year: args.year.or(date.map(|d| d.year())),
        date,
        title: args.title.clone(),
    };
    let tr = cli_tr();
    let parsed = match args.kind.as_str() {
        "vpr" => parse_vpr(&name, &bytes, &expect),
        "gia" => parse_gia(&name, &bytes, &expect),
        "generic" => parse_generic(&name, &bytes, &expect),
        other => bail!("--kind must be vpr, gia or generic, not {other:?}"),
    };
    let parsed = match parsed {
        Ok(p) => p,
        Err(errors) => {
            eprintln!("{}: {} errors, nothing written", file.display(), errors.len());
            for e in errors {
                eprintln!("  {}", tr.located(&e.location, &e.msg));
            }
            return Ok(ExitCode::from(2));
        }
    };
    let school_id = pick_school(db, args.school).await?;
    let actor = Actor::system("vsoko import assessment");
    if let Some(path) = &args.conversion {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let cname = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if let Err(e) = vsoko_domain::assessment::reference::parse_conversion(&cname, &text) {
            let at = vsoko_domain::msg::Location::file(path.display().to_string());
            let at = if e.line > 0 { at.with_row(e.line) } else { at };
            eprintln!("{}: nothing written", path.display());
            eprintln!("  {}", tr.located(&at, &e.msg));
            return Ok(ExitCode::from(2));
        }
        vsoko_store::assessment::conversions::upload(db, &actor, school_id, &cname, &text)
            .await
            .with_context(|| format!("conversion table {}", path.display()))?;
    }
    let today = time::OffsetDateTime::now_utc().date();
    let report = vsoko_store::assessment::apply(db, &actor, school_id, parsed, today, args.dry_run, None).await?;
    if !report.errors.is_empty() {
        eprintln!("{}: {} errors, nothing written", file.display(), report.errors.len());
        for e in &report.errors {
            if e.row == 0 {
                eprintln!("  {}: {}", name, tr.msg(&e.msg));
            } else {
                eprintln!("  {}", tr.located(&e.location(&name), &e.msg));
            }
        }
        return Ok(ExitCode::from(2));
    }
    for change in &report.changes {
        println!("{}", tr.msg(change));
    }
    let verb = if report.applied {
        "applied"
    } else {
        "dry run, nothing written"
    };
    println!(
        "{verb}: tasks +{}/~{}, results +{}/~{} (unchanged {}), linked to pupils {}, unlinked {}",
        report.tasks.created,
        report.tasks.updated,
        report.results.created,
        report.results.updated,
        report.results.unchanged,
        report.linked,
        report.unlinked
    );
    if !report.unknown_classes.is_empty() {
        println!(
            "classes not found in the school year (results kept): {}",
            report.unknown_classes.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn school(db: &Db, action: SchoolCommand) -> anyhow::Result<()> {
    match action {
        SchoolCommand::Add {
            name,
            short_name,
            region,
            municipality,
            year,
            periods,
        } => {
            let kind = vsoko_domain::structure::PeriodKind::parse(&periods)
                .with_context(|| format!("--periods must be quarter, trimester or half_year, not {periods:?}"))?;
            if !(2000..=2100).contains(&year) {
                bail!("--year must be the first calendar year of the school year, e.g. 2026");
            }
            let short = short_name.unwrap_or_else(|| name.clone());
            let id = db
                .write(move |tx| {
                    Box::pin(async move {
                        let a = Actor::system("vsoko school add");
                        let r = vsoko_store::org::ensure_region(tx, &a, &region).await?;
                        let m = vsoko_store::org::ensure_municipality(tx, &a, r, &municipality).await?;
                        let s = vsoko_store::org::create_school(tx, &a, m, &name, &short).await?;
                        vsoko_store::structure::subjects::seed_catalogue(tx, &a, s).await?;
                        let spans = vsoko_domain::structure::default_periods(kind, year);
                        vsoko_store::structure::years::create_year(tx, &a, s, year, kind, &spans, true).await?;
                        Ok(s)
                    })
                })
                .await?;
            println!("school {id} created; next: vsoko user add LOGIN --name NAME --role admin --school {id}");
        }
        SchoolCommand::List => {
            for l in vsoko_store::org::tree(db).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    l.region_id, l.region, l.municipality_id, l.municipality, l.school_id, l.school
                );
            }
        }
    }
    Ok(())
}

async fn user(db: &Db, action: UserCommand) -> anyhow::Result<()> {
    let is_demo = vsoko_store::settings::is_demo(db).await?;
    let actor = Actor::system("vsoko user");
    match action {
        UserCommand::Add {
            login,
            name,
            role,
            school,
            org,
            password_stdin,
        } => {
            let role = Role::parse(&role).with_context(|| format!("unknown role {role:?}"))?;
            let (school_id, org_id) = if role.is_school_role() {
                (Some(pick_school(db, school).await?), None)
            } else {
                (
                    None,
                    Some(org.context("municipal and regional roles need --org (municipality or region id)")?),
                )
            };
            let (pw, temporary) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (password::random_password(), true)
            };
            if let Some(key) = password::weakness(&pw, is_demo) {
                bail!("password refused: {}", vsoko_i18n::Tr::new("en").t(key));
            }
            let hash = password::hash_now(&pw)?;
            db.write(move |tx| {
                Box::pin(async move {
                    let uid = accounts::create_user(tx, &actor, &login, &name, &hash, temporary).await?;
                    accounts::grant_role(tx, &actor, uid, role, school_id, org_id, &[]).await
                })
            })
            .await?;
            if temporary {
                println!("account created; temporary password (must be changed at first login): {pw}");
            } else {
                println!("account created");
            }
        }
        UserCommand::ResetPassword { login } => {
            let uid = accounts::user_id(db, &login)
                .await?
                .with_context(|| format!("no account {login:?}"))?;
            let pw = password::random_password();
            let hash = password::hash_now(&pw)?;
            db.write(move |tx| {
                Box::pin(async move {
                    accounts::set_password(tx, &actor, uid, &hash, true).await?;
                    accounts::revoke_all_sessions(tx, uid).await.map(|_| ())
                })
            })
            .await?;
            println!("temporary password (must be changed at next login): {pw}");
        }
    }
    Ok(())
}
