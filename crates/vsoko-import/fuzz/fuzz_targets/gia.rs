//! Any bytes, read as XLSX and as CSV, give a file or located errors; never a panic. The
//! protocol is read for a year with a reference task table (ОГЭ Russian 2023: positions
//! mapped to the exam's codes) and for one without (positions numbered 1…n).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko_import::assessment::{Expect, parse_gia};

fuzz_target!(|data: &[u8]| {
    for name in ["f.xlsx", "f.csv"] {
        for year in [2023, 2026] {
            let _ = parse_gia(
                name,
                data,
                &Expect {
                    subject: Some("rus".into()),
                    year: Some(year),
                    ..Expect::default()
                },
            );
        }
    }
});
