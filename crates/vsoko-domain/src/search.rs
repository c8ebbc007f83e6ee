//! Text normalisation for case-insensitive Cyrillic search, done in Rust because SQLite's
//! `lower()` folds ASCII only.

/// The search key of a text: lower case, `ё` folded to `е`, inner whitespace collapsed.
pub fn search_key(text: &str) -> String {
    let lower = text.to_lowercase().replace('ё', "е");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yo_and_case_fold_to_one_key() {
        assert_eq!(search_key("  Фёдоров   Пётр "), "федоров петр");
        assert_eq!(search_key("ФЕДОРОВ"), search_key("фёдоров"));
    }
}
