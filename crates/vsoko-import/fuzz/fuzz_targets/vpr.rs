//! Any bytes, read as XLSX and as CSV, give a file or located errors; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko_import::assessment::{Expect, parse_vpr};

fuzz_target!(|data: &[u8]| {
    for name in ["f.xlsx", "f.csv"] {
        let _ = parse_vpr(name, data, &Expect::default());
    }
});
