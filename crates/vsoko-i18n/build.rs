//! Rebuilds the crate whenever anything under `locales/` changes, including a new `.ftl`
//! file: the fluent loader embeds the files with `include_str!`, which only tracks files
//! that already existed at the last build.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
