//! One module per command, each with a `run` that takes the [`Context`](crate::context::Context)
//! and, when the command has options, its plain `Settings` (built from the clap arguments in
//! `app`); it calls the domain modules, tells the user what happened through the context's printer
//! and returns the exit code. Errors go back to `app`, which classifies and renders them.

pub mod completions;
pub mod config;
pub mod cron;
pub mod db;
pub mod deploy;
pub mod dev;
pub mod doctor;
pub mod domains;
pub mod environments;
pub mod init;
pub mod logs;
pub mod open;
pub mod promote;
pub mod restart;
pub mod rollback;
pub mod run;
pub mod scale;
pub mod schema;
pub mod secret;

pub mod status;
pub mod version;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The rooms stay apart: only `app` dispatches to commands, and no command reaches into
    /// another (what two commands share belongs in a domain module or `ui`).
    #[test]
    fn only_app_imports_commands_and_no_command_imports_another() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        visit(&src, &mut |path, text| {
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // app dispatches; this file declares the commands (and holds this test's patterns).
            if rel == "app.rs" || rel == "commands/mod.rs" {
                return;
            }
            let own = rel
                .strip_prefix("commands/")
                .and_then(|r| r.split(['/', '.']).next())
                .unwrap_or("");
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                let mut rest = line;
                while let Some(at) = rest.find("crate::commands::") {
                    rest = &rest[at + "crate::commands::".len()..];
                    let target: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if target != own {
                        offenders.push(format!("{rel}: crate::commands::{target}"));
                    }
                }
                if rel.starts_with("commands/") && line.contains("super::super::") {
                    offenders.push(format!("{rel}: super::super::"));
                }
            }
        });
        assert!(offenders.is_empty(), "imports across rooms: {offenders:#?}");
    }

    fn visit(dir: &Path, f: &mut dyn FnMut(&Path, &str)) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, f);
            } else if path.extension().is_some_and(|e| e == "rs") {
                f(&path, &std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}
