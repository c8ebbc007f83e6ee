//! The roster file format as Markdown, generated from the column table so the documentation
//! cannot drift from what the parser accepts.

use super::{RosterKind, columns};
use std::fmt::Write;

/// A Markdown description of the roster file format: general rules, then every sheet with
/// its columns (header, required, other accepted names, meaning, example).
pub fn format_doc_markdown() -> String {
    let mut md = String::from(
        "# Формат файла состава школы\n\n\
         Файл — книга Excel (`.xlsx`, `.xlsm`) или текст CSV (`.csv`, `.txt`).\n\n\
         - **XLSX**: каждый вид данных на своём листе; лист узнаётся по названию \
         (регистр не важен, ё = е) — русскому или английскому из списка ниже. \
         Если в книге один лист, его вид определяется по заголовкам. Пустые листы пропускаются.\n\
         - **CSV**: в файле один вид данных; он определяется по заголовкам. \
         Кодировка UTF-8 (с BOM или без) или windows-1251; разделитель `;`, `,` или табуляция.\n\
         - Строка заголовков — первая непустая строка; пустые строки пропускаются. \
         Номера строк в сообщениях об ошибках — как в Excel.\n\
         - Заголовки сравниваются без учёта регистра и пробелов по краям, ё = е, \
         звёздочка `*` в конце заголовка не мешает. Лишние столбцы не читаются.\n\
         - Пустое значение в необязательном столбце означает «не указано».\n\
         - Коды (сотрудника, обучающегося, родителя) — любые строки, уникальные в школе. \
         Ссылки на записи, которых нет в файле (например, код обучающегося у родителя), \
         проверяются при загрузке по данным системы.\n\n\
         Обязательные столбцы отмечены «да».\n",
    );
    for kind in RosterKind::all() {
        let _ = write!(
            md,
            "\n## {} (лист «{}» или `{}`)\n\n{}\n\n\
             | Столбец | Обязательный | Другие названия | Описание | Пример |\n\
             |---|---|---|---|---|\n",
            kind.sheet_name(),
            kind.sheet_name(),
            kind.slug(),
            kind_rule(kind),
        );
        for c in columns(kind) {
            let aliases: Vec<String> = c.aliases.iter().map(|a| format!("`{a}`")).collect();
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                c.header,
                if c.required { "да" } else { "нет" },
                aliases.join(", "),
                c.description_ru,
                c.example,
            );
        }
    }
    md
}

fn kind_rule(kind: RosterKind) -> &'static str {
    match kind {
        RosterKind::Classes => "Одна строка на класс; название класса не повторяется.",
        RosterKind::Staff => "Одна строка на сотрудника; код сотрудника не повторяется.",
        RosterKind::Pupils => "Одна строка на обучающегося; код обучающегося не повторяется.",
        RosterKind::Parents => {
            "Одна строка на связь «родитель — обучающийся». Родитель нескольких детей \
             записывается в нескольких строках с одним кодом и одинаковыми ФИО; \
             одна и та же связь не повторяется."
        }
        RosterKind::Assignments => {
            "Одна строка на назначение «учитель — класс (подгруппа) — предмет»; \
             такое сочетание не повторяется."
        }
    }
}
