//! `GET /journal`: the viewer's journals of the current year — from their teaching load, the
//! journals of the class they lead, and for the administration a class picker listing every
//! journal of the chosen class. Each links to the current period's grid.

use super::{journal_school, journal_url};
use crate::auth::Auth;
use crate::error::AppResult;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_store::structure::assignments::{self, Assignment};
use vsoko_store::structure::{classes, years};

/// One journal in a list.
pub struct JournalLink {
    /// The grid's URL.
    pub href: String,
    /// Class name.
    pub class_name: String,
    /// Subject name.
    pub subject_name: String,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Teacher.
    pub teacher_name: String,
}

impl From<&Assignment> for JournalLink {
    fn from(a: &Assignment) -> Self {
        JournalLink {
            href: journal_url(a.class_id, a.subject_id, &a.subgroup, None),
            class_name: a.class_name.clone(),
            subject_name: a.subject_name.clone(),
            subgroup: a.subgroup.clone(),
            teacher_name: a.teacher_name.clone(),
        }
    }
}

/// A class of the picker.
pub struct ClassChoice {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Chosen.
    pub selected: bool,
}

/// A titled list of journals.
pub struct JournalGroup {
    /// Class name.
    pub class_name: String,
    /// Journals.
    pub links: Vec<JournalLink>,
}

/// The journal list.
#[derive(Template, WebTemplate)]
#[template(path = "journal/index.html")]
pub struct IndexPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Current year's name.
    pub year: Option<String>,
    /// Journals from the viewer's own teaching load.
    pub mine: Vec<JournalLink>,
    /// Journals of the classes the viewer leads.
    pub led: Vec<JournalGroup>,
    /// Whether the class picker is shown (administration).
    pub picker: bool,
    /// Classes of the picker.
    pub classes: Vec<ClassChoice>,
    /// Journals of the picked class.
    pub picked: Option<JournalGroup>,
}

/// Query of the list: the picked class.
#[derive(Debug, Default, Deserialize)]
pub struct IndexQuery {
    /// Class id.
    #[serde(default)]
    pub class: String,
}

/// The viewer's journals of the current year.
pub async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<IndexQuery>) -> AppResult<IndexPage> {
    let school = journal_school(&v)?;
    let ctx = PageCtx::new(&state, &v, "/journal");
    let mut page = IndexPage {
        ctx,
        year: None,
        mine: Vec::new(),
        led: Vec::new(),
        picker: v.full_roster(),
        classes: Vec::new(),
        picked: None,
    };
    let Some(year) = years::current(&state.db, school).await? else {
        return Ok(page);
    };
    page.mine = assignments::mine(&state.db, &v, year.id)
        .await?
        .iter()
        .map(JournalLink::from)
        .collect();
    for c in classes::led_by(&state.db, &v)
        .await?
        .into_iter()
        .filter(|c| c.year_id == year.id)
    {
        let links = assignments::list(&state.db, school, year.id, None, Some(c.id))
            .await?
            .iter()
            .map(JournalLink::from)
            .collect();
        page.led.push(JournalGroup {
            class_name: c.name,
            links,
        });
    }
    if page.picker {
        let chosen = Uuid::parse_str(q.class.trim()).ok();
        let all = classes::list_visible(&state.db, &v, year.id, "").await?;
        if let Some(c) = all.iter().find(|c| Some(c.id) == chosen) {
            let links = assignments::list(&state.db, school, year.id, None, Some(c.id))
                .await?
                .iter()
                .map(JournalLink::from)
                .collect();
            page.picked = Some(JournalGroup {
                class_name: c.name.clone(),
                links,
            });
        }
        page.classes = all
            .into_iter()
            .map(|c| ClassChoice {
                selected: Some(c.id) == chosen,
                id: c.id,
                name: c.name,
            })
            .collect();
    }
    page.year = Some(year.name);
    Ok(page)
}
