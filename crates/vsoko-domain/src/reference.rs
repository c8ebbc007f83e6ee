//! Reference data shipped with vsoko as versioned files in `data/reference/` (with their
//! provenance in `#` header lines), embedded at build time and loaded into new schools.

/// One subject of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueSubject {
    /// Stable code, e.g. "math".
    pub code: String,
    /// Full name, e.g. "Математика".
    pub name: String,
    /// Short name for narrow columns.
    pub short_name: String,
    /// Subject area (предметная область).
    pub area: String,
}

/// The raw subject catalogue file.
pub const SUBJECTS_CSV: &str = include_str!("../../../data/reference/subjects.csv");

/// The provenance lines (`# …`) of a reference file.
pub fn provenance(file: &str) -> Vec<&str> {
    file.lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(str::trim)
        .collect()
}

/// The subject catalogue parsed from [`SUBJECTS_CSV`].
pub fn subjects() -> Vec<CatalogueSubject> {
    data_lines(SUBJECTS_CSV)
        .filter_map(|l| {
            let mut f = l.split(';').map(str::trim);
            Some(CatalogueSubject {
                code: f.next()?.to_string(),
                name: f.next()?.to_string(),
                short_name: f.next()?.to_string(),
                area: f.next().unwrap_or("").to_string(),
            })
        })
        .collect()
}

/// The raw default work-type file.
pub const WORK_TYPES_CSV: &str = include_str!("../../../data/reference/work_types.csv");

/// Default work types with weights, parsed from [`WORK_TYPES_CSV`].
pub fn work_types() -> Vec<crate::journal::WorkType> {
    data_lines(WORK_TYPES_CSV)
        .filter_map(|l| {
            let mut f = l.split(';').map(str::trim);
            Some(crate::journal::WorkType {
                code: f.next()?.to_string(),
                name: f.next()?.to_string(),
                weight: f.next()?.parse().ok()?,
            })
        })
        .collect()
}

fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_unique_codes_and_names_and_provenance() {
        let s = subjects();
        assert!(s.len() >= 20);
        let mut codes: Vec<_> = s.iter().map(|x| x.code.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), s.len());
        let mut names: Vec<_> = s.iter().map(|x| x.name.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), s.len());
        assert!(provenance(SUBJECTS_CSV).iter().any(|l| l.starts_with("source:")));
    }

    #[test]
    fn default_work_types_have_positive_weights_and_provenance() {
        let w = work_types();
        assert_eq!(w.len(), 6);
        assert!(w.iter().all(|t| t.weight > 0));
        assert!(provenance(WORK_TYPES_CSV).iter().any(|l| l.starts_with("source:")));
    }
}
