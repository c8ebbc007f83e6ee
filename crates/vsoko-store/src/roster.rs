//! Applying a roster (staff, classes, pupils, parents, assignments) to a school year.
//!
//! One function does both the dry run and the real apply: it runs every change inside one
//! transaction, collects what changed and every row that cannot be applied, and then
//! commits only for a real apply without errors. A dry run, or any error, rolls everything
//! back, so a bad file writes nothing and the preview is exactly what apply would do.
//! Matching is by code (staff, pupils, parents) and by name (classes), so re-importing the
//! same file changes nothing.

use crate::people::{parents, pupils, staff};
use crate::structure::{assignments, classes, subjects, years};
use crate::{Actor, Db, Result, StoreError, Tx};
use serde::Serialize;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;
use vsoko_domain::roster::{Origin, Roster};
use vsoko_domain::search::search_key;

/// A row that could not be applied, located in its file.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct RowError {
    /// Sheet or file.
    pub sheet: String,
    /// 1-based row.
    pub row: usize,
    /// Column header.
    pub column: String,
    /// What is wrong (Russian, shown to the user).
    pub message: String,
}

/// Counts of one kind of row.
#[derive(Debug, Clone, Default, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Counts {
    /// New rows.
    pub created: usize,
    /// Changed rows.
    pub updated: usize,
    /// Rows already as in the file.
    pub unchanged: usize,
}

/// What a roster import did (or would do).
#[derive(Debug, Clone, Default, Serialize, PartialEq, utoipa::ToSchema)]
pub struct RosterReport {
    /// Staff.
    pub staff: Counts,
    /// Classes.
    pub classes: Counts,
    /// Pupils.
    pub pupils: Counts,
    /// Parents.
    pub parents: Counts,
    /// Parent–pupil links.
    pub links: Counts,
    /// Assignments.
    pub assignments: Counts,
    /// Readable list of changes (first 500).
    pub changes: Vec<String>,
    /// Rows that cannot be applied; non-empty means nothing was written.
    pub errors: Vec<RowError>,
    /// Whether the changes were committed.
    pub applied: bool,
}

impl RosterReport {
    /// Total number of created or updated rows.
    pub fn total_changes(&self) -> usize {
        [
            &self.staff,
            &self.classes,
            &self.pupils,
            &self.parents,
            &self.links,
            &self.assignments,
        ]
        .iter()
        .map(|c| c.created + c.updated)
        .sum()
    }

    fn note(&mut self, line: String) {
        if self.changes.len() < 500 {
            self.changes.push(line);
        }
    }

    fn error(&mut self, origin: &Origin, column: &str, message: String) {
        self.errors.push(RowError {
            sheet: origin.sheet.clone(),
            row: origin.row,
            column: column.to_string(),
            message,
        });
    }
}

/// Applies a roster to the school's current year; with `dry_run` only reports.
pub async fn apply(
    db: &Db,
    actor: &Actor,
    school_id: Uuid,
    roster: Roster,
    today: Date,
    dry_run: bool,
) -> Result<RosterReport> {
    let actor = actor.clone();
    let outcome = db
        .write(move |tx| {
            Box::pin(async move {
                let report = apply_in(tx, &actor, school_id, &roster, today).await?;
                if dry_run || !report.errors.is_empty() {
                    // Roll the transaction (or savepoint) back, carrying the report out.
                    return Err(StoreError::RolledBack(Box::new(report)));
                }
                Ok(report)
            })
        })
        .await;
    match outcome {
        Ok(mut report) => {
            report.applied = true;
            Ok(report)
        }
        Err(StoreError::RolledBack(report)) => Ok(*report),
        Err(e) => Err(e),
    }
}

async fn apply_in(tx: &mut Tx, actor: &Actor, school_id: Uuid, roster: &Roster, today: Date) -> Result<RosterReport> {
    let mut r = RosterReport::default();
    let year = years::current_in(tx, school_id).await?.ok_or(StoreError::Invalid {
        field: "year",
        message: "no current academic year: create one first".into(),
    })?;
    let from = today.clamp(year.start_date, year.end_date);

    // Staff by code.
    let existing: HashMap<Uuid, staff::Staff> = staff::all_in(tx, school_id)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut staff_ids: HashMap<String, Uuid> = existing.values().map(|s| (s.code.clone(), s.id)).collect();
    for row in &roster.staff {
        let input = staff::StaffInput {
            code: row.code.clone(),
            last_name: row.last_name.clone(),
            first_name: row.first_name.clone(),
            middle_name: row.middle_name.clone().unwrap_or_default(),
            post: row.post.clone(),
            email: row.email.clone().unwrap_or_default(),
            phone: row.phone.clone().unwrap_or_default(),
        };
        match staff_ids.get(&row.code).and_then(|id| existing.get(id)) {
            Some(old) => {
                let same = old.last_name == input.last_name
                    && old.first_name == input.first_name
                    && old.middle_name == input.middle_name
                    && old.post == input.post
                    && old.email == input.email
                    && old.phone == input.phone;
                if same {
                    r.staff.unchanged += 1;
                } else {
                    staff::update(tx, actor, school_id, old.id, &input).await?;
                    r.staff.updated += 1;
                    r.note(format!("сотрудник {}: изменён", row.code));
                }
            }
            None => {
                let id = staff::create(tx, actor, school_id, &input).await?;
                staff_ids.insert(row.code.clone(), id);
                r.staff.created += 1;
                r.note(format!(
                    "сотрудник {} {} {}: добавлен",
                    row.code, row.last_name, row.first_name
                ));
            }
        }
    }

    // Classes by name in the current year.
    let mut class_ids: HashMap<String, Uuid> = HashMap::new();
    let mut class_state: HashMap<Uuid, (String, Option<Uuid>)> = HashMap::new();
    for (name, id, profile, teacher) in classes::all_in(tx, school_id, year.id).await? {
        class_ids.insert(name, id);
        class_state.insert(id, (profile, teacher));
    }
    for row in &roster.classes {
        let name = row.name.to_string();
        let teacher = match &row.class_teacher_code {
            Some(code) => match staff_ids.get(code) {
                Some(id) => Some(*id),
                None => {
                    r.error(
                        &row.origin,
                        "Классный руководитель (код)",
                        format!("нет сотрудника с кодом «{code}» ни в файле, ни в школе"),
                    );
                    continue;
                }
            },
            None => None,
        };
        let profile = row.profile.clone().unwrap_or_default();
        let (id, created_now) = match class_ids.get(&name) {
            Some(id) => (*id, false),
            None => {
                let id = classes::create(tx, actor, school_id, year.id, &row.name, &profile).await?;
                class_ids.insert(name.clone(), id);
                class_state.insert(id, (profile.clone(), None));
                r.classes.created += 1;
                r.note(format!("класс {name}: добавлен"));
                (id, true)
            }
        };
        let (old_profile, old_teacher) = class_state.get(&id).cloned().unwrap_or_default();
        let mut changed = false;
        if old_profile != profile {
            classes::update_profile(tx, actor, school_id, id, &profile).await?;
            changed = true;
        }
        if row.class_teacher_code.is_some() && old_teacher != teacher {
            classes::set_class_teacher(tx, actor, school_id, id, teacher).await?;
            changed = true;
        }
        class_state.insert(id, (profile, teacher.or(old_teacher)));
        if created_now {
        } else if changed {
            r.classes.updated += 1;
            r.note(format!("класс {name}: изменён"));
        } else {
            r.classes.unchanged += 1;
        }
    }

    // Pupils by code.
    let mut pupil_ids: HashMap<String, (Uuid, Option<Uuid>)> = pupils::codes_in(tx, school_id)
        .await?
        .into_iter()
        .map(|(code, id, class)| (code, (id, class)))
        .collect();
    for row in &roster.pupils {
        let class_name = row.class.to_string();
        let Some(&class_id) = class_ids.get(&class_name) else {
            r.error(
                &row.origin,
                "Класс",
                format!(
                    "класса «{class_name}» нет ни в файле, ни в школе в {} учебном году",
                    year.name
                ),
            );
            continue;
        };
        let input = pupils::PupilInput {
            code: row.code.clone(),
            last_name: row.last_name.clone(),
            first_name: row.first_name.clone(),
            middle_name: row.middle_name.clone().unwrap_or_default(),
            birth_date: row.birth_date,
            sex: row.sex.map(|s| s.code().to_string()).unwrap_or_default(),
        };
        match pupil_ids.get(&row.code).copied() {
            None => {
                let id = pupils::create(tx, actor, school_id, &input, class_id, from).await?;
                pupil_ids.insert(row.code.clone(), (id, Some(class_id)));
                r.pupils.created += 1;
                r.note(format!(
                    "обучающийся {} {} {}: добавлен в {class_name}",
                    row.code, row.last_name, row.first_name
                ));
            }
            Some((id, current_class)) => {
                let old = opt_row!(tx: tx, (String, String, String, Date, String), "SELECT last_name, first_name, middle_name, birth_date, sex FROM pupils WHERE school_id = $1 AND id = $2", school_id, id)?;
                let same = old.as_ref().is_some_and(|o| {
                    o.0 == input.last_name
                        && o.1 == input.first_name
                        && o.2 == input.middle_name
                        && o.3 == input.birth_date
                        && o.4 == input.sex
                });
                let moved = current_class != Some(class_id);
                if !same {
                    pupils::update(tx, actor, school_id, id, &input).await?;
                }
                if moved {
                    pupils::move_to_class(tx, actor, school_id, id, class_id, from).await?;
                    pupil_ids.insert(row.code.clone(), (id, Some(class_id)));
                }
                if same && !moved {
                    r.pupils.unchanged += 1;
                } else {
                    r.pupils.updated += 1;
                    r.note(format!(
                        "обучающийся {}: {}",
                        row.code,
                        if moved {
                            format!("переведён в {class_name}")
                        } else {
                            "изменён".into()
                        }
                    ));
                }
            }
        }
    }

    // Parents by code, then links.
    let mut parent_ids: HashMap<String, Uuid> = parents::codes_in(tx, school_id).await?.into_iter().collect();
    let mut seen_parent: HashMap<String, ()> = HashMap::new();
    for row in &roster.parents {
        let Some(&(pupil_id, _)) = pupil_ids.get(&row.pupil_code) else {
            r.error(
                &row.origin,
                "Код обучающегося",
                format!("нет обучающегося с кодом «{}» ни в файле, ни в школе", row.pupil_code),
            );
            continue;
        };
        let input = parents::ParentInput {
            code: row.code.clone(),
            last_name: row.last_name.clone(),
            first_name: row.first_name.clone(),
            middle_name: row.middle_name.clone().unwrap_or_default(),
            phone: row.phone.clone().unwrap_or_default(),
            email: row.email.clone().unwrap_or_default(),
        };
        let parent_id = match parent_ids.get(&row.code).copied() {
            Some(id) => {
                if seen_parent.insert(row.code.clone(), ()).is_none() {
                    let old = opt_row!(tx: tx, (String, String, String, String, String), "SELECT last_name, first_name, middle_name, phone, email FROM parents WHERE school_id = $1 AND id = $2", school_id, id)?;
                    let same = old.is_some_and(|o| {
                        o.0 == input.last_name
                            && o.1 == input.first_name
                            && o.2 == input.middle_name
                            && o.3 == input.phone
                            && o.4 == input.email
                    });
                    if same {
                        r.parents.unchanged += 1;
                    } else {
                        parents::update(tx, actor, school_id, id, &input).await?;
                        r.parents.updated += 1;
                        r.note(format!("родитель {}: изменён", row.code));
                    }
                }
                id
            }
            None => {
                let id = parents::create(tx, actor, school_id, &input).await?;
                parent_ids.insert(row.code.clone(), id);
                seen_parent.insert(row.code.clone(), ());
                r.parents.created += 1;
                r.note(format!(
                    "родитель {} {} {}: добавлен",
                    row.code, row.last_name, row.first_name
                ));
                id
            }
        };
        if parents::link_pupil(
            tx,
            actor,
            school_id,
            parent_id,
            pupil_id,
            row.relation.as_deref().unwrap_or(""),
        )
        .await?
        {
            r.links.created += 1;
            r.note(format!("родитель {} связан с обучающимся {}", row.code, row.pupil_code));
        } else {
            r.links.unchanged += 1;
        }
    }

    // Assignments.
    let catalogue = subjects::all_in(tx, school_id).await?;
    let subject_by_key: HashMap<String, Uuid> = catalogue
        .iter()
        .flat_map(|s| {
            [
                (search_key(&s.name), s.id),
                (search_key(&s.code), s.id),
                (search_key(&s.short_name), s.id),
            ]
        })
        .collect();
    for row in &roster.assignments {
        let Some(&staff_id) = staff_ids.get(&row.staff_code) else {
            r.error(
                &row.origin,
                "Код сотрудника",
                format!("нет сотрудника с кодом «{}» ни в файле, ни в школе", row.staff_code),
            );
            continue;
        };
        let class_name = row.class.to_string();
        let Some(&class_id) = class_ids.get(&class_name) else {
            r.error(
                &row.origin,
                "Класс",
                format!("класса «{class_name}» нет ни в файле, ни в школе"),
            );
            continue;
        };
        let Some(&subject_id) = subject_by_key.get(&search_key(&row.subject)) else {
            r.error(
                &row.origin,
                "Предмет",
                format!("предмета «{}» нет в справочнике предметов школы", row.subject),
            );
            continue;
        };
        let input = assignments::AssignmentInput {
            staff_id,
            class_id,
            subject_id,
            subgroup: row.subgroup.clone().unwrap_or_default(),
            hours_x100: (row.hours_per_week * 100.0).round() as i64,
        };
        match assignments::create(tx, actor, school_id, year.id, &input).await {
            Ok((_, true)) => {
                r.assignments.created += 1;
                r.note(format!(
                    "нагрузка: {} — {class_name}, {} {}",
                    row.staff_code,
                    row.subject,
                    row.subgroup.as_deref().unwrap_or("")
                ));
            }
            Ok((_, false)) => r.assignments.unchanged += 1,
            Err(StoreError::Invalid { message, .. }) => r.error(&row.origin, "Часов в неделю", message),
            Err(e) => return Err(e),
        }
    }
    Ok(r)
}
