//! The school's people: staff with posts, pupils with class history, parents linked to pupils.

pub mod parents;
pub mod pupils;
pub mod staff;

/// "Фамилия Имя Отчество" from parts (the middle name may be empty).
pub fn full_name(last: &str, first: &str, middle: &str) -> String {
    [last, first, middle]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Page size of people lists.
pub const PAGE: i64 = 200;
