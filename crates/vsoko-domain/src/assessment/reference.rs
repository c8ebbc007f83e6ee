//! Assessment reference data shipped as versioned files in `data/reference/assessments/`:
//! conversion tables (`*.conversion.csv`), task tables with codifier links (`*.tasks.csv`)
//! and codifiers (`*.codifier.csv`). Each file starts with `#` lines: free provenance
//! (`source:`, `link:`, `note:`) and the keys `kind`, `year`, `subject`, `grade`,
//! `max_primary` (not for codifiers; and `output` for conversion tables). Rows are
//! `;`-separated. Schools get copies they may edit.

use super::codifier::{Codifier, CodifierError, CodifierItem, ItemKind, PlanRow, split_references};
use super::conversion::{Band, Condition, ConversionError, ConversionTable, Output};
use super::{Level, ProcedureKind, Skill, TaskSpec};
use crate::msg::Msg;
use std::borrow::Cow;

/// Every shipped file: (file name, contents).
pub const FILES: &[(&str, &str)] = &[
    (
        "vpr-2026-rus-4.conversion.csv",
        include_str!("../../../../data/reference/assessments/vpr-2026-rus-4.conversion.csv"),
    ),
    (
        "vpr-2026-rus-4.tasks.csv",
        include_str!("../../../../data/reference/assessments/vpr-2026-rus-4.tasks.csv"),
    ),
    (
        "vpr-2026-math-4.tasks.csv",
        include_str!("../../../../data/reference/assessments/vpr-2026-math-4.tasks.csv"),
    ),
    (
        "oge-2023-rus-9.conversion.csv",
        include_str!("../../../../data/reference/assessments/oge-2023-rus-9.conversion.csv"),
    ),
    (
        "oge-2023-rus-9.tasks.csv",
        include_str!("../../../../data/reference/assessments/oge-2023-rus-9.tasks.csv"),
    ),
    (
        "oge-2024-math-9.conversion.csv",
        include_str!("../../../../data/reference/assessments/oge-2024-math-9.conversion.csv"),
    ),
];

/// What a reference file is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefKey {
    /// Procedure kind.
    pub kind: ProcedureKind,
    /// Year of the procedure the table is for.
    pub year: i32,
    /// Subject catalogue code (`data/reference/subjects.csv`).
    pub subject: String,
    /// Grade.
    pub grade: i64,
    /// Maximum primary score.
    pub max_primary: u32,
}

/// A conversion table with its key and provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefConversion {
    /// What the table is for.
    pub key: RefKey,
    /// The table.
    pub table: ConversionTable,
    /// Provenance lines (`source: …`, `link: …`, `note: …`).
    pub provenance: Vec<String>,
}

/// A task table with its key and provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefTasks {
    /// What the tasks are for.
    pub key: RefKey,
    /// The tasks in order.
    pub tasks: Vec<TaskSpec>,
    /// Provenance lines.
    pub provenance: Vec<String>,
}

/// What a codifier is for: the work's kind, year, subject and grade (no maximum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodifierKey {
    /// Procedure kind.
    pub kind: ProcedureKind,
    /// Year.
    pub year: i32,
    /// Subject catalogue code.
    pub subject: String,
    /// Grade.
    pub grade: i64,
}

impl CodifierKey {
    /// Whether a work (kind, year, subject code, grade) is what this codifier is for.
    pub fn is_for(&self, kind: ProcedureKind, year: i32, subject: &str, grade: i64) -> bool {
        self.kind == kind && self.year == year && self.subject == subject && self.grade == grade
    }
}

/// A codifier with its key and provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefCodifier {
    /// What the codifier is for.
    pub key: CodifierKey,
    /// The items.
    pub codifier: Codifier,
    /// Provenance lines.
    pub provenance: Vec<String>,
}

/// Why a reference (or uploaded conversion) file does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {msg}")]
pub struct RefError {
    /// File name.
    pub file: String,
    /// 1-based line number (0 for the file as a whole).
    pub line: usize,
    /// What was expected (rendered by `vsoko_i18n::Tr::msg`).
    pub msg: Msg,
}

struct Parsed<'a> {
    file: &'a str,
    meta: Vec<(String, String)>,
    provenance: Vec<String>,
    rows: Vec<(usize, Vec<Cow<'a, str>>)>,
}

fn split<'a>(file: &'a str, text: &'a str) -> Parsed<'a> {
    let mut p = Parsed {
        file,
        meta: Vec::new(),
        provenance: Vec::new(),
        rows: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            match comment.split_once(':') {
                Some((k, _)) if ["source", "link", "note", "title"].contains(&k.trim()) => {
                    p.provenance.push(comment.to_string());
                }
                Some((k, v)) if !k.trim().contains(' ') && !k.trim().is_empty() => {
                    p.meta.push((k.trim().to_string(), v.trim().to_string()));
                }
                _ => p.provenance.push(format!("title: {comment}")),
            }
        } else if !line.trim().is_empty() {
            p.rows.push((i + 1, fields(line)));
        }
    }
    p
}

/// The `;`-separated fields of a row, trimmed. A field may be quoted as a spreadsheet saves
/// it (`"Числа; дроби"`, `""` for a quote inside) when its text holds `;`; one row per line.
fn fields(line: &str) -> Vec<Cow<'_, str>> {
    if line.contains('"') {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .from_reader(line.as_bytes());
        if let Some(Ok(record)) = reader.records().next() {
            return record.iter().map(|f| Cow::Owned(f.trim().to_string())).collect();
        }
    }
    line.split(';').map(|f| Cow::Borrowed(f.trim())).collect()
}

/// A field written back: quoted when it holds `;` or `"`.
fn field(text: &str) -> Cow<'_, str> {
    if text.contains([';', '"']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

impl Parsed<'_> {
    fn err(&self, line: usize, msg: Msg) -> RefError {
        RefError {
            file: self.file.to_string(),
            line,
            msg,
        }
    }

    fn meta(&self, key: &str) -> Result<&str, RefError> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| self.err(0, Msg::new("reference-error-header").arg("key", key)))
    }

    fn number<T: std::str::FromStr>(&self, key: &str) -> Result<T, RefError> {
        self.meta(key)?
            .parse()
            .map_err(|_| self.err(0, Msg::new("reference-error-header-number").arg("key", key)))
    }

    fn key(&self) -> Result<RefKey, RefError> {
        let k = self.codifier_key()?;
        Ok(RefKey {
            kind: k.kind,
            year: k.year,
            subject: k.subject,
            grade: k.grade,
            max_primary: self.number("max_primary")?,
        })
    }

    /// Provenance (`source:` and `link:` required) and the keys every file has.
    fn codifier_key(&self) -> Result<CodifierKey, RefError> {
        if !self.provenance.iter().any(|l| l.starts_with("source:"))
            || !self.provenance.iter().any(|l| l.starts_with("link:"))
        {
            return Err(self.err(0, Msg::new("reference-error-provenance")));
        }
        let kind = self.meta("kind")?;
        Ok(CodifierKey {
            kind: ProcedureKind::parse(kind)
                .ok_or_else(|| self.err(0, Msg::new("reference-error-kind").arg("found", kind)))?,
            year: self.number("year")?,
            subject: self.meta("subject")?.to_string(),
            grade: self.number("grade")?,
        })
    }
}

fn num<T: std::str::FromStr>(p: &Parsed<'_>, line: usize, what: &str, text: &str) -> Result<T, RefError> {
    text.parse().map_err(|_| {
        p.err(
            line,
            Msg::new("reference-error-number").arg("what", what).arg("found", text),
        )
    })
}

/// Parses a conversion file (see the module docs) and checks the table.
pub fn parse_conversion(file: &str, text: &str) -> Result<RefConversion, RefError> {
    let p = split(file, text);
    let key = p.key()?;
    let output_code = p.meta("output")?;
    let output = Output::parse(output_code)
        .ok_or_else(|| p.err(0, Msg::new("reference-error-output").arg("found", output_code)))?;
    let mut table = ConversionTable {
        max_primary: key.max_primary,
        output,
        bands: Vec::new(),
        test_scores: Vec::new(),
    };
    for (line, f) in &p.rows {
        let line = *line;
        let f: Vec<&str> = f.iter().map(AsRef::as_ref).collect();
        match output {
            Output::Mark => table.bands.push(band_row(&p, line, &f)?),
            Output::TestScore => {
                let [primary, test] = f.as_slice() else {
                    return Err(p.err(
                        line,
                        Msg::new("reference-error-columns").arg("expected", "primary;test_score"),
                    ));
                };
                let primary: usize = num(&p, line, "primary", primary)?;
                if primary != table.test_scores.len() {
                    return Err(p.err(
                        line,
                        Msg::new("reference-error-primary-order").arg("expected", table.test_scores.len()),
                    ));
                }
                table.test_scores.push(num(&p, line, "test_score", test)?);
            }
        }
    }
    table.check().map_err(|e| p.err(0, check_msg(e)))?;
    Ok(RefConversion {
        key,
        table,
        provenance: p.provenance,
    })
}

/// Parses a task table file; the maxima must sum to `max_primary` and codes be unique.
pub fn parse_tasks(file: &str, text: &str) -> Result<RefTasks, RefError> {
    let p = split(file, text);
    let key = p.key()?;
    let tasks = task_rows(&p)?;
    let sum: u32 = tasks.iter().map(|t| t.max_score).sum();
    if tasks.is_empty() || sum != key.max_primary {
        return Err(p.err(
            0,
            Msg::new("reference-error-task-sum")
                .arg("sum", sum)
                .arg("max", key.max_primary),
        ));
    }
    Ok(RefTasks {
        key,
        tasks,
        provenance: p.provenance,
    })
}

/// One band row: `mark;min;max` or `mark;min;max;conditions;fallback`.
fn band_row(p: &Parsed<'_>, line: usize, f: &[&str]) -> Result<Band, RefError> {
    let (mark, min, max, conditions, fallback) = match f {
        [mark, min, max] => (mark, min, max, &"", &""),
        [mark, min, max, conditions, fallback] => (mark, min, max, conditions, fallback),
        _ => {
            return Err(p.err(
                line,
                Msg::new("reference-error-columns").arg("expected", "mark;min;max;conditions;fallback"),
            ));
        }
    };
    let conditions = conditions
        .split('&')
        .filter(|c| !c.trim().is_empty())
        .map(|c| Condition::parse(c).ok_or_else(|| p.err(line, Msg::new("reference-error-condition").arg("found", c))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Band {
        mark: num(p, line, "mark", mark)?,
        min: num(p, line, "min", min)?,
        max: num(p, line, "max", max)?,
        conditions,
        fallback: if fallback.is_empty() {
            None
        } else {
            Some(num(p, line, "fallback", fallback)?)
        },
    })
}

/// Task rows `code;max;level;section;skill;codifier`; trailing columns may be left out.
fn task_rows(p: &Parsed<'_>) -> Result<Vec<TaskSpec>, RefError> {
    let mut tasks: Vec<TaskSpec> = Vec::new();
    for (line, f) in &p.rows {
        let line = *line;
        let f: Vec<&str> = f.iter().map(AsRef::as_ref).collect();
        if !(2..=6).contains(&f.len()) {
            return Err(p.err(
                line,
                Msg::new("reference-error-columns").arg("expected", "code;max;level;section;skill;codifier"),
            ));
        }
        let col = |i: usize| f.get(i).copied().unwrap_or("");
        let (code, max, level, section, skill, codifier) = (col(0), col(1), col(2), col(3), col(4), col(5));
        if code.is_empty() || tasks.iter().any(|t| t.code == code) {
            return Err(p.err(line, Msg::new("reference-error-task-code").arg("code", code)));
        }
        let level = if level.is_empty() {
            None
        } else {
            Some(
                Level::parse(level)
                    .ok_or_else(|| p.err(line, Msg::new("reference-error-level").arg("found", level)))?,
            )
        };
        let references = split_references(codifier);
        let skills = if skill.is_empty() && references.is_empty() {
            Vec::new()
        } else if references.is_empty() {
            vec![Skill {
                code: String::new(),
                section: section.to_string(),
                text: skill.to_string(),
            }]
        } else {
            // Several codifier items: one skill each (texts come from the codifier).
            references
                .into_iter()
                .map(|code| Skill {
                    code,
                    section: section.to_string(),
                    text: skill.to_string(),
                })
                .collect()
        };
        let max_score: u32 = num(p, line, "max", max)?;
        if max_score == 0 {
            return Err(p.err(line, Msg::new("reference-error-task-max-zero")));
        }
        tasks.push(TaskSpec {
            code: code.to_string(),
            max_score,
            level,
            skills,
        });
    }
    if tasks.is_empty() {
        return Err(p.err(0, Msg::new("reference-error-no-tasks")));
    }
    Ok(tasks)
}

/// Tasks typed in a form, one per line in the task-table format without the `#` header
/// (`code;max;level;section;skill;codifier`, trailing columns optional).
pub fn parse_task_lines(file: &str, text: &str) -> Result<Vec<TaskSpec>, RefError> {
    task_rows(&split(file, text))
}

/// Mark bands typed in a form, one per line (`mark;min;max`, or with `;conditions;fallback`),
/// as a checked table for a work whose maximum primary score is `max_primary`.
pub fn parse_band_lines(file: &str, text: &str, max_primary: u32) -> Result<ConversionTable, RefError> {
    let p = split(file, text);
    let table = ConversionTable {
        max_primary,
        output: Output::Mark,
        bands: p
            .rows
            .iter()
            .map(|(line, f)| band_row(&p, *line, &f.iter().map(AsRef::as_ref).collect::<Vec<&str>>()))
            .collect::<Result<_, _>>()?,
        test_scores: Vec::new(),
    };
    table.check().map_err(|e| p.err(0, check_msg(e)))?;
    Ok(table)
}

/// A conversion table written back in the file format [`parse_conversion`] reads (for
/// "copy to edit" and downloads).
pub fn write_conversion(c: &RefConversion) -> String {
    let k = &c.key;
    let mut out: String = c.provenance.iter().map(|l| format!("# {l}\n")).collect();
    out.push_str(&format!(
        "# kind: {}\n# year: {}\n# subject: {}\n# grade: {}\n# output: {}\n# max_primary: {}\n",
        k.kind.code(),
        k.year,
        k.subject,
        k.grade,
        c.table.output.code(),
        c.table.max_primary
    ));
    match c.table.output {
        Output::Mark => {
            out.push_str("# columns: mark;min;max;conditions;fallback\n");
            for b in &c.table.bands {
                let conditions: Vec<String> = b.conditions.iter().map(ToString::to_string).collect();
                let fallback = b.fallback.map(|f| f.to_string()).unwrap_or_default();
                out.push_str(&format!(
                    "{};{};{};{};{fallback}\n",
                    b.mark,
                    b.min,
                    b.max,
                    conditions.join("&")
                ));
            }
        }
        Output::TestScore => {
            out.push_str("# columns: primary;test_score\n");
            for (primary, test) in c.table.test_scores.iter().enumerate() {
                out.push_str(&format!("{primary};{test}\n"));
            }
        }
    }
    out
}

/// Parses a codifier file: rows `code;kind;parent;text` with kind `элемент` or
/// `требование` (also `Э`/`Т`) and parent empty or the code of an item of the same list
/// given above; optionally the plan of the work, rows `task;задание;;references` (the
/// items a task checks, references separated by spaces, each naming one item).
pub fn parse_codifier(file: &str, text: &str) -> Result<RefCodifier, RefError> {
    let p = split(file, text);
    let key = p.codifier_key()?;
    let mut codifier = Codifier::default();
    let mut plan: Vec<(usize, PlanRow)> = Vec::new();
    for (line, f) in &p.rows {
        let line = *line;
        let f: Vec<&str> = f.iter().map(AsRef::as_ref).collect();
        let [code, kind, parent, text] = f.as_slice() else {
            return Err(p.err(
                line,
                Msg::new("reference-error-columns").arg("expected", "code;kind;parent;text"),
            ));
        };
        if matches!(kind.to_lowercase().as_str(), "задание" | "task" | "з") {
            plan.push((
                line,
                PlanRow {
                    task: (*code).to_string(),
                    references: split_references(text),
                },
            ));
            continue;
        }
        let kind =
            ItemKind::parse(kind).ok_or_else(|| p.err(line, Msg::new("codifier-error-kind").arg("found", *kind)))?;
        codifier
            .push(CodifierItem {
                code: (*code).to_string(),
                kind,
                parent: (*parent).to_string(),
                text: (*text).to_string(),
            })
            .map_err(|e| p.err(line, codifier_msg(&e)))?;
    }
    if codifier.items.is_empty() {
        return Err(p.err(0, Msg::new("codifier-error-empty")));
    }
    for (line, row) in plan {
        codifier.push_plan(row).map_err(|e| p.err(line, codifier_msg(&e)))?;
    }
    Ok(RefCodifier {
        key,
        codifier,
        provenance: p.provenance,
    })
}

/// What a codifier error says, as a message.
pub fn codifier_msg(e: &CodifierError) -> Msg {
    match e {
        CodifierError::EmptyCode => Msg::new("codifier-error-code"),
        CodifierError::EmptyText(code) => Msg::new("codifier-error-text").arg("code", code),
        CodifierError::Duplicate(code) => Msg::new("codifier-error-duplicate").arg("code", code),
        CodifierError::UnknownParent { code, parent } => Msg::new("codifier-error-parent")
            .arg("code", code)
            .arg("parent", parent),
        CodifierError::UnknownReference(r) => Msg::new("codifier-error-unknown-reference").arg("code", r),
        CodifierError::AmbiguousReference(r) => Msg::new("codifier-error-ambiguous-reference").arg("code", r),
        CodifierError::EmptyPlanRow => Msg::new("codifier-error-plan-row"),
        CodifierError::DuplicateTask(task) => Msg::new("codifier-error-plan-duplicate").arg("task", task),
    }
}

/// A codifier written back in the file format [`parse_codifier`] reads.
pub fn write_codifier(c: &RefCodifier) -> String {
    let k = &c.key;
    let mut out: String = c.provenance.iter().map(|l| format!("# {l}\n")).collect();
    out.push_str(&format!(
        "# kind: {}\n# year: {}\n# subject: {}\n# grade: {}\n# columns: code;kind;parent;text\n",
        k.kind.code(),
        k.year,
        k.subject,
        k.grade
    ));
    for i in &c.codifier.items {
        out.push_str(&format!(
            "{};{};{};{}\n",
            field(&i.code),
            i.kind.code(),
            field(&i.parent),
            field(&i.text)
        ));
    }
    for row in &c.codifier.plan {
        out.push_str(&format!("{};задание;;{}\n", field(&row.task), row.references.join(" ")));
    }
    out
}

/// Every shipped codifier.
pub fn codifiers() -> Result<Vec<RefCodifier>, RefError> {
    FILES
        .iter()
        .filter(|(name, _)| name.ends_with(".codifier.csv"))
        .map(|(name, text)| parse_codifier(name, text))
        .collect()
}

/// The message of a failed [`ConversionTable::check`].
fn check_msg(e: ConversionError) -> Msg {
    match e {
        ConversionError::Inconsistent(m) => m,
        other => Msg::new("reference-error-table").arg("error", other),
    }
}

/// Every shipped conversion table.
pub fn conversions() -> Result<Vec<RefConversion>, RefError> {
    FILES
        .iter()
        .filter(|(name, _)| name.ends_with(".conversion.csv"))
        .map(|(name, text)| parse_conversion(name, text))
        .collect()
}

/// Every shipped task table.
pub fn task_tables() -> Result<Vec<RefTasks>, RefError> {
    FILES
        .iter()
        .filter(|(name, _)| name.ends_with(".tasks.csv"))
        .map(|(name, text)| parse_tasks(name, text))
        .collect()
}

/// The shipped task table of one work (kind, year, subject catalogue code, grade), if any.
pub fn task_table(kind: ProcedureKind, year: i32, subject: &str, grade: i64) -> Option<RefTasks> {
    task_tables()
        .unwrap_or_default()
        .into_iter()
        .find(|t| t.key.kind == kind && t.key.year == year && t.key.subject == subject && t.key.grade == grade)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Converted;

    #[test]
    fn every_file_in_the_folder_is_shipped_and_parses() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/reference/assessments");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("reference folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".csv"))
            .collect();
        on_disk.sort();
        let mut shipped: Vec<String> = FILES.iter().map(|(n, _)| (*n).to_string()).collect();
        shipped.sort();
        assert_eq!(on_disk, shipped);
        let convs = conversions().expect("conversion tables");
        let tasks = task_tables().expect("task tables");
        let codes = codifiers().expect("codifiers");
        assert_eq!(convs.len() + tasks.len() + codes.len(), FILES.len());
        // Every codifier reference of a shipped task table names an item of the shipped
        // codifier of the same work.
        for t in &tasks {
            let Some(c) = codes
                .iter()
                .find(|c| c.key.is_for(t.key.kind, t.key.year, &t.key.subject, t.key.grade))
            else {
                continue;
            };
            let mut resolved = t.tasks.clone();
            assert_eq!(c.codifier.resolve(&mut resolved), Vec::new(), "{:?}", t.key);
        }
        let catalogue = crate::reference::subjects();
        for key in convs.iter().map(|c| &c.key).chain(tasks.iter().map(|t| &t.key)) {
            assert!(catalogue.iter().any(|s| s.code == key.subject), "{key:?}");
        }
        // A task table and a conversion table for the same work agree on the maximum.
        for t in &tasks {
            if let Some(c) = convs.iter().find(|c| {
                c.key.kind == t.key.kind
                    && c.key.year == t.key.year
                    && c.key.subject == t.key.subject
                    && c.key.grade == t.key.grade
            }) {
                assert_eq!(c.table.max_primary, t.tasks.iter().map(|x| x.max_score).sum::<u32>());
            }
        }
    }

    #[test]
    fn spec_examples_convert_as_spec_says() {
        let convs = conversions().expect("tables");
        let find = |kind, subject: &str, grade| {
            convs
                .iter()
                .find(|c| c.key.kind == kind && c.key.subject == subject && c.key.grade == grade)
                .expect("table")
        };
        let vpr = &find(ProcedureKind::Vpr, "rus", 4).table;
        let marks: Vec<_> = [0, 9, 10, 15, 16, 20, 21, 24]
            .iter()
            .map(|&s| vpr.convert(s, |_| None))
            .collect();
        let want: Vec<_> = [2, 2, 3, 3, 4, 4, 5, 5]
            .iter()
            .map(|&m| Ok(Converted::Mark(m)))
            .collect();
        assert_eq!(marks, want);
        let rus = &find(ProcedureKind::Oge, "rus", 9).table;
        let gk = |n| move |c: &str| (c == "ГК2").then_some(n);
        assert_eq!(rus.convert(25, gk(3)), Ok(Converted::Mark(3)));
        assert_eq!(rus.convert(25, gk(4)), Ok(Converted::Mark(4)));
        assert_eq!(rus.convert(31, gk(5)), Ok(Converted::Mark(4)));
        let math = &find(ProcedureKind::Oge, "math", 9).table;
        let geometry = |n| move |c: &str| (c == "23").then_some(n);
        assert_eq!(math.convert(8, geometry(2)), Ok(Converted::Mark(3)));
        assert_eq!(math.convert(20, geometry(1)), Ok(Converted::Mark(2)));
        assert_eq!(math.convert(25, geometry(2)), Ok(Converted::Mark(5)));
    }

    #[test]
    fn bad_files_name_the_line_and_what_was_expected() {
        let head = "# source: x\n# link: y\n# kind: vpr\n# year: 2026\n# subject: rus\n# grade: 4\n# max_primary: 3\n";
        let e = parse_conversion("t.csv", &format!("{head}# output: mark\n2;0;1;;\n3;3;3;;\n")).unwrap_err();
        assert_eq!(e.msg.key, "conversion-check-band-start", "{e}");
        assert_eq!(e.msg.get("min"), Some("3"));
        let e = parse_conversion("t.csv", &format!("{head}# output: mark\n2;0;x;;\n")).unwrap_err();
        assert_eq!(e.line, 9);
        let e = parse_tasks("t.csv", &format!("{head}1;1;Б;;;\n2;1;Q;;;\n")).unwrap_err();
        assert_eq!(e.line, 9);
        let e = parse_tasks("t.csv", &format!("{head}1;1;Б;;;\n")).unwrap_err();
        assert_eq!(
            (e.msg.key, e.msg.get("sum")),
            ("reference-error-task-sum", Some("1")),
            "{e}"
        );
        let e = parse_tasks("t.csv", "# kind: vpr\n1;1;;;;\n").unwrap_err();
        assert_eq!(e.msg.key, "reference-error-provenance", "{e}");
    }

    const CODIFIER: &str = "# Пример кодификатора (структура файла, не официальный текст)\n# source: test\n# link: https://example.org/codifier\n# kind: oge\n# year: 2024\n# subject: math\n# grade: 9\n# columns: code;kind;parent;text\n1;элемент;;Числа и вычисления\n1.1;Э;1;Натуральные и целые числа\n1;требование;;Уметь выполнять вычисления\n1.1;Т;1;Выполнять действия с дробями\n2;требование;;Уметь решать уравнения\n5;задание;;Э:1.1 2\n";

    #[test]
    fn a_codifier_file_parses_writes_back_and_names_bad_lines() {
        let c = parse_codifier("c.csv", CODIFIER).expect("codifier");
        assert_eq!(
            c.key,
            CodifierKey {
                kind: ProcedureKind::Oge,
                year: 2024,
                subject: "math".into(),
                grade: 9
            }
        );
        assert_eq!(c.codifier.items.len(), 5);
        assert_eq!(
            c.codifier.plan,
            vec![PlanRow {
                task: "5".into(),
                references: vec!["Э:1.1".into(), "2".into()]
            }]
        );
        assert_eq!(c.codifier.items[1].kind, ItemKind::ContentElement);
        assert_eq!(c.codifier.items[3].parent, "1");
        assert!(c.provenance[0].starts_with("title: Пример"), "{:?}", c.provenance);
        assert_eq!(parse_codifier("c.csv", &write_codifier(&c)), Ok(c.clone()));
        // A text with ";" and quotes, as a spreadsheet saves it, reads and writes back.
        let quoted = parse_codifier(
            "c.csv",
            &format!("{CODIFIER}3;элемент;;\"Дроби; проценты и \"\"доли\"\"\"\n"),
        )
        .expect("quoted");
        assert_eq!(quoted.codifier.items[5].text, "Дроби; проценты и \"доли\"");
        let inner = parse_codifier("c.csv", &format!("{CODIFIER}4;элемент;;Слово \"мир\"\n")).expect("inner quotes");
        assert_eq!(inner.codifier.items[5].text, "Слово \"мир\"");
        assert_eq!(parse_codifier("c.csv", &write_codifier(&inner)), Ok(inner));
        assert_eq!(parse_codifier("c.csv", &write_codifier(&quoted)), Ok(quoted));
        let bad = |row: &str| parse_codifier("c.csv", &format!("{CODIFIER}{row}\n")).unwrap_err();
        let e = bad("3;раздел;;X");
        assert_eq!((e.line, e.msg.key), (15, "codifier-error-kind"), "{e}");
        let e = bad("6;задание;;1.1");
        assert_eq!((e.line, e.msg.key), (15, "codifier-error-ambiguous-reference"), "{e}");
        assert_eq!(bad("5;задание;;2").msg.key, "codifier-error-plan-duplicate");
        assert_eq!(bad("6;задание;;").msg.key, "codifier-error-plan-row");
        assert_eq!(bad("1.1;Т;1;Другой текст").msg.key, "codifier-error-duplicate");
        let e = bad("2.1;Т;9;X");
        assert_eq!(
            (e.msg.key, e.msg.get("parent")),
            ("codifier-error-parent", Some("9")),
            "{e}"
        );
        assert_eq!(bad("3;Т;;").msg.key, "codifier-error-text");
        assert_eq!(bad("3;Т;X").msg.key, "reference-error-columns");
        let head: String = CODIFIER.lines().take(8).map(|l| format!("{l}\n")).collect();
        assert_eq!(
            parse_codifier("c.csv", &head).unwrap_err().msg.key,
            "codifier-error-empty"
        );
    }

    #[test]
    fn a_task_row_may_name_several_codifier_items() {
        let head = "# source: x\n# link: y\n# kind: oge\n# year: 2024\n# subject: math\n# grade: 9\n# max_primary: 3\n";
        let t = parse_tasks(
            "t.csv",
            &format!("{head}1;1;Б;;;Э:1.1 Т:1.1\n2;2;П;Алгебра;Уравнения;2\n"),
        )
        .expect("tasks");
        let codes: Vec<&str> = t.tasks[0].skills.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["Э:1.1", "Т:1.1"]);
        let mut tasks = t.tasks.clone();
        let c = parse_codifier("c.csv", CODIFIER).expect("codifier");
        assert!(c.codifier.resolve(&mut tasks).is_empty());
        assert_eq!(tasks[0].skills[0].text, "Натуральные и целые числа");
        assert_eq!(tasks[0].skills[0].section, "1 Числа и вычисления");
        assert_eq!(tasks[0].skills[1].text, "Выполнять действия с дробями");
        assert_eq!(
            (tasks[1].skills[0].code.as_str(), tasks[1].skills[0].text.as_str()),
            ("2", "Уметь решать уравнения")
        );
        assert_eq!(tasks[1].skills[0].section, "Алгебра");
    }
}
