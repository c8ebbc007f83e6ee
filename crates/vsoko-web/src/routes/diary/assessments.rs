//! The diary's "Оценочные процедуры" tab: the pupil's own results of ВПР, ОГЭ and other
//! procedures (procedure, date, primary score of the maximum, mark or test score, the score
//! of every task with "not done" shown apart from 0). Read through `read::of_pupil`, whose
//! scope is the pupil themself or a linked parent: never another pupil's results.

use crate::error::AppResult;
use crate::forms::format_date;
use uuid::Uuid;
use vsoko_i18n::Tr;
use vsoko_store::assessment::read;
use vsoko_store::{Db, Viewer};

/// A task's score.
pub struct TaskScore {
    /// Code, e.g. "9.1".
    pub code: String,
    /// Maximum.
    pub max: i64,
    /// Score, `None` = not done.
    pub score: Option<i64>,
}

/// One result.
pub struct ResultView {
    /// Procedure id.
    pub id: String,
    /// Kind and title.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Date held, dd.mm.yyyy, or empty.
    pub date: String,
    /// Primary score, or "—".
    pub primary: String,
    /// Maximum primary score.
    pub max: i64,
    /// Mark, or empty.
    pub mark: String,
    /// Test score (ЕГЭ), or empty.
    pub test_score: String,
    /// Scores per task.
    pub tasks: Vec<TaskScore>,
}

/// The tab.
pub struct AssessmentsView {
    /// Results, newest procedure first.
    pub results: Vec<ResultView>,
}

/// The pupil's results the viewer may see.
pub async fn view(db: &Db, v: &Viewer, tr: &Tr, pupil_id: Uuid) -> AppResult<AssessmentsView> {
    let mut found = read::of_pupil(db, v, pupil_id).await?;
    found.sort_by_key(|(p, _)| std::cmp::Reverse((p.exam_year, p.held_on)));
    let mut results = Vec::with_capacity(found.len());
    for (p, r) in found {
        let tasks = read::tasks_for(db, v, &p).await?;
        results.push(ResultView {
            id: p.id.to_string(),
            kind: tr.t(&format!("assessments-kind-{}", p.kind)),
            title: p.title.clone(),
            date: p.held_on.map(format_date).unwrap_or_default(),
            primary: r.primary_score.map_or_else(|| "—".into(), |s| s.to_string()),
            max: p.max_primary,
            mark: r.mark.map(|m| m.to_string()).unwrap_or_default(),
            test_score: r.test_score.map(|s| s.to_string()).unwrap_or_default(),
            tasks: tasks
                .iter()
                .enumerate()
                .map(|(i, t)| TaskScore {
                    code: t.code.clone(),
                    max: t.max_score,
                    score: r.scores.get(i).copied().flatten(),
                })
                .collect(),
        });
    }
    Ok(AssessmentsView { results })
}
