//! The files generated from the code: shell completions, man pages, the JSON Schemas of app.yaml,
//! the link file and the chart's values, and the chart's staging RBAC example, made from its
//! production one.
//!
//! Pure functions returning bytes; the freshness test compares them with the committed files in
//! `completions/`, `man/`, `schemas/` and `chart/`, and writes them when
//! `UNGLEICH_UPDATE_GENERATED=1`.

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

/// The chart example generated from `chart/examples/rbac.yaml`.
pub const STAGING_RBAC_PATH: &str = "chart/examples/environments/rbac-staging.yaml";

/// What the staging RBAC example says before its Roles, which are generated.
const STAGING_RBAC_HEADER: &str = "\
# GENERATED from ../rbac.yaml (`UNGLEICH_UPDATE_GENERATED=1 cargo test --test it generated`):
# edit that file, never this one. The staging environment's RBAC: the Roles and RoleBindings of
# ../rbac.yaml in the app's namespace, with the app shop renamed shop-staging (its namespace,
# its Application, the Roles' names). Apply both files: `environments`, `status --all-envs`,
# `secret list --all-envs` and `promote staging production` read both namespaces and both
# Applications; promote reads the pods of staging (their imageID) and follows the release in
# production. The Role in kube-system of ../rbac.yaml (the sealing certificate) serves every
# environment, so it is not repeated here.
#
";

/// The staging RBAC example from the production one (`rbac`, the text of
/// `chart/examples/rbac.yaml`): every document outside `kube-system`, each name `shop` (a whole
/// word or the end of one: `ungleich-django-shop`) as `shop-staging`, under a header that says
/// so. One source for both, so that a rule added for production cannot be missing in staging.
#[must_use]
pub fn staging_rbac(rbac: &str) -> String {
    let documents: Vec<&str> = rbac
        .split("\n---\n")
        .filter(|doc| !doc.contains("namespace: kube-system"))
        .collect();
    let mut out = String::from(STAGING_RBAC_HEADER);
    out.push_str(&rename_app(
        &documents.join("\n---\n"),
        "shop",
        "shop-staging",
    ));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// `text` with each `from` that is a name or begins one of the app's own (not followed by a
/// letter, digit or `'`) replaced by `to`: `namespace: shop`, `[shop]`, `ungleich-django-shop`
/// and the app's objects `shop-platform` and `shop-web` change; `shop's` and `shopping` do not.
fn rename_app(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let after = rest[at + from.len()..].chars().next();
        let before = rest[..at].chars().next_back();
        let ends_name = !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '\'');
        let starts_ok = !before.is_some_and(|c| c.is_ascii_alphanumeric());
        out.push_str(&rest[..at]);
        out.push_str(if ends_name && starts_ok { to } else { from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_rbac_renames_the_app_and_leaves_kube_system_out() {
        let rbac = "# shop's roles, for the shop\nkind: Role\nmetadata:\n  name: ungleich-django-shop\n  namespace: shop\nrules:\n  - resourceNames: [shop]\n    resources: [shop-web, shopping]\n---\nkind: Role\nmetadata:\n  namespace: kube-system\n";
        let out = staging_rbac(rbac);
        let body = out.strip_prefix(STAGING_RBAC_HEADER).unwrap();
        assert_eq!(
            body,
            "# shop's roles, for the shop-staging\nkind: Role\nmetadata:\n  name: ungleich-django-shop-staging\n  namespace: shop-staging\nrules:\n  - resourceNames: [shop-staging]\n    resources: [shop-staging-web, shopping]\n"
        );
    }
}
