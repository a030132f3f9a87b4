//! The properties the fuzz targets check, one function per parser of outside input (issue 19).
//! They live here, in the library, so that the cargo-fuzz crate in `fuzz/` and `cargo test` run
//! the same checks: each fuzz target is one line that calls [`run`], and the tests at the end of
//! this module replay the committed corpora (`fuzz/corpus/<target>/`) and every input a fuzzer
//! ever crashed on (`fuzz/regressions/<target>/`) without a fuzzer.
//!
//! A property that does not hold panics with what was expected, which is how libFuzzer and the
//! test harness both learn of it. Inputs that are not UTF-8 are refused where the real reader
//! refuses them too (every file here is read with `read_to_string`), except where bytes matter
//! (PEM).
//!
//! Not part of the program's interface: hidden from the docs, no stability promised.

mod detect;
mod edit;
mod inputs;
mod spec;

/// A fuzz target: checks its properties on one input, panicking when one does not hold.
pub type Target = fn(&[u8]);

/// Every fuzz target by name, as `fuzz/Cargo.toml` and `fuzz/run.sh` name them.
pub const TARGETS: &[(&str, Target)] = &[
    ("link_file", spec::link_file),
    ("app_spec", spec::app_spec),
    ("spec_edit", edit::spec_edit),
    ("image_ref", spec::image_ref),
    ("dotenv", inputs::dotenv),
    ("known_hosts", inputs::known_hosts),
    ("pem_cert", inputs::pem_cert),
    ("log_line", inputs::log_line),
    ("settings_py", detect::settings_py),
    ("pyproject", detect::pyproject),
    ("requirements", detect::requirements),
    ("pipfile", detect::pipfile),
    ("dockerfile", detect::dockerfile),
];

/// Runs target `name` on `data`; panics when a property does not hold.
///
/// # Panics
/// When `name` is no target, or when the target's property fails for `data`.
pub fn run(name: &str, data: &[u8]) {
    let (_, target) = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no fuzz target `{name}`"));
    target(data);
}

/// The input as text, when it is UTF-8 (the readers take text).
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The first line of `text` (the target's parameters) and the rest (the document).
fn first_line(text: &str) -> (&str, &str) {
    text.split_once('\n').unwrap_or((text, ""))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn fuzz_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
    }

    /// The files of `dir`, sorted; none when it does not exist.
    fn inputs(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    /// Replays every input of `fuzz/<kind>/<target>/`, naming the file of a failure.
    fn replay(kind: &str) -> usize {
        let mut count = 0;
        let mut failed = Vec::new();
        for (name, target) in super::TARGETS {
            for file in inputs(&fuzz_dir().join(kind).join(name)) {
                let data = std::fs::read(&file).expect("a corpus file reads");
                // Each failure's message is printed by the panic hook; all are listed at the end.
                if std::panic::catch_unwind(|| target(&data)).is_err() {
                    failed.push(file.display().to_string());
                }
                count += 1;
            }
        }
        assert!(failed.is_empty(), "properties fail on {failed:#?}");
        count
    }

    #[test]
    fn every_target_has_a_corpus_and_a_fuzz_binary() {
        let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
        for (name, _) in super::TARGETS {
            assert!(
                inputs(&fuzz_dir().join("corpus").join(name)).len() >= 3,
                "fuzz/corpus/{name} has fewer than 3 inputs"
            );
            assert!(
                manifest.contains(&format!("name = \"{name}\"")),
                "fuzz/Cargo.toml has no [[bin]] {name}"
            );
            let source = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
            assert!(source.is_file(), "{} is missing", source.display());
        }
    }

    #[test]
    fn the_committed_corpora_hold_every_property() {
        assert!(replay("corpus") > 0);
    }

    #[test]
    fn every_input_a_fuzzer_crashed_on_stays_fixed() {
        replay("regressions");
    }
}
