//! Editor support: the files init writes name, on their first line, a JSON Schema it writes
//! next to them, so yaml-language-server (VS Code, Neovim) validates them as the user types. A
//! validator that reads that line as the language server does (python-jsonschema, from the
//! chart tests' venv) flags a misspelt key before any command runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Outcome, TestEnv, tools};

/// What an editor with yaml-language-server reports for `file`: the `$schema` of its first
/// line, resolved next to the file, checked against the file's YAML; one error a line.
fn editor_errors(file: &Path) -> Vec<String> {
    let python = tools::tools_dir().join("venv-kubeval/bin/python");
    assert!(
        python.is_file(),
        "this test needs python-jsonschema in .tools/venv-kubeval: run `bash .ci/install`"
    );
    let script = r##"
import json, os, sys, yaml, jsonschema
path = sys.argv[1]
first = open(path).readline()
prefix = "# yaml-language-server: $schema="
assert first.startswith(prefix), first
schema = json.load(open(os.path.join(os.path.dirname(path), first[len(prefix):].strip())))
cls = jsonschema.validators.validator_for(schema)
for e in cls(schema).iter_errors(yaml.safe_load(open(path))):
    print(e.message)
"##;
    let out = Command::new(python)
        .args(["-c", script])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn first_line(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

fn init(env: &TestEnv, proj: &Path) -> Outcome {
    Outcome::of(
        env.cmd_in(
            proj,
            &[
                "init",
                "--yes",
                "--app",
                "shop",
                "--deploy-repo",
                ".",
                "--deploy-path",
                "deploy/",
                "--host",
                "shop.example.com",
            ],
        ),
        None,
    )
}

#[test]
fn init_writes_schemas_that_editors_find_and_that_flag_a_misspelt_key() {
    let env = TestEnv::new();
    let proj = crate::init::poetry_project(&env);
    env.git(&proj, &["init", "-q"]);
    init(&env, &proj).success();
    let app_yaml = proj.join("deploy/app.yaml");
    let link = proj.join("ungleich-django.yaml");
    assert_eq!(
        first_line(&app_yaml),
        "# yaml-language-server: $schema=.ungleich-django/app.schema.json"
    );
    assert_eq!(
        first_line(&link),
        "# yaml-language-server: $schema=.ungleich-django/link.schema.json"
    );
    // The schemas are the ones `schema` prints, committed with app.yaml.
    let schema_of = |args: &[&str]| env.run(args).success().stdout.clone();
    let app_schema: PathBuf = proj.join("deploy/.ungleich-django/app.schema.json");
    let link_schema: PathBuf = proj.join(".ungleich-django/link.schema.json");
    assert_eq!(
        std::fs::read_to_string(&app_schema).unwrap(),
        schema_of(&["schema"])
    );
    assert_eq!(
        std::fs::read_to_string(&link_schema).unwrap(),
        schema_of(&["schema", "--link-file"])
    );
    let committed = env.git(&proj, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        committed.contains("deploy/.ungleich-django/app.schema.json"),
        "{committed}"
    );

    // As written, both files are valid; a misspelt key is flagged, by its name.
    assert_eq!(editor_errors(&app_yaml), Vec::<String>::new());
    assert_eq!(editor_errors(&link), Vec::<String>::new());
    let text = std::fs::read_to_string(&app_yaml).unwrap();
    std::fs::write(&app_yaml, format!("{text}imgae: shop:2\n")).unwrap();
    let errors = editor_errors(&app_yaml);
    assert!(errors.iter().any(|e| e.contains("'imgae'")), "{errors:?}");
    std::fs::write(&app_yaml, &text).unwrap();
    let link_text = std::fs::read_to_string(&link).unwrap();
    std::fs::write(&link, link_text.replace("namespace:", "namspace:")).unwrap();
    let errors = editor_errors(&link);
    assert!(
        errors.iter().any(|e| e.contains("'namspace'")),
        "{errors:?}"
    );
    std::fs::write(&link, &link_text).unwrap();

    // Editing app.yaml keeps the line, as it keeps every comment.
    Outcome::of(
        env.cmd_in(
            &proj,
            &[
                "deploy",
                "--image",
                "registry.example.com/acme/shop:1.1",
                "--no-wait",
            ],
        ),
        None,
    )
    .success();
    assert_eq!(
        first_line(&app_yaml),
        "# yaml-language-server: $schema=.ungleich-django/app.schema.json"
    );
    assert!(
        std::fs::read_to_string(&app_yaml)
            .unwrap()
            .contains("shop:1.1")
    );
}

#[test]
fn files_written_before_the_schema_line_keep_working_and_are_kept() {
    let env = TestEnv::new();
    let proj = crate::init::poetry_project(&env);
    env.git(&proj, &["init", "-q"]);
    init(&env, &proj).success();
    let link = proj.join("ungleich-django.yaml");
    let text = std::fs::read_to_string(&link).unwrap();
    let (_, older) = text.split_once('\n').unwrap();
    std::fs::write(&link, older).unwrap();
    init(&env, &proj).success();
    assert_eq!(std::fs::read_to_string(&link).unwrap(), older);
    Outcome::of(env.cmd_in(&proj, &["rollback", "--list"]), None).success();
}
