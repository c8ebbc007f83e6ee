//! CSV and other delimited text: encoding (UTF-8 or windows-1251) and delimiter (`;`, `,`
//! or tab) are guessed, because school systems export all of them.

use super::Table;
use crate::error::{ImportError, Location, Msg};

/// Decodes file bytes: UTF-8 (a BOM is dropped) when valid, otherwise windows-1251, the
/// usual encoding of CSV saved by Russian Excel.
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Picks the delimiter from the first non-blank line: whichever of `;`, `,` and tab occurs
/// most often outside quotes; `;` on a tie, as Russian Excel writes it.
pub fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0].1 += 1,
            ',' if !quoted => counts[1].1 += 1,
            '\t' if !quoted => counts[2].1 += 1,
            _ => {}
        }
    }
    // `max_by_key` keeps the last maximum; reversing makes the earliest (`;`) win ties.
    counts.iter().rev().max_by_key(|(_, n)| *n).map_or(b';', |(d, _)| *d)
}

/// Reads a CSV file into one table (`None` when it has no non-blank rows). Short rows are
/// kept short so a missing value is reported at its row, not as a parse failure.
pub fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Option<Table>, Vec<ImportError>> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut counter = RowCounter {
        text: text.as_bytes(),
        pos: 0,
        row: 1,
        quoted: false,
    };
    for record in reader.records() {
        match record {
            Ok(record) => {
                let number = record.position().map_or(counter.row, |p| counter.row_at(p.byte()));
                rows.push((number, record.iter().map(str::to_owned).collect()));
            }
            Err(e) => {
                let mut location = Location::file(file_name);
                if let Some(p) = e.position() {
                    location = location.with_row(counter.row_at(p.byte()));
                }
                errors.push(ImportError::new(
                    location,
                    Msg::new("import-error-bad-csv-row").arg("error", e),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(Table::from_rows(None, rows))
    } else {
        Err(errors)
    }
}

/// Turns record byte offsets into row numbers as Excel shows them: blank lines count as
/// rows, line breaks inside quoted values do not. (The csv crate's own line numbers point
/// at the previous record's end and count quoted line breaks.)
struct RowCounter<'t> {
    text: &'t [u8],
    pos: usize,
    row: usize,
    quoted: bool,
}

impl RowCounter<'_> {
    /// Row of the record reported at `byte`; offsets must not decrease between calls.
    fn row_at(&mut self, byte: u64) -> usize {
        let len = self.text.len();
        let mut start = usize::try_from(byte).unwrap_or(len).clamp(self.pos, len);
        while start < len && matches!(self.text[start], b'\n' | b'\r') {
            start += 1;
        }
        while self.pos < start {
            match self.text[self.pos] {
                b'"' => self.quoted = !self.quoted,
                b'\n' if !self.quoted => self.row += 1,
                b'\r' if !self.quoted && self.text.get(self.pos + 1) != Some(&b'\n') => self.row += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_the_most_frequent_separator_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1,2;3"), b';');
        assert_eq!(sniff_delimiter("\n\"a;b\",c,d"), b',');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
        assert_eq!(sniff_delimiter("Класс"), b';');
    }

    #[test]
    fn rows_count_blank_lines_but_not_quoted_line_breaks() {
        let numbers = |text: &str| -> Vec<usize> {
            read_csv("t.csv", text.as_bytes())
                .ok()
                .flatten()
                .map(|t| {
                    std::iter::once(t.header_row)
                        .chain(t.rows.iter().map(|r| r.number))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(numbers("\nA\n5\n;\n\n6"), vec![2, 3, 6]);
        assert_eq!(numbers("H\r\n1\r\n\r\n2\r\n"), vec![1, 2, 4]);
        assert_eq!(numbers("H\n\"a\nb\"\n2\n"), vec![1, 2, 3]);
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Фамилия");
        assert_eq!(decode_text(&bytes), "Фамилия");
        assert_eq!(decode_text("\u{feff}Имя".as_bytes()), "Имя");
    }
}
