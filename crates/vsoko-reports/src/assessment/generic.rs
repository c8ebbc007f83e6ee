//! The generic results layout of a school control work (docs/ASSESSMENT_IMPORT.md, «Общий
//! формат»): CSV, `;`-separated, UTF-8 with a BOM; a row of levels Б/П/В above the task
//! columns, the header `Код обучающегося; Класс; Вариант; <task> (<max>б) …; Первичный балл;
//! Отметка`, then one row per pupil; a task not done is "X".

use super::fis_oko::FisOkoTask;
use super::rcoi::field;

/// One pupil's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenericRow {
    /// The pupil's roster code.
    pub pupil_code: String,
    /// Class, e.g. "5А".
    pub class: String,
    /// Variant number.
    pub variant: u8,
    /// Score per task; None = not done.
    pub scores: Vec<Option<u8>>,
    /// Primary score.
    pub primary: i64,
    /// Mark.
    pub mark: u8,
}

/// The file as bytes (UTF-8 with BOM, `;`, CRLF line ends).
pub fn generic_csv(tasks: &[FisOkoTask], rows: &[GenericRow]) -> Vec<u8> {
    let fixed = ["Код обучающегося", "Класс", "Вариант"];
    let mut levels: Vec<String> = vec![String::new(); fixed.len()];
    levels.extend(tasks.iter().map(|t| t.level.clone()));
    levels.extend([String::new(), String::new()]);
    let mut header: Vec<String> = fixed.iter().map(|s| (*s).to_string()).collect();
    header.extend(tasks.iter().map(FisOkoTask::header));
    header.extend(["Первичный балл".to_string(), "Отметка".to_string()]);
    let mut out = String::from("\u{FEFF}");
    for line in [levels, header] {
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    for r in rows {
        let mut cells = vec![field(&r.pupil_code), field(&r.class), r.variant.to_string()];
        cells.extend(
            r.scores
                .iter()
                .map(|s| s.map_or_else(|| "X".to_string(), |v| v.to_string())),
        );
        cells.extend([r.primary.to_string(), r.mark.to_string()]);
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_work_file_has_levels_header_and_one_line_per_pupil() {
        let tasks = [
            FisOkoTask {
                code: "1".into(),
                max: 1,
                level: "Б".into(),
            },
            FisOkoTask {
                code: "2".into(),
                max: 2,
                level: "П".into(),
            },
        ];
        let row = GenericRow {
            pupil_code: "У-0001".into(),
            class: "5А".into(),
            variant: 1,
            scores: vec![Some(1), None],
            primary: 1,
            mark: 2,
        };
        let text = String::from_utf8(generic_csv(&tasks, &[row])).expect("utf8");
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "\u{FEFF};;;Б;П;;");
        assert_eq!(
            lines[1],
            "Код обучающегося;Класс;Вариант;1 (1б);2 (2б);Первичный балл;Отметка"
        );
        assert_eq!(lines[2], "У-0001;5А;1;1;X;1;2");
        assert_eq!(lines.len(), 4);
    }
}
