//! Templates parse back to their two example rows, and the format documentation covers every
//! column the parser accepts.

use time::macros::date;
use vsoko_domain::roster::Roster;
use vsoko_import::SheetKind;
use vsoko_import::roster::{RosterKind, columns, csv_template, format_doc_markdown, parse_roster, xlsx_template};

fn count(roster: &Roster, kind: RosterKind) -> usize {
    match kind {
        RosterKind::Classes => roster.classes.len(),
        RosterKind::Staff => roster.staff.len(),
        RosterKind::Pupils => roster.pupils.len(),
        RosterKind::Parents => roster.parents.len(),
        RosterKind::Assignments => roster.assignments.len(),
    }
}

#[test]
fn xlsx_template_parses_back_to_two_example_rows_per_sheet() {
    let bytes = xlsx_template().unwrap();
    let roster = parse_roster("шаблон.xlsx", &bytes).unwrap();
    for kind in RosterKind::all() {
        assert_eq!(count(&roster, kind), 2, "{kind:?}");
    }
    assert_eq!(roster.pupils[0].code, "1001");
    assert_eq!(roster.pupils[0].birth_date, date!(2014 - 05 - 03));
    assert_eq!(roster.pupils[1].birth_date, date!(2013 - 11 - 21));
    assert_eq!(roster.assignments[1].hours_per_week, 1.5);
    assert_eq!(roster.classes[0].origin.sheet, "Классы");
    assert_eq!(roster.classes[1].origin.row, 3);
}

#[test]
fn csv_template_of_each_kind_parses_back_to_its_two_example_rows() {
    for kind in RosterKind::all() {
        let bytes = csv_template(kind);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{kind:?}: UTF-8 BOM for Excel");
        let file = format!("{}.csv", kind.slug());
        let roster = parse_roster(&file, &bytes).unwrap();
        assert_eq!(count(&roster, kind), 2, "{kind:?}");
        let total: usize = RosterKind::all().iter().map(|&k| count(&roster, k)).sum();
        assert_eq!(total, 2, "{kind:?}: a CSV template holds one kind only");
    }
}

#[test]
fn csv_and_xlsx_templates_carry_the_same_rows() {
    let from_xlsx = parse_roster("t.xlsx", &xlsx_template().unwrap()).unwrap();
    let pupils = parse_roster("t.csv", &csv_template(RosterKind::Pupils)).unwrap();
    let strip = |r: &Roster| {
        r.pupils
            .iter()
            .map(|p| (p.code.clone(), p.birth_date, p.class.clone(), p.sex))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&from_xlsx), strip(&pupils));
}

#[test]
fn template_header_marks_required_columns_with_a_star() {
    let text = String::from_utf8(csv_template(RosterKind::Classes)).unwrap();
    assert!(
        text.starts_with("\u{feff}Класс*;Профиль;Классный руководитель (код)\r\n"),
        "{text}"
    );
}

#[test]
fn format_doc_lists_every_sheet_and_column() {
    let md = format_doc_markdown();
    for kind in RosterKind::all() {
        assert!(md.contains(&format!("## {}", kind.sheet_name())), "{kind:?}");
        assert!(md.contains(&format!("`{}`", kind.slug())), "{kind:?}");
        for c in columns(kind) {
            assert!(
                md.contains(&format!("| {} | {} |", c.header, if c.required { "да" } else { "нет" })),
                "{}",
                c.header
            );
            for alias in c.aliases {
                assert!(md.contains(&format!("`{alias}`")), "{alias}");
            }
        }
    }
}

#[test]
fn every_kind_has_distinct_names_and_at_least_one_required_column() {
    let kinds = RosterKind::all();
    for (i, a) in kinds.iter().enumerate() {
        assert!(columns(*a).iter().any(|c| c.required));
        assert_eq!(RosterKind::from_sheet_name(a.sheet_name()), Some(*a));
        assert_eq!(RosterKind::from_sheet_name(a.slug()), Some(*a));
        for b in &kinds[i + 1..] {
            assert_ne!(a.sheet_name(), b.sheet_name());
            assert_ne!(a.slug(), b.slug());
        }
    }
}
