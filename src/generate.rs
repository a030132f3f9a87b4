//! The files generated from the code: shell completions, man pages, and the JSON Schemas of
//! app.yaml, the link file and the chart's values.
//!
//! Pure functions returning bytes; the freshness test compares them with the committed files in
//! `completions/`, `man/`, `schemas/` and `chart/`, and writes them when `UNGLEICH_UPDATE_GENERATED=1`.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The date the man pages carry; bumped with the version so that regenerating is deterministic.
pub const MAN_DATE: &str = "2026-11-26";

/// The command that regenerates every generated file.
pub const REGENERATE_COMMAND: &str = "UNGLEICH_UPDATE_GENERATED=1 cargo test --test it generated";

/// The shells we ship completions for, with their file names in `completions/`.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "ungleich-django.bash"),
    (Shell::Zsh, "_ungleich-django"),
    (Shell::Fish, "ungleich-django.fish"),
    (Shell::Elvish, "ungleich-django.elv"),
    (Shell::PowerShell, "_ungleich-django.ps1"),
];

/// The environment variable that asks the binary to complete instead of run: the scripts of
/// bash, zsh and fish call `UNGLEICH_DJANGO_COMPLETE=bash ungleich-django -- WORDS...`. Not
/// clap's default `COMPLETE`, which a CI system may well set for a reason of its own.
pub const COMPLETE_VAR: &str = "UNGLEICH_DJANGO_COMPLETE";

/// The completion script for `shell`. bash, zsh and fish get the registration of clap's dynamic
/// engine: on each Tab they ask the binary on PATH, which knows the app's secret keys, deploys
/// and pods (`complete`). elvish and PowerShell get clap's static script (commands and flags).
#[must_use]
pub fn completion(shell: Shell) -> Vec<u8> {
    use clap_complete::env::EnvCompleter;
    let dynamic: Option<&dyn EnvCompleter> = match shell {
        Shell::Bash => Some(&clap_complete::env::Bash),
        Shell::Zsh => Some(&clap_complete::env::Zsh),
        Shell::Fish => Some(&clap_complete::env::Fish),
        _ => None,
    };
    let mut out = Vec::new();
    let Some(dynamic) = dynamic else {
        clap_complete::generate(shell, &mut Cli::command(), BIN, &mut out);
        return out;
    };
    dynamic
        .write_registration(COMPLETE_VAR, BIN, BIN, BIN, &mut out)
        .expect("writing into a Vec cannot fail");
    if shell == Shell::Zsh {
        out.extend_from_slice(ZSH_AUTOLOAD.as_bytes());
    }
    out
}

const BIN: &str = "ungleich-django";

/// The zsh registration defines the completer and binds it with `compdef` when sourced. From
/// `fpath` (where packages put `_ungleich-django`) compinit autoloads the file as the function
/// itself on the first Tab; this line lets that first Tab complete too, as clap's static zsh
/// script does.
const ZSH_AUTOLOAD: &str = "\nif [ \"${funcstack[1]}\" = \"_ungleich-django\" ]; then\n    _clap_dynamic_completer_ungleich_django \"$@\"\nfi\n";

/// Every man page as (file name, contents): one for the program and one for each command and
/// subcommand, named as git names its pages (`ungleich-django-secret-set.1`).
#[must_use]
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, pages);
        }
        let man = clap_mangen::Man::new(cmd)
            .date(MAN_DATE)
            .manual("ungleich-django manual")
            .source(concat!("ungleich-django ", env!("CARGO_PKG_VERSION")));
        let mut out = Vec::new();
        man.render(&mut out)
            .expect("rendering into a Vec cannot fail");
        pages.push((man.get_filename(), tidy_roff(&out)));
    }
    // The plain version: the pages must not change with every commit (`--version` names it).
    let mut cmd = Cli::command()
        .version(env!("CARGO_PKG_VERSION"))
        .disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(cmd, &mut pages);
    pages.sort();
    pages
}

/// clap_mangen separates possible values with `.br`, an empty line and `.br` again, which mandoc
/// flags (a break next to a paragraph break); one paragraph break says the same.
fn tidy_roff(roff: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(roff)
        .replace("\n.br\n\n.br\n", "\n.sp\n")
        .into_bytes()
}

/// The JSON Schema of `app.yaml`, pretty-printed, ending in a newline.
#[must_use]
pub fn app_schema_json() -> String {
    let mut text =
        serde_json::to_string_pretty(&crate::spec::schema()).expect("a schema always serialises");
    text.push('\n');
    text
}

/// The JSON Schema of the link file, pretty-printed, ending in a newline.
#[must_use]
pub fn link_schema_json() -> String {
    let mut text =
        serde_json::to_string_pretty(&crate::link::schema()).expect("a schema always serialises");
    text.push('\n');
    text
}

/// `chart/values.schema.json`: what helm checks the chart's values against, so that helm rejects
/// what the CLI rejects.
#[must_use]
pub fn chart_values_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&crate::spec::chart_values_schema())
        .expect("a schema always serialises");
    text.push('\n');
    text
}
