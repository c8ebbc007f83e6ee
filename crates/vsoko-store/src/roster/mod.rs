//! Applying a roster (staff, classes, pupils, parents, assignments) to a school year.
//!
//! One function does both the dry run and the real apply: it runs every change inside one
//! transaction, collects what changed and every row that cannot be applied, and then
//! commits only for a real apply without errors. A dry run, or any error, rolls everything
//! back, so a bad file writes nothing and the preview is exactly what apply would do.
//! Matching is by code (staff, pupils, parents) and by name (classes), so re-importing the
//! same file changes nothing.

mod report;

pub use report::{Counts, RosterReport, RowError};

use crate::people::{parents, pupils, staff};
use crate::structure::{assignments, classes, subjects, years};
use crate::{Actor, Db, Result, StoreError, Tx};
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;
use vsoko_domain::msg::Msg;
use vsoko_domain::roster::Roster;
use vsoko_domain::search::search_key;

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
                    r.note(Msg::new("roster-change-staff-updated").arg("code", &row.code));
                }
            }
            None => {
                let id = staff::create(tx, actor, school_id, &input).await?;
                staff_ids.insert(row.code.clone(), id);
                r.staff.created += 1;
                r.note(
                    Msg::new("roster-change-staff-created")
                        .arg("code", &row.code)
                        .arg("last_name", &row.last_name)
                        .arg("first_name", &row.first_name),
                );
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
                        Msg::new("roster-error-no-staff").arg("code", code),
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
                r.note(Msg::new("roster-change-class-created").arg("class", &name));
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
            r.note(Msg::new("roster-change-class-updated").arg("class", &name));
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
                Msg::new("roster-error-no-class-in-year")
                    .arg("class", &class_name)
                    .arg("year", &year.name),
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
                r.note(
                    Msg::new("roster-change-pupil-created")
                        .arg("code", &row.code)
                        .arg("last_name", &row.last_name)
                        .arg("first_name", &row.first_name)
                        .arg("class", &class_name),
                );
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
                    let change = if moved {
                        Msg::new("roster-change-pupil-moved").arg("class", &class_name)
                    } else {
                        Msg::new("roster-change-pupil-updated")
                    };
                    r.note(change.arg("code", &row.code));
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
                Msg::new("roster-error-no-pupil").arg("code", &row.pupil_code),
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
                        r.note(Msg::new("roster-change-parent-updated").arg("code", &row.code));
                    }
                }
                id
            }
            None => {
                let id = parents::create(tx, actor, school_id, &input).await?;
                parent_ids.insert(row.code.clone(), id);
                seen_parent.insert(row.code.clone(), ());
                r.parents.created += 1;
                r.note(
                    Msg::new("roster-change-parent-created")
                        .arg("code", &row.code)
                        .arg("last_name", &row.last_name)
                        .arg("first_name", &row.first_name),
                );
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
            r.note(
                Msg::new("roster-change-link-created")
                    .arg("code", &row.code)
                    .arg("pupil", &row.pupil_code),
            );
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
                Msg::new("roster-error-no-staff").arg("code", &row.staff_code),
            );
            continue;
        };
        let class_name = row.class.to_string();
        let Some(&class_id) = class_ids.get(&class_name) else {
            r.error(
                &row.origin,
                "Класс",
                Msg::new("roster-error-no-class").arg("class", &class_name),
            );
            continue;
        };
        let Some(&subject_id) = subject_by_key.get(&search_key(&row.subject)) else {
            r.error(
                &row.origin,
                "Предмет",
                Msg::new("roster-error-no-subject").arg("subject", &row.subject),
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
                let change = match row.subgroup.as_deref() {
                    Some(group) => Msg::new("roster-change-assignment-created-subgroup").arg("subgroup", group),
                    None => Msg::new("roster-change-assignment-created"),
                };
                r.note(
                    change
                        .arg("staff", &row.staff_code)
                        .arg("class", &class_name)
                        .arg("subject", &row.subject),
                );
            }
            Ok((_, false)) => r.assignments.unchanged += 1,
            Err(StoreError::Invalid { field: "hours", .. }) => r.error(
                &row.origin,
                "Часов в неделю",
                Msg::new("roster-error-hours").arg("hours", row.hours_per_week),
            ),
            Err(e) => return Err(e),
        }
    }
    Ok(r)
}
