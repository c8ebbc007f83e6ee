//! Loads the demo school's assessment schedule (from the deterministic generator in
//! `vsoko_domain::demo::schedule`) into its current year, one audited entry at a time in
//! one transaction. `vsoko demo` calls this after building the school.

use crate::schedule::{self, EntryInput};
use crate::structure::{classes, subjects, years};
use crate::{Actor, Db, Result, StoreError};
use std::collections::HashMap;
use uuid::Uuid;
use vsoko_domain::demo::generate;
use vsoko_domain::demo::schedule::generate_schedule;
use vsoko_domain::schedule::EntryFields;

/// Loads the schedule; returns the number of entries written.
pub async fn load(db: &Db, school_id: Uuid) -> Result<usize> {
    let plan = generate_schedule(&generate());
    let year = years::current(db, school_id).await?.ok_or(StoreError::NotFound)?;
    let year_id = year.id;
    db.write(move |tx| {
        Box::pin(async move {
            let actor = Actor::system("vsoko demo");
            let class_ids: HashMap<String, Uuid> = classes::all_in(tx, school_id, year_id)
                .await?
                .into_iter()
                .map(|c| (c.0, c.1))
                .collect();
            let subject_ids: HashMap<String, Uuid> = subjects::all_in(tx, school_id)
                .await?
                .into_iter()
                .map(|s| (s.name, s.id))
                .collect();
            for e in &plan {
                let (Some(&class_id), Some(&subject_id)) =
                    (class_ids.get(&e.class.to_string()), subject_ids.get(&e.subject))
                else {
                    return Err(StoreError::Invalid {
                        field: "demo",
                        message: format!("the demo schedule names {} / {} the school lacks", e.class, e.subject),
                    });
                };
                let input = EntryInput {
                    class_id,
                    subject_id,
                    fields: EntryFields {
                        date: e.date,
                        lesson: e.lesson,
                        lessons_in_day: e.lessons_in_day,
                        duration: e.duration,
                        level: e.level,
                        name: e.name.clone(),
                    },
                };
                schedule::create(tx, &actor, school_id, year_id, &input).await?;
            }
            Ok(plan.len())
        })
    })
    .await
}
