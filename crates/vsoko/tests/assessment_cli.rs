//! `vsoko import assessment` as a real process on a demo database: a ФИС ОКО workbook with a
//! dry run, an apply and a re-import that changes nothing; a wrong subject, a missing
//! conversion table (then loaded with --conversion), a bad generic file and a РЦОИ protocol.

use rust_xlsxwriter::Workbook;
use std::path::Path;
use std::process::{Command, Output};

fn vsoko(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("VSOKO_LOG", "warn")
        .env("LANG", "ru_RU.UTF-8")
        .output()
        .expect("run vsoko")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A ФИС ОКО "Индивидуальные результаты" workbook: title, level row, header, rows.
fn fis_oko(path: &Path, title: &str, tasks: &[(&str, u32, &str)], rows: &[(&str, &str, Vec<&str>, &str, &str)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, title).expect("title");
    ws.write_string(1, 0, "Кол-во участников:").expect("meta");
    ws.write_number(1, 1, rows.len() as f64).expect("meta");
    let fixed = ["ОО", "Код участника", "Класс", "Вариант"];
    for (c, h) in fixed.iter().enumerate() {
        ws.write_string(3, c as u16, *h).expect("header");
    }
    for (i, (code, max, level)) in tasks.iter().enumerate() {
        let c = (fixed.len() + i) as u16;
        ws.write_string(2, c, *level).expect("level");
        ws.write_string(3, c, format!("{code} ({max}б)")).expect("header");
    }
    let tail = fixed.len() + tasks.len();
    for (i, h) in ["Первичный балл", "Отметка", "Отметка по журналу"].iter().enumerate()
    {
        ws.write_string(3, (tail + i) as u16, *h).expect("header");
    }
    for (r, (code, class, scores, mark, journal)) in rows.iter().enumerate() {
        let r = (4 + r) as u32;
        ws.write_string(r, 0, "edu123456").expect("cell");
        ws.write_string(r, 1, *code).expect("cell");
        ws.write_string(r, 2, *class).expect("cell");
        ws.write_number(r, 3, 1.0).expect("cell");
        let mut sum = 0.0;
        for (i, s) in scores.iter().enumerate() {
            match s.parse::<f64>() {
                Ok(n) => {
                    sum += n;
                    ws.write_number(r, (fixed.len() + i) as u16, n).expect("cell");
                }
                Err(_) => {
                    ws.write_string(r, (fixed.len() + i) as u16, *s).expect("cell");
                }
            }
        }
        ws.write_number(r, tail as u16, sum).expect("cell");
        ws.write_string(r, (tail + 1) as u16, *mark).expect("cell");
        ws.write_string(r, (tail + 2) as u16, *journal).expect("cell");
    }
    wb.save(path).expect("save workbook");
}

#[test]
fn assessment_files_import_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite://{}", dir.path().join("demo.db").display());
    let o = vsoko(&db, &["demo", "--build-only"]);
    assert!(o.status.success(), "{}", text(&o));
    let school = text(&o)
        .split_whitespace()
        .find(|w| w.len() == 36 && w.chars().filter(|c| *c == '-').count() == 4)
        .expect("demo school id")
        .to_string();

    // ВПР 2024, Russian, grade 4 (the demo itself imports the 2025 and 2026 works): the school loads
    // the conversion table with the file; the marks are computed from it.
    let rus: Vec<(&str, u32, &str)> = [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3]
        .iter()
        .enumerate()
        .map(|(i, m)| {
            (
                ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"][i],
                *m,
                "Б",
            )
        })
        .collect();
    let vpr = dir.path().join("vpr_rus_4.xlsx");
    fis_oko(
        &vpr,
        "ВПР 2024 Русский язык 4 класс",
        &rus,
        &[
            (
                "10001",
                "4А",
                vec!["2", "1", "2", "3", "2", "1", "1", "2", "3", "3", "1", "3"],
                "5",
                "5",
            ),
            (
                "10002",
                "4Б",
                vec!["X", "1", "2", "3", "0", "0", "0", "0", "3", "-", "1", "0"],
                "3",
                "нет отметки",
            ),
        ],
    );
    let file = vpr.to_str().expect("path");
    let rus_table = dir.path().join("vpr-2024-rus-4.conversion.csv");
    std::fs::write(
        &rus_table,
        "# source: школьная копия таблицы\n# link: https://example.invalid\n# kind: vpr\n# year: 2024\n# subject: rus\n# grade: 4\n# output: mark\n# max_primary: 24\n2;0;9;;\n3;10;15;;\n4;16;20;;\n5;21;24;;\n",
    )
    .expect("table");
    let rus_table = rus_table.to_str().expect("path").to_string();
    let base = [
        "import",
        "assessment",
        file,
        "--kind",
        "vpr",
        "--school",
        &school,
        "--conversion",
        &rus_table,
    ];
    let o = vsoko(&db, &[&base[..], &["--dry-run"]].concat());
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("dry run, nothing written: tasks +12/~0, results +2/~0"),
        "{}",
        text(&o)
    );
    let o = vsoko(&db, &base);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("applied: tasks +12/~0, results +2/~0"),
        "{}",
        text(&o)
    );
    let o = vsoko(&db, &base);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("results +0/~0 (unchanged 2)"), "{}", text(&o));

    // The same file announced as mathematics is refused before anything is read further.
    let o = vsoko(&db, &[&base[..], &["--subject", "math"]].concat());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("файл относится к предмету «Русский язык», а ожидался «math»"),
        "{}",
        text(&o)
    );

    // Mathematics grade 4 has no shipped conversion table: an error until one is loaded.
    let math: Vec<(&str, u32, &str)> = vec![("1", 2, "Б"), ("2", 2, "П")];
    let vpr_math = dir.path().join("vpr_math_4.xlsx");
    fis_oko(
        &vpr_math,
        "ВПР 2024 Математика 4 класс",
        &math,
        &[("20001", "4А", vec!["2", "1"], "4", "4")],
    );
    let mfile = vpr_math.to_str().expect("path");
    let o = vsoko(
        &db,
        &["import", "assessment", mfile, "--kind", "vpr", "--school", &school],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("нет таблицы перевода баллов для vpr 2024"),
        "{}",
        text(&o)
    );
    let table = dir.path().join("vpr-2024-math-4.conversion.csv");
    // A table with a word for a score: its line in the user's words, nothing loaded.
    std::fs::write(
        &table,
        "# source: школьная копия таблицы\n# link: https://example.invalid\n# kind: vpr\n# year: 2024\n# subject: math\n# grade: 4\n# output: mark\n# max_primary: 4\n2;0;0;;\n3;один;1;;\n4;2;3;;\n5;4;4;;\n",
    )
    .expect("table");
    let o = vsoko(
        &db,
        &[
            "import",
            "assessment",
            mfile,
            "--kind",
            "vpr",
            "--school",
            &school,
            "--conversion",
            table.to_str().expect("path"),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("строка 10"), "{}", text(&o));
    assert!(
        !text(&o).contains("reference-"),
        "the message is rendered, not its key: {}",
        text(&o)
    );
    std::fs::write(
        &table,
        "# source: школьная копия таблицы\n# link: https://example.invalid\n# kind: vpr\n# year: 2024\n# subject: math\n# grade: 4\n# output: mark\n# max_primary: 4\n2;0;0;;\n3;1;1;;\n4;2;3;;\n5;4;4;;\n",
    )
    .expect("table");
    let o = vsoko(
        &db,
        &[
            "import",
            "assessment",
            mfile,
            "--kind",
            "vpr",
            "--school",
            &school,
            "--conversion",
            table.to_str().expect("path"),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("results +1/~0"), "{}", text(&o));

    // A generic control work with a score above its maximum: located error, exit 2.
    let generic = dir.path().join("kr.csv");
    std::fs::write(&generic, "Код обучающегося;Класс;1 (2б);2 (1б)\n1001;7А;3;1\n").expect("csv");
    let o = vsoko(
        &db,
        &[
            "import",
            "assessment",
            generic.to_str().expect("path"),
            "--kind",
            "generic",
            "--school",
            &school,
            "--subject",
            "math",
            "--grade",
            "7",
            "--date",
            "2026-11-20",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("kr.csv, строка 2, столбец «1 (2б)»: балл за задание 1 больше максимума"),
        "{}",
        text(&o)
    );

    // A РЦОИ protocol of the ОГЭ in mathematics (2024 table: geometry condition on 15–19, 23–25).
    let gia = dir.path().join("oge_math.csv");
    std::fs::write(
        &gia,
        "Класс;Фамилия;Имя;Отчество;Задания с кратким ответом;Задания с развёрнутым ответом;Первичный балл;Балл\n\
         9А;Иванов;Иван;;+++++++++++++++++++;2(2)2(2)2(2)2(2)2(2)2(2);31;5\n\
         9А;Петров;Пётр;;++++++++++++++-----;0(2)0(2)0(2)0(2)0(2)0(2);14;2\n",
    )
    .expect("csv");
    let o = vsoko(
        &db,
        &[
            "import",
            "assessment",
            gia.to_str().expect("path"),
            "--kind",
            "gia",
            "--school",
            &school,
            "--subject",
            "Математика",
            "--year",
            "2024",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("applied: tasks +25/~0, results +2/~0"),
        "{}",
        text(&o)
    );
}
