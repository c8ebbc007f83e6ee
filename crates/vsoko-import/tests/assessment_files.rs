//! Assessment results files: the ФИС ОКО "Индивидуальные результаты" form, РЦОИ ГИА
//! protocols and the generic layout, read task by task with "not done" kept apart from 0,
//! and every problem located at its sheet, row and column.

mod common;

use common::{csv, shown, xlsx};
use rust_xlsxwriter::Workbook;
use vsoko_domain::assessment::{Level, ProcedureKind};
use vsoko_import::assessment::{Expect, parse_generic, parse_gia, parse_vpr};

const MATH4_HEADER: &[&str] = &[
    "ОО",
    "Муниципалитет",
    "Название ОО",
    "Код участника",
    "Класс",
    "Вариант",
    "1 (1б)",
    "2 (1б)",
    "3 (2б)",
    "4 (1б)",
    "5.1 (1б)",
    "5.2 (1б)",
    "6.1 (1б)",
    "6.2 (1б)",
    "7 (1б)",
    "8 (2б)",
    "9.1 (1б)",
    "9.2 (1б)",
    "10 (2б)",
    "11 (2б)",
    "Первичный балл",
    "Отметка",
    "Отметка по журналу",
];
const LEVELS: &[&str] = &[
    "", "", "", "", "", "", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "П", "П", "П", "П", "", "", "",
];

fn school(code: &str, class: &str, scores: [&str; 14], primary: &str, mark: &str, journal: &str) -> Vec<String> {
    let mut row: Vec<String> = ["edu123456", "Город", "МБОУ СОШ № 1", code, class, "12345"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    row.extend(scores.iter().map(|s| s.to_string()));
    row.extend([primary, mark, journal].iter().map(|s| s.to_string()));
    row
}

/// A ФИС ОКО workbook: meta rows, the level row, the header, then `rows`.
fn vpr_file(rows: &[Vec<String>]) -> Vec<u8> {
    let meta: Vec<Vec<String>> = vec![
        vec!["ВПР 2026 Математика 4 класс".into()],
        vec!["Предмет:".into(), "Математика".into()],
        vec!["Максимальный первичный балл: 18".into()],
        vec!["Дата:".into(), "22.04.2026".into()],
        vec!["МБОУ СОШ № 1 (edu123456)".into()],
        vec![format!("Кол-во участников: {}", rows.len())],
        LEVELS.iter().map(|s| s.to_string()).collect(),
        MATH4_HEADER.iter().map(|s| s.to_string()).collect(),
    ];
    let all: Vec<Vec<String>> = meta.into_iter().chain(rows.iter().cloned()).collect();
    let refs: Vec<Vec<&str>> = all.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    xlsx(&[("Индивидуальные результаты", &rows)])
}

fn full() -> [&'static str; 14] {
    ["1", "1", "2", "1", "1", "1", "1", "1", "1", "2", "1", "1", "2", "2"]
}

#[test]
fn vpr_file_gives_meta_levels_tasks_and_keeps_not_done_apart_from_zero() {
    let bytes = vpr_file(&[
        school("10001", "4А", full(), "18", "5", "5"),
        school(
            "10002",
            "4 б",
            ["0", "X", "Х", "-", "—", "1", "1", "1", "1", "2", "1", "0", "0", "0"],
            "7",
            "3",
            "нет отметки",
        ),
    ]);
    let f = parse_vpr("vpr.xlsx", &bytes, &Expect::default()).unwrap();
    assert_eq!(f.header.kind, ProcedureKind::Vpr);
    assert_eq!(
        (f.header.year, f.header.subject.as_str(), f.header.grade),
        (2026, "math", 4)
    );
    assert_eq!(f.header.date.map(|d| d.to_string()), Some("2026-04-22".into()));
    assert_eq!(f.tasks.len(), 14);
    assert_eq!(f.tasks[4].code, "5.1");
    assert_eq!(f.tasks[0].level, Some(Level::Basic));
    assert_eq!(f.tasks[10].level, Some(Level::Advanced));
    assert_eq!(f.task_max_sum(), 18);
    let second = &f.results[1];
    assert_eq!(second.class.to_string(), "4Б");
    assert_eq!(&second.scores[..5], &[Some(0), None, None, None, None]);
    assert_eq!(second.primary, Some(7));
    assert_eq!(second.file_mark, Some(3));
    assert_eq!(second.journal_mark, None);
    assert_eq!(second.origin.row, 10);
    assert_eq!(f.results[0].journal_mark, Some(5));
}

#[test]
fn vpr_file_with_numbers_typed_as_numbers_reads_the_same() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "ВПР 2026 Русский язык 4 класс").unwrap();
    let header = [
        "Код участника",
        "Класс",
        "Вариант",
        "1 (2б)",
        "2 (1б)",
        "Первичный балл",
        "Отметка",
        "Отметка по журналу",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_number(3, 0, 10001.0).unwrap();
    ws.write_string(3, 1, "4А").unwrap();
    ws.write_number(3, 2, 7.0).unwrap();
    ws.write_number(3, 3, 2.0).unwrap();
    ws.write_string(3, 4, "X").unwrap();
    ws.write_number(3, 5, 2.0).unwrap();
    ws.write_number(3, 6, 2.0).unwrap();
    ws.write_number(3, 7, 4.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let f = parse_vpr("rus.xlsx", &bytes, &Expect::default()).unwrap();
    assert_eq!(f.header.subject, "rus");
    let r = &f.results[0];
    assert_eq!((r.participant_code.as_str(), r.variant.as_str()), ("10001", "7"));
    assert_eq!(r.scores, vec![Some(2), None]);
    assert_eq!((r.primary, r.file_mark, r.journal_mark), (Some(2), Some(2), Some(4)));
}

#[test]
fn vpr_bad_rows_are_located_and_nothing_is_returned() {
    let mut above = full();
    above[2] = "3";
    let bytes = vpr_file(&[
        school("10001", "4А", full(), "18", "5", "5"),
        school("10002", "4А", above, "19", "5", "5"),
        school("10001", "5А", full(), "17", "6", "5"),
        school("", "4А", full(), "18", "5", "?"),
    ]);
    let errors = parse_vpr("vpr.xlsx", &bytes, &Expect::default()).unwrap_err();
    assert_eq!(
        shown(&errors),
        vec![
            "vpr.xlsx, лист «Индивидуальные результаты», строка 10, столбец «3 (2б)»: балл за задание 3 больше максимума: ожидалось от 0 до 2, получено 3",
            "vpr.xlsx, лист «Индивидуальные результаты», строка 11, столбец «Код участника»: участник «10001» повторяется: он уже указан в строке 9",
            "vpr.xlsx, лист «Индивидуальные результаты», строка 11, столбец «Класс»: класс «5А» не относится к параллели работы: ожидался 4-й класс",
            "vpr.xlsx, лист «Индивидуальные результаты», строка 11, столбец «Первичный балл»: первичный балл 17 не равен сумме баллов за задания 18",
            "vpr.xlsx, лист «Индивидуальные результаты», строка 11, столбец «Отметка»: ожидалась отметка от 2 до 5 или «нет отметки», получено «6»",
            "vpr.xlsx, лист «Индивидуальные результаты», строка 12, столбец «Код участника»: обязательное значение не заполнено",
            "vpr.xlsx, лист «Индивидуальные результаты», строка 12, столбец «Отметка по журналу»: ожидалась отметка от 1 до 5 или «нет отметки», получено «?»",
        ]
    );
}

#[test]
fn vpr_file_of_another_subject_grade_or_year_is_refused() {
    let bytes = vpr_file(&[school("10001", "4А", full(), "18", "5", "5")]);
    let expect = Expect {
        subject: Some("Русский язык".into()),
        grade: Some(5),
        year: Some(2025),
        ..Expect::default()
    };
    let errors = parse_vpr("vpr.xlsx", &bytes, &expect).unwrap_err();
    let keys: Vec<&str> = errors.iter().map(|e| e.msg.key).collect();
    assert_eq!(
        keys,
        vec![
            "assessment-error-year-mismatch",
            "assessment-error-subject-mismatch",
            "assessment-error-grade-mismatch"
        ]
    );
    let same = Expect {
        subject: Some("math".into()),
        grade: Some(4),
        year: Some(2026),
        ..Expect::default()
    };
    assert!(parse_vpr("vpr.xlsx", &bytes, &same).is_ok());
}

#[test]
fn vpr_header_maximum_must_match_the_tasks() {
    let mut wb_rows: Vec<Vec<String>> = vec![
        vec!["ВПР 2026 Математика 4 класс".into()],
        vec!["Максимальный первичный балл: 20".into()],
    ];
    wb_rows.push(MATH4_HEADER.iter().map(|s| s.to_string()).collect());
    wb_rows.push(school("10001", "4А", full(), "18", "5", "5"));
    let refs: Vec<Vec<&str>> = wb_rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let errors = parse_vpr("vpr.xlsx", &xlsx(&[("Лист1", &rows)]), &Expect::default()).unwrap_err();
    assert_eq!(errors[0].msg.key, "assessment-error-max-mismatch");
    assert_eq!(errors[0].location.row, Some(2));
}

fn gia_expect() -> Expect {
    Expect {
        subject: Some("Русский язык".into()),
        year: Some(2026),
        ..Expect::default()
    }
}

const GIA_HEADER: &str = "Код МСУ;Код ОО;Класс;Код ППЭ;Аудитория;Фамилия;Имя;Отчество;Задания с кратким ответом;Задания с развёрнутым ответом;Первичный балл;Балл";

#[test]
fn gia_protocol_reads_short_and_long_answers() {
    let bytes = csv(&[
        GIA_HEADER,
        "01;0101;9А;1234;0001;Иванов;Иван;Иванович;+-+2;2(3)0(2)1(1);7;4",
        "01;0101;9Б;1234;0001;Петрова;Анна;;++-0;3(3)X(2)1(1);6;3",
    ]);
    let f = parse_gia("protocol.csv", &bytes, &gia_expect()).unwrap();
    assert_eq!(f.header.kind, ProcedureKind::Oge);
    assert_eq!((f.header.subject.as_str(), f.header.grade), ("rus", 9));
    let codes: Vec<(&str, u32)> = f.tasks.iter().map(|t| (t.code.as_str(), t.max_score)).collect();
    assert_eq!(
        codes,
        vec![("1", 1), ("2", 1), ("3", 1), ("4", 2), ("5", 3), ("6", 2), ("7", 1)]
    );
    assert_eq!(f.results[0].participant_code, "Иванов Иван Иванович");
    assert_eq!(
        f.results[0].scores,
        vec![Some(1), Some(0), Some(1), Some(2), Some(2), Some(0), Some(1)]
    );
    assert_eq!(f.results[1].scores[5], None);
    assert_eq!(f.results[1].file_mark, Some(3));
}

#[test]
fn gia_protocol_errors_are_located() {
    let bytes = csv(&[
        GIA_HEADER,
        "01;0101;9А;1234;0001;Иванов;Иван;Иванович;+-+2;2(3)0(2)1(1);7;4",
        "01;0101;9А;1234;0001;Сидоров;Пётр;;+-+a;2(3)0(2)1(1);7;4",
        "01;0101;9А;1234;0001;Кузнецов;Олег;;+-+2;4(3)0(2)1(1);7;4",
        "01;0101;9А;1234;0001;Иванов;Иван;Иванович;+-+2;2(3)0(2)1(1);7;4",
        "01;0101;9А;1234;0001;Орлов;Илья;;+-+2;2(3)0(2)1(1);8;4",
    ]);
    let errors = parse_gia("protocol.csv", &bytes, &gia_expect()).unwrap_err();
    let at: Vec<(Option<usize>, Option<&str>, &str)> = errors
        .iter()
        .map(|e| (e.location.row, e.location.column.as_deref(), e.msg.key))
        .collect();
    assert_eq!(
        at,
        vec![
            (
                Some(3),
                Some("Задания с кратким ответом"),
                "assessment-error-short-answers"
            ),
            (
                Some(4),
                Some("Задания с развёрнутым ответом"),
                "assessment-error-long-answers"
            ),
            (Some(5), Some("Фамилия"), "assessment-error-duplicate-participant"),
            (Some(6), Some("Первичный балл"), "assessment-error-primary-sum"),
        ]
    );
    assert!(parse_gia("protocol.csv", &bytes, &Expect::default()).is_err());
}

#[test]
fn generic_file_needs_its_options_and_reads_levels() {
    let bytes = csv(&[
        ";;Б;П;",
        "Код обучающегося;Класс;1 (2б);2К1 (3б);Отметка",
        "1001;7А;2;X;",
        "1002;7А;1;3;",
    ]);
    let errors = parse_generic("kr.csv", &bytes, &Expect::default()).unwrap_err();
    assert_eq!(errors[0].msg.key, "assessment-error-generic-needs-options");
    let expect = Expect {
        subject: Some("Алгебра".into()),
        grade: Some(7),
        year: Some(2026),
        title: Some("Контрольная работа № 2".into()),
        ..Expect::default()
    };
    let f = parse_generic("kr.csv", &bytes, &expect).unwrap();
    assert_eq!(f.header.kind, ProcedureKind::SchoolControl);
    assert_eq!(f.header.subject, "alg");
    assert_eq!(f.tasks[1].code, "2К1");
    assert_eq!(f.tasks[1].level, Some(Level::Advanced));
    assert_eq!(f.results[0].pupil_code.as_deref(), Some("1001"));
    assert_eq!(f.results[0].participant_code, "1001");
    assert_eq!(f.results[0].scores, vec![Some(2), None]);
    assert_eq!(f.results[1].primary, Some(4));
}

#[test]
fn files_without_a_results_header_say_what_was_expected() {
    let bytes = csv(&["a;b", "1;2"]);
    for errors in [
        parse_vpr("x.csv", &bytes, &Expect::default()).unwrap_err(),
        parse_gia("x.csv", &bytes, &gia_expect()).unwrap_err(),
    ] {
        assert_eq!(errors[0].msg.key, "assessment-error-no-header");
    }
}

/// Every file of the fuzz corpus goes through the three parsers, read as XLSX and as CSV,
/// without a panic (what the fuzz targets check, replayed in every test run).
#[test]
fn fuzz_corpus_replays_without_panics() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");
    let mut dirs = vec![std::path::PathBuf::from(root)];
    let mut files = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            for name in ["f.xlsx", "f.csv"] {
                let _ = parse_vpr(name, &bytes, &Expect::default());
                let _ = parse_gia(name, &bytes, &gia_expect());
                let _ = parse_generic(
                    name,
                    &bytes,
                    &Expect {
                        grade: Some(4),
                        year: Some(2026),
                        subject: Some("math".into()),
                        ..Expect::default()
                    },
                );
            }
            files += 1;
        }
    }
    assert!(files >= 6, "corpus has only {files} files");
}

/// Writes the seed corpus of the fuzz targets (run once with `--ignored`, then commit).
#[test]
#[ignore = "writes the committed seed corpus"]
fn write_seed_corpus() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");
    let vpr = vpr_file(&[
        school("10001", "4А", full(), "18", "5", "5"),
        school(
            "10002",
            "4Б",
            ["0", "X", "Х", "-", "—", "1", "1", "1", "1", "2", "1", "0", "0", "0"],
            "7",
            "3",
            "нет отметки",
        ),
    ]);
    let gia = csv(&[
        GIA_HEADER,
        "01;0101;9А;1234;0001;Иванов;Иван;Иванович;+-+2;2(3)0(2)1(1);7;4",
        "01;0101;9Б;1234;0001;Петрова;Анна;;++-0;3(3)X(2)1(1);6;3",
    ]);
    let gia_x = xlsx(&[(
        "Протокол",
        &[
            &GIA_HEADER.split(';').collect::<Vec<_>>(),
            &[
                "01",
                "0101",
                "9А",
                "1",
                "1",
                "Иванов",
                "Иван",
                "",
                "+-",
                "1(2)",
                "2",
                "3",
            ],
        ],
    )]);
    let generic = csv(&[
        ";;Б;П;",
        "Код обучающегося;Класс;1 (2б);2К1 (3б);Отметка",
        "1001;7А;2;X;",
        "1002;7А;1;3;",
    ]);
    for (dir, name, bytes) in [
        ("vpr", "individual_results.xlsx", vpr.clone()),
        ("vpr", "individual_results.csv", b"\xd0\x92\xd0\x9f\xd0\xa0 2026 \xd0\x9c\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbc\xd0\xb0\xd1\x82\xd0\xb8\xd0\xba\xd0\xb0 4 \xd0\xba\xd0\xbb\xd0\xb0\xd1\x81\xd1\x81\n;;;;;;\xd0\x91;\xd0\x9f\n\xd0\x9a\xd0\xbe\xd0\xb4 \xd1\x83\xd1\x87\xd0\xb0\xd1\x81\xd1\x82\xd0\xbd\xd0\xb8\xd0\xba\xd0\xb0;\xd0\x9a\xd0\xbb\xd0\xb0\xd1\x81\xd1\x81;1 (1\xd0\xb1);2 (2\xd0\xb1)\n10001;4\xd0\x90;1;X\n".to_vec()),
        ("gia", "protocol.csv", gia),
        ("gia", "protocol.xlsx", gia_x),
        ("generic", "control_work.csv", generic),
        ("generic", "empty.csv", Vec::new()),
    ] {
        let d = format!("{root}/{dir}");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(format!("{d}/{name}"), bytes).unwrap();
    }
}
