//! Whatever a user uploads, parsing returns a value or located errors; it never panics.

use proptest::prelude::*;
use vsoko_import::roster::{RosterKind, csv_template, parse_roster, xlsx_template};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_roster("any.csv", &bytes);
        let _ = parse_roster("any.xlsx", &bytes);
    }

    #[test]
    fn arbitrary_rows_under_a_valid_header_never_panic(
        kind in prop::sample::select(RosterKind::all().to_vec()),
        body in "[0-9А-Яа-яA-Za-z ;,.\"\\-\r\n\t*]{0,400}",
    ) {
        let mut bytes = csv_template(kind);
        bytes.extend(body.as_bytes());
        let _ = parse_roster("rows.csv", &bytes);
    }

    #[test]
    fn corrupted_workbook_never_panics(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        if let Ok(mut bytes) = xlsx_template() {
            for (at, value) in flips {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            let _ = parse_roster("broken.xlsx", &bytes);
        }
    }
}
