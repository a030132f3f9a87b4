#![no_main]
// The property lives in the library, where `cargo test` replays this target's corpus too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| ungleich_django::fuzzing::run("known_hosts", data));
