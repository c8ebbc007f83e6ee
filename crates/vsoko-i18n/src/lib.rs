//! UI text of vsoko in Russian (first) and English, from fluent files in `locales/<lang>/`
//! (one file per area), embedded at build time. Russian plural forms come from CLDR rules.
//! Messages that lower crates hand up as data ([`Msg`], [`Location`]) are rendered here.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use vsoko_domain::msg::{Location, Msg};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "ru",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

const RU: LanguageIdentifier = langid!("ru");
const EN: LanguageIdentifier = langid!("en");

/// The supported UI languages, Russian first.
pub const LANGUAGES: [&str; 2] = ["ru", "en"];

/// A translator for one language, cheap to copy into every page.
#[derive(Debug, Clone)]
pub struct Tr {
    lang: LanguageIdentifier,
}

impl Default for Tr {
    fn default() -> Self {
        Tr { lang: RU }
    }
}

impl Tr {
    /// A translator for "ru" or "en"; anything else falls back to Russian.
    pub fn new(code: &str) -> Tr {
        Tr {
            lang: if code.starts_with("en") { EN } else { RU },
        }
    }

    /// The language code ("ru" or "en").
    pub fn code(&self) -> &'static str {
        if self.lang == EN { "en" } else { "ru" }
    }

    /// The text of a message.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang, key)
    }

    /// The text of a message with one numeric argument (plural forms use it).
    pub fn n(&self, key: &str, name: &'static str, value: i64) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value));
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }

    /// The text of a message with one text argument.
    pub fn s(&self, key: &str, name: &'static str, value: &str) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }

    /// The text of a [`Msg`]: its key with its arguments, every argument passed as text.
    pub fn msg(&self, m: &Msg) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = m
            .args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.as_str())))
            .collect();
        LOCALES.lookup_with_args(&self.lang, m.key, &args)
    }

    /// Where in a file, as the user reads it: the file name, then whichever of sheet, row
    /// and column are known (`pupils.xlsx, лист «Обучающиеся», строка 5, столбец «Пол»`).
    pub fn location(&self, l: &Location) -> String {
        let mut parts = vec![l.file.clone()];
        if let Some(sheet) = &l.sheet {
            parts.push(self.s("location-sheet", "sheet", sheet));
        }
        if let Some(row) = l.row {
            parts.push(self.s("location-row", "row", &row.to_string()));
        }
        if let Some(column) = &l.column {
            parts.push(self.s("location-column", "column", column));
        }
        parts.retain(|p| !p.is_empty());
        parts.join(", ")
    }

    /// A located message as one line: `location: message`.
    pub fn located(&self, l: &Location, m: &Msg) -> String {
        format!("{}: {}", self.location(l), self.msg(m))
    }

    /// Whether a message exists in this language (without fallback).
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(&self.lang, key).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Message keys of a language, with whether the message takes arguments.
    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut out = BTreeSet::new();
        for entry in std::fs::read_dir(dir).expect("locale dir") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("ftl");
            for line in text.lines() {
                if let Some((k, _)) = line.split_once(" =")
                    && !k.starts_with(' ')
                    && !k.starts_with('#')
                    && !k.is_empty()
                {
                    out.insert(k.trim().to_string());
                }
            }
        }
        out
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let ru = keys("ru");
        let en = keys("en");
        let missing_en: Vec<_> = ru.difference(&en).collect();
        let missing_ru: Vec<_> = en.difference(&ru).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_ru.is_empty(), "missing in ru: {missing_ru:?}");
        for k in &ru {
            // Messages with arguments report a formatting error without them; `n` supplies one.
            let ok = |tr: Tr| tr.has(k) || !tr.n(k, "n", 2).starts_with(k.as_str());
            assert!(ok(Tr::new("ru")) && ok(Tr::new("en")), "{k} does not parse");
        }
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let tr = Tr::new("ru");
        assert_eq!(tr.n("count-pupils", "n", 1), "1 обучающийся");
        assert_eq!(tr.n("count-pupils", "n", 3), "3 обучающихся");
        assert_eq!(tr.n("count-pupils", "n", 21), "21 обучающийся");
        assert_eq!(Tr::new("en").n("count-pupils", "n", 1), "1 pupil");
    }
}
