//! Codifiers (кодификаторы): the systematic lists of content elements (элементы
//! содержания) and checked requirements to results (проверяемые требования) of an exam,
//! subject, grade and year, each item with a code and, in a hierarchy, its parent (SPEC
//! §5.6: `CodifierItem { exam_kind, year, subject, grade, code, kind, text, parent_code }`).
//!
//! Tasks link to codifier items by reference: the item's code, prefixed with `Э:` or `Т:`
//! when the codifier has a content element and a requirement with the same code (ФИПИ
//! numbers both lists from 1). The references come from the codifier's own plan of the work
//! (the specification's обобщённый план варианта: task → codes), or else from a task
//! table's `codifier` column. [`Codifier::resolve`] turns them into the skills the analysis
//! pools: code, text from the codifier, section = the item's top-level ancestor.

use super::{Skill, TaskSpec};
use serde::{Deserialize, Serialize};

/// Which of the codifier's two lists an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemKind {
    /// Элемент содержания — what is taught.
    ContentElement,
    /// Проверяемое требование к результатам — what the pupil must be able to do.
    Requirement,
}

impl ItemKind {
    /// The word the file format writes (`элемент`, `требование`).
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::ContentElement => "элемент",
            ItemKind::Requirement => "требование",
        }
    }

    /// The prefix of a reference that names this list (`Э`, `Т`).
    pub fn letter(self) -> &'static str {
        match self {
            ItemKind::ContentElement => "Э",
            ItemKind::Requirement => "Т",
        }
    }

    /// Parses `элемент` / `Э` / `element`, `требование` / `Т` / `requirement` (any case).
    pub fn parse(text: &str) -> Option<ItemKind> {
        match text.trim().to_lowercase().as_str() {
            "элемент" | "э" | "element" | "элемент содержания" => {
                Some(ItemKind::ContentElement)
            }
            "требование" | "т" | "requirement" | "проверяемое требование" => {
                Some(ItemKind::Requirement)
            }
            _ => None,
        }
    }
}

/// One item of a codifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodifierItem {
    /// Code as the codifier writes it, e.g. `1.2` or `3.1.4`.
    pub code: String,
    /// Content element or requirement.
    pub kind: ItemKind,
    /// Code of the parent item of the same list (empty for a top-level item).
    pub parent: String,
    /// Text of the item.
    pub text: String,
}

/// A row of the plan of the work: a task (as results files name it) and the items it
/// checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// Task code, e.g. `9` or `9.1`.
    pub task: String,
    /// References to items (see the module docs).
    pub references: Vec<String>,
}

/// Why a codifier or a reference to it is wrong. Rendered through `Msg` by the file parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodifierError {
    /// Code empty.
    EmptyCode,
    /// Text empty.
    EmptyText(String),
    /// The same code twice in one list.
    Duplicate(String),
    /// Parent not listed before the item in the same list.
    UnknownParent {
        /// The item.
        code: String,
        /// Its parent as written.
        parent: String,
    },
    /// A reference that names no item.
    UnknownReference(String),
    /// A reference without `Э:`/`Т:` to a code both lists have.
    AmbiguousReference(String),
    /// A plan row without a task code or without references.
    EmptyPlanRow,
    /// The same task twice in the plan.
    DuplicateTask(String),
}

/// A codifier: its items in file order (parents before children) and, when given, the plan
/// of the work (which items each task checks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codifier {
    /// Items.
    pub items: Vec<CodifierItem>,
    /// Plan rows, in order.
    pub plan: Vec<PlanRow>,
}

impl Codifier {
    /// Adds an item after checking it against the ones before (parents come first).
    pub fn push(&mut self, item: CodifierItem) -> Result<(), CodifierError> {
        if item.code.trim().is_empty() {
            return Err(CodifierError::EmptyCode);
        }
        if item.text.trim().is_empty() {
            return Err(CodifierError::EmptyText(item.code));
        }
        if self.get(item.kind, &item.code).is_some() {
            return Err(CodifierError::Duplicate(item.code));
        }
        if !item.parent.is_empty() && self.get(item.kind, &item.parent).is_none() {
            return Err(CodifierError::UnknownParent {
                code: item.code,
                parent: item.parent,
            });
        }
        self.items.push(item);
        Ok(())
    }

    /// Adds a plan row after checking it: a new task, every reference naming one item
    /// (so plan rows come after the items they name).
    pub fn push_plan(&mut self, row: PlanRow) -> Result<(), CodifierError> {
        if row.task.trim().is_empty() || row.references.is_empty() {
            return Err(CodifierError::EmptyPlanRow);
        }
        if self.plan.iter().any(|p| p.task == row.task) {
            return Err(CodifierError::DuplicateTask(row.task));
        }
        for r in &row.references {
            self.find(r)?;
        }
        self.plan.push(row);
        Ok(())
    }

    /// Checks a whole codifier (as stored): items in order, then the plan.
    pub fn from_parts(items: Vec<CodifierItem>, plan: Vec<PlanRow>) -> Result<Codifier, CodifierError> {
        let mut c = Codifier::default();
        for item in items {
            c.push(item)?;
        }
        for row in plan {
            c.push_plan(row)?;
        }
        Ok(c)
    }

    /// The plan row of a task.
    pub fn plan_of(&self, task: &str) -> Option<&PlanRow> {
        self.plan.iter().find(|p| p.task == task)
    }

    /// The item of a list with a code.
    pub fn get(&self, kind: ItemKind, code: &str) -> Option<&CodifierItem> {
        self.items.iter().find(|i| i.kind == kind && i.code == code)
    }

    /// How deep an item sits (0 for a top-level item).
    pub fn depth(&self, item: &CodifierItem) -> usize {
        let mut depth = 0;
        let mut parent = item.parent.as_str();
        while let Some(p) = (!parent.is_empty()).then(|| self.get(item.kind, parent)).flatten() {
            depth += 1;
            parent = p.parent.as_str();
        }
        depth
    }

    /// The top-level ancestor of an item (the item itself when it has no parent).
    pub fn root<'a>(&'a self, item: &'a CodifierItem) -> &'a CodifierItem {
        let mut at = item;
        while let Some(p) = (!at.parent.is_empty()).then(|| self.get(at.kind, &at.parent)).flatten() {
            at = p;
        }
        at
    }

    /// Finds the item a reference names: `1.2`, `Э:1.2`, `Т:1.2` (also `Э 1.2`, `Э1.2`).
    pub fn find(&self, reference: &str) -> Result<&CodifierItem, CodifierError> {
        let r = reference.trim();
        let (kind, code) = split_reference(r);
        let found: Vec<&CodifierItem> = self
            .items
            .iter()
            .filter(|i| i.code == code && kind.is_none_or(|k| i.kind == k))
            .collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(CodifierError::UnknownReference(r.to_string())),
            _ => Err(CodifierError::AmbiguousReference(r.to_string())),
        }
    }

    /// The reference that names an item without ambiguity: its bare code, or the code with
    /// `Э:`/`Т:` when the other list has the same code.
    pub fn reference(&self, item: &CodifierItem) -> String {
        let clash = self.items.iter().any(|i| i.code == item.code && i.kind != item.kind);
        if clash {
            format!("{}:{}", item.kind.letter(), item.code)
        } else {
            item.code.clone()
        }
    }

    /// Gives tasks their skills: a task in the plan gets one skill per item the plan names
    /// (replacing what it had); other tasks keep theirs, each with a code naming an item
    /// filled from it (see [`Codifier::skill`]). Returns the references that name no item
    /// (or two), each once, in order; those skills are left as they were.
    pub fn resolve(&self, tasks: &mut [TaskSpec]) -> Vec<(String, CodifierError)> {
        let mut unresolved: Vec<(String, CodifierError)> = Vec::new();
        for task in tasks.iter_mut() {
            if let Some(row) = self.plan_of(&task.code) {
                task.skills = row.references.iter().filter_map(|r| self.skill(r, "").ok()).collect();
                continue;
            }
            for skill in task.skills.iter_mut().filter(|s| !s.code.is_empty()) {
                match self.skill(&skill.code, &skill.section) {
                    Ok(resolved) => *skill = resolved,
                    Err(e) => {
                        if !unresolved.iter().any(|(code, _)| *code == skill.code) {
                            unresolved.push((skill.code.clone(), e));
                        }
                    }
                }
            }
        }
        unresolved
    }

    /// The skill a reference stands for: the code in its unambiguous form, the item's text,
    /// and as section the one given (a task table's own) or else the item's top-level
    /// ancestor ("1 Числа и вычисления"; empty for a top-level item).
    pub fn skill(&self, reference: &str, section: &str) -> Result<Skill, CodifierError> {
        let item = self.find(reference)?;
        let root = self.root(item);
        Ok(Skill {
            code: self.reference(item),
            section: if !section.is_empty() {
                section.to_string()
            } else if root.code == item.code {
                String::new()
            } else {
                format!("{} {}", root.code, root.text)
            },
            text: item.text.clone(),
        })
    }
}

/// Splits `Э:1.2` / `Т 1.2` / `Э1.2` / `1.2` into the list named (if any) and the code.
fn split_reference(r: &str) -> (Option<ItemKind>, &str) {
    let mut chars = r.char_indices();
    if let Some((_, first)) = chars.next() {
        let kind = match first {
            'Э' | 'э' => Some(ItemKind::ContentElement),
            'Т' | 'т' => Some(ItemKind::Requirement),
            _ => None,
        };
        if let Some(kind) = kind {
            let rest = &r[first.len_utf8()..];
            let rest = rest.trim_start_matches([':', ' ']);
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return (Some(kind), rest);
            }
        }
    }
    (None, r)
}

/// Splits a task table's `codifier` cell into references (spaces or commas between them;
/// `Э: 1.2` keeps its prefix).
pub fn split_references(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_prefix: Option<String> = None;
    for part in cell.split([' ', ',', '\t']).map(str::trim).filter(|p| !p.is_empty()) {
        if matches!(part, "Э:" | "Т:" | "э:" | "т:" | "Э" | "Т") {
            pending_prefix = Some(part.trim_end_matches(':').to_string());
            continue;
        }
        match pending_prefix.take() {
            Some(prefix) => out.push(format!("{prefix}:{part}")),
            None => out.push(part.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, kind: ItemKind, parent: &str, text: &str) -> CodifierItem {
        CodifierItem {
            code: code.into(),
            kind,
            parent: parent.into(),
            text: text.into(),
        }
    }

    fn sample() -> Codifier {
        use ItemKind::{ContentElement as E, Requirement as R};
        Codifier::from_parts(
            vec![
                item("1", E, "", "Числа"),
                item("1.1", E, "1", "Натуральные числа"),
                item("1.1.1", E, "1.1", "Делимость"),
                item("2", E, "", "Геометрия"),
                item("1", R, "", "Уметь вычислять"),
                item("1.1", R, "1", "Выполнять действия с дробями"),
                item("3.4", R, "", "Строить графики"),
            ],
            Vec::new(),
        )
        .expect("valid")
    }

    #[test]
    fn items_check_codes_texts_duplicates_and_parents() {
        let mut c = sample();
        let e = |code: &str, parent: &str, text: &str| item(code, ItemKind::ContentElement, parent, text);
        assert_eq!(c.push(e("", "", "x")), Err(CodifierError::EmptyCode));
        assert_eq!(c.push(e("9", "", " ")), Err(CodifierError::EmptyText("9".into())));
        assert_eq!(c.push(e("1.1", "1", "x")), Err(CodifierError::Duplicate("1.1".into())));
        assert_eq!(
            c.push(e("5.1", "5", "x")),
            Err(CodifierError::UnknownParent {
                code: "5.1".into(),
                parent: "5".into()
            })
        );
        // A requirement's parent must be a requirement.
        assert!(c.push(item("2.1", ItemKind::Requirement, "2", "x")).is_err());
        assert!(c.push(e("2.1", "2", "Треугольники")).is_ok());
    }

    #[test]
    fn references_name_one_item_and_say_when_they_do_not() {
        let c = sample();
        assert_eq!(c.find("1.1.1").map(|i| i.text.as_str()), Ok("Делимость"));
        assert_eq!(c.find("3.4").map(|i| i.kind), Ok(ItemKind::Requirement));
        assert_eq!(c.find("1.1"), Err(CodifierError::AmbiguousReference("1.1".into())));
        for r in ["Э:1.1", "Э 1.1", "Э1.1", "э:1.1"] {
            assert_eq!(c.find(r).map(|i| i.text.as_str()), Ok("Натуральные числа"), "{r}");
        }
        assert_eq!(c.find("Т:1.1").map(|i| i.kind), Ok(ItemKind::Requirement));
        assert_eq!(c.find("7.7"), Err(CodifierError::UnknownReference("7.7".into())));
        assert_eq!(c.find("Э:3.4"), Err(CodifierError::UnknownReference("Э:3.4".into())));
        let i = c.find("Э:1.1.1").expect("item");
        assert_eq!((c.depth(i), c.root(i).text.as_str()), (2, "Числа"));
        assert_eq!(c.reference(c.find("Т:1.1").expect("item")), "Т:1.1");
        assert_eq!(c.reference(i), "1.1.1");
    }

    #[test]
    fn the_plan_names_the_items_of_each_task_and_overrides_the_task_table() {
        let mut c = sample();
        let row = |task: &str, refs: &[&str]| PlanRow {
            task: task.into(),
            references: refs.iter().map(|r| (*r).to_string()).collect(),
        };
        assert_eq!(c.push_plan(row("1", &[])), Err(CodifierError::EmptyPlanRow));
        assert_eq!(
            c.push_plan(row("1", &["1.1"])),
            Err(CodifierError::AmbiguousReference("1.1".into()))
        );
        assert!(c.push_plan(row("1", &["Э:1.1", "3.4"])).is_ok());
        assert_eq!(
            c.push_plan(row("1", &["3.4"])),
            Err(CodifierError::DuplicateTask("1".into()))
        );
        let mut tasks = vec![
            TaskSpec {
                code: "1".into(),
                max_score: 1,
                level: None,
                skills: vec![Skill {
                    code: String::new(),
                    section: "Из таблицы".into(),
                    text: "Умение из таблицы заданий".into(),
                }],
            },
            TaskSpec {
                code: "2".into(),
                max_score: 1,
                level: None,
                skills: Vec::new(),
            },
        ];
        assert!(c.resolve(&mut tasks).is_empty());
        let texts: Vec<&str> = tasks[0].skills.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Натуральные числа", "Строить графики"]);
        assert_eq!(tasks[0].skills[0].code, "Э:1.1");
        assert!(tasks[1].skills.is_empty());
    }

    #[test]
    fn a_cell_splits_into_references() {
        assert_eq!(split_references("1.1 Т:3.4"), vec!["1.1", "Т:3.4"]);
        assert_eq!(split_references(" Э: 1.2, Т: 2.1 "), vec!["Э:1.2", "Т:2.1"]);
        assert!(split_references("  ").is_empty());
    }

    #[test]
    fn resolving_fills_texts_and_sections_and_lists_what_is_missing() {
        let c = sample();
        let skill = |code: &str, section: &str| Skill {
            code: code.into(),
            section: section.into(),
            text: String::new(),
        };
        let mut tasks = vec![
            TaskSpec {
                code: "1".into(),
                max_score: 1,
                level: None,
                skills: vec![skill("1.1.1", ""), skill("Т:1.1", "")],
            },
            TaskSpec {
                code: "2".into(),
                max_score: 2,
                level: None,
                skills: vec![skill("3.4", "Функции"), skill("8.8", ""), skill("1.1", "")],
            },
        ];
        let missing = c.resolve(&mut tasks);
        assert_eq!(
            missing,
            vec![
                ("8.8".to_string(), CodifierError::UnknownReference("8.8".into())),
                ("1.1".to_string(), CodifierError::AmbiguousReference("1.1".into())),
            ]
        );
        assert_eq!(
            tasks[0].skills,
            vec![
                Skill {
                    code: "1.1.1".into(),
                    section: "1 Числа".into(),
                    text: "Делимость".into()
                },
                Skill {
                    code: "Т:1.1".into(),
                    section: "1 Уметь вычислять".into(),
                    text: "Выполнять действия с дробями".into()
                },
            ]
        );
        assert_eq!(tasks[1].skills[0].section, "Функции");
        assert_eq!(tasks[1].skills[0].text, "Строить графики");
        assert_eq!(tasks[1].skills[1], skill("8.8", ""));
    }
}
