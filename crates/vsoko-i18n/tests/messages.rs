//! Messages handed up as data (`Msg`, `Location`) render in both languages, and every key
//! the other crates use exists in both.

use std::path::{Path, PathBuf};
use vsoko_domain::msg::{Location, Msg};
use vsoko_i18n::Tr;

#[test]
fn a_location_names_every_known_part_in_the_viewers_language() {
    let l = Location::file("pupils.xlsx")
        .with_sheet(Some("Обучающиеся"))
        .with_row(5)
        .with_column("Дата рождения");
    assert_eq!(
        Tr::new("ru").location(&l),
        "pupils.xlsx, лист «Обучающиеся», строка 5, столбец «Дата рождения»"
    );
    assert_eq!(
        Tr::new("en").location(&l),
        "pupils.xlsx, sheet \"Обучающиеся\", row 5, column \"Дата рождения\""
    );
    assert_eq!(Tr::new("ru").location(&Location::file("a.csv")), "a.csv");
    let no_file = Location::file("").with_row(3);
    assert_eq!(Tr::new("ru").location(&no_file), "строка 3");
}

#[test]
fn a_located_message_reads_as_location_then_message() {
    let m = Msg::new("import-error-bad-date").arg("text", "31.02.2010");
    let l = Location::file("a.csv").with_row(2).with_column("Дата рождения");
    assert_eq!(
        Tr::new("ru").located(&l, &m),
        "a.csv, строка 2, столбец «Дата рождения»: ожидалась дата ДД.ММ.ГГГГ, получено «31.02.2010»"
    );
    assert_eq!(
        Tr::new("en").located(&l, &m),
        "a.csv, row 2, column \"Дата рождения\": expected a date DD.MM.YYYY, got \"31.02.2010\""
    );
}

#[test]
fn selectors_pick_the_variant_named_by_a_text_argument() {
    let class = |reason: &str| {
        Tr::new("ru").msg(
            &Msg::new("import-error-bad-class")
                .arg("text", "12А")
                .arg("reason", reason),
        )
    };
    assert_eq!(
        class("grade-out-of-range"),
        "ожидалось название класса вида «5А», получено «12А»: номер параллели должен быть от 1 до 11"
    );
    assert!(class("no-grade").ends_with("должно начинаться с номера параллели от 1 до 11"));
    let parent = Msg::new("import-error-parent-name-differs")
        .arg("code", "P1")
        .arg("first_row", 2)
        .arg("before", "Иванова")
        .arg("before_given", "yes")
        .arg("now", "")
        .arg("now_given", "no");
    assert_eq!(
        Tr::new("ru").msg(&parent),
        "ФИО родителя с кодом «P1» должно совпадать во всех строках: в строке 2 «Иванова», здесь пусто"
    );
}

/// Every message key in the Rust sources of the workspace: the literal of `Msg::new("…"`
/// and any literal with a prefix of the keys handed around as values.
fn keys_used_in_code() -> Vec<String> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&crates)
        .expect("crates dir")
        .map(|e| e.expect("entry").path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut keys = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for start in ["Msg::new(\"", "\"import-error-", "\"roster-error-", "\"roster-change-"] {
            for (i, _) in text.match_indices(start) {
                let from = i + start.find('"').map_or(0, |q| q + 1);
                if let Some((key, _)) = text[from..].split_once('"')
                    && key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The message keys defined in a language's fluent files.
fn keys_defined(lang: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(dir).expect("locale dir") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("ftl");
        keys.extend(
            text.lines()
                .filter(|l| !l.starts_with([' ', '#']))
                .filter_map(|l| l.split_once(" =").map(|(k, _)| k.to_string())),
        );
    }
    keys
}

#[test]
fn every_message_key_used_in_code_exists_in_both_languages() {
    let keys = keys_used_in_code();
    assert!(keys.len() > 30, "found only {keys:?}");
    for lang in ["ru", "en"] {
        let defined = keys_defined(lang);
        let missing: Vec<&String> = keys.iter().filter(|k| !defined.contains(k)).collect();
        assert!(missing.is_empty(), "missing in {lang}: {missing:?}");
    }
}
