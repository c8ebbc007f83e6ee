//! Fixture builders shared by the integration tests: real XLSX bytes via rust_xlsxwriter and
//! CSV bytes in a chosen encoding.

#![allow(dead_code, reason = "each test binary uses a different subset of the helpers")]
#![allow(
    clippy::unwrap_used,
    reason = "fixture building fails loudly; some binaries use no fixture"
)]

use rust_xlsxwriter::Workbook;
use vsoko_i18n::Tr;
use vsoko_import::ImportError;

/// A workbook whose sheets hold the given rows of text cells ("" leaves a cell empty).
pub fn xlsx(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32, c as u16, *value).unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// UTF-8 CSV text from rows joined by `sep`.
pub fn csv(rows: &[&str]) -> Vec<u8> {
    rows.join("\n").into_bytes()
}

/// The errors rendered in Russian as the user sees them (`location: message`), for
/// readable assertions.
pub fn shown(errors: &[ImportError]) -> Vec<String> {
    let tr = Tr::new("ru");
    errors.iter().map(|e| tr.located(&e.location, &e.msg)).collect()
}

/// The Russian text of an error's message, without its location.
pub fn text(e: &ImportError) -> String {
    Tr::new("ru").msg(&e.msg)
}

/// The same workbook with one part's XML rewritten by `edit`, to build malformed files that
/// rust_xlsxwriter itself would never write.
pub fn rewrite_part(xlsx: &[u8], part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == part {
            content = edit(std::str::from_utf8(&content).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}
