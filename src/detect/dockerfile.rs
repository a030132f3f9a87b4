//! What an existing Dockerfile tells: its base image, its work directory, and whether it already
//! uses one of the contract's paths (s6-overlay images run `/init` as their ENTRYPOINT).

use std::path::Path;

use serde::Serialize;

/// An existing Dockerfile, which init never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExistingDockerfile {
    /// Its path, relative to the root.
    pub path: String,
    /// The last `WORKDIR` of the last stage.
    pub workdir: Option<String>,
    /// The contract paths the image already uses for something else.
    pub taken_paths: Vec<String>,
    /// The image is built on s6-overlay.
    pub s6_overlay: bool,
}

/// Reads `Dockerfile` (or `docker/Dockerfile`) when there is one.
#[must_use]
pub fn read(root: &Path) -> Option<ExistingDockerfile> {
    let path = ["Dockerfile", "docker/Dockerfile", "Containerfile"]
        .iter()
        .find(|p| root.join(p).is_file())?;
    let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
    Some(parse(path, &text))
}

fn parse(path: &str, text: &str) -> ExistingDockerfile {
    let mut workdir = None;
    let mut taken = Vec::new();
    let s6_overlay = text.contains("s6-overlay") || text.contains("S6_");
    // Join continuation lines so an instruction is one line.
    let joined = text.replace("\\\n", " ");
    for line in joined.lines() {
        let line = line.trim();
        let (instruction, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        match instruction.to_ascii_uppercase().as_str() {
            "FROM" => workdir = None,
            "WORKDIR" => workdir = Some(rest.trim_matches('"').to_owned()),
            // `COPY ungleich/init /init` is ours (a generated Dockerfile, or the lines init printed).
            "COPY" | "ADD" if rest.contains("ungleich/") => {}
            "ENTRYPOINT" | "CMD" | "COPY" | "ADD" => {
                for contract in ["/init", "/run", "/async"] {
                    let used = rest
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']')
                        .any(|w| w.trim_matches('"') == contract);
                    if used && !taken.iter().any(|t| t == contract) {
                        taken.push(contract.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    if s6_overlay && !taken.iter().any(|t| t == "/init") {
        taken.push("/init".to_owned());
    }
    ExistingDockerfile {
        path: path.to_owned(),
        workdir,
        taken_paths: taken,
        s6_overlay,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s6_overlay_entrypoint_takes_init() {
        let text = "FROM python:3.12-slim AS build\nWORKDIR /build\nFROM python:3.12-slim\nARG S6_OVERLAY_VERSION=3.2\nWORKDIR /usr/src/paperless/src\nENTRYPOINT [\"/init\"]\n";
        let d = parse("Dockerfile", text);
        assert_eq!(d.workdir.as_deref(), Some("/usr/src/paperless/src"));
        assert_eq!(d.taken_paths, ["/init"]);
        assert!(d.s6_overlay);
    }

    #[test]
    fn a_plain_dockerfile_takes_nothing() {
        let d = parse(
            "Dockerfile",
            "FROM python:3.12\nWORKDIR /app\nCMD [\"gunicorn\", \"proj.wsgi\"]\n",
        );
        assert!(d.taken_paths.is_empty());
        assert!(!d.s6_overlay);
    }
}
