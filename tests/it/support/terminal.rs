//! Running the binary on a real terminal (`script` gives it one) and answering its prompts, for
//! the behaviour that only exists when a person is at the keyboard.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::TestEnv;
use super::tools::require;

/// What the terminal showed and whether the command succeeded.
pub struct Session {
    pub success: bool,
    /// The exit code; `None` after a signal.
    pub code: Option<i32>,
    pub output: String,
}

/// Runs `args` of the binary in `dir` on a terminal, waits for `prompt`, types `answer` and
/// Enter, and returns everything the terminal showed once the command has ended.
pub fn answer_once(
    env: &TestEnv,
    dir: &Path,
    args: &[&str],
    prompt: &str,
    answer: &str,
) -> Session {
    converse(env, dir, args, &[(prompt, answer)])
}

/// Runs `args` on a terminal, waits for `seen`, presses Ctrl-C (the terminal turns it into
/// SIGINT, as for a person), and returns what the terminal showed once the command has ended.
pub fn interrupt_once(env: &TestEnv, dir: &Path, args: &[&str], seen: &str) -> Session {
    type_keys(
        env,
        dir,
        Path::new(env!("CARGO_BIN_EXE_ungleich-django")),
        args,
        &[(seen, "\x03")],
    )
}

/// Runs `args` of the binary in `dir` on a terminal and, for each `(prompt, answer)` in turn,
/// waits until `prompt` shows after the previous one, then types `answer` and Enter; returns
/// everything the terminal showed once the command has ended.
pub fn converse(env: &TestEnv, dir: &Path, args: &[&str], dialogue: &[(&str, &str)]) -> Session {
    converse_program(
        env,
        dir,
        Path::new(env!("CARGO_BIN_EXE_ungleich-django")),
        args,
        dialogue,
    )
}

/// As [`converse`], for any `program` (the binary under gdb, say).
pub fn converse_program(
    env: &TestEnv,
    dir: &Path,
    program: &Path,
    args: &[&str],
    dialogue: &[(&str, &str)],
) -> Session {
    let typed: Vec<(&str, String)> = dialogue
        .iter()
        .map(|(prompt, answer)| (*prompt, format!("{answer}\r")))
        .collect();
    let typed: Vec<(&str, &str)> = typed.iter().map(|(p, k)| (*p, k.as_str())).collect();
    type_keys(env, dir, program, args, &typed)
}

/// Runs `program args...` on a terminal of 100x30 with `TERM=xterm` (`script` alone gives the
/// new terminal neither, and a person's has both) and, for each `(prompt, keys)` in turn, waits
/// until `prompt` shows after the previous one and types `keys` as they are.
fn type_keys(
    env: &TestEnv,
    dir: &Path,
    program: &Path,
    args: &[&str],
    dialogue: &[(&str, &str)],
) -> Session {
    let program = program.to_string_lossy();
    let quoted: Vec<String> = std::iter::once(program.as_ref())
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let shell = format!(
        "stty cols 100 rows 30 2>/dev/null; TERM=xterm exec {}",
        quoted.join(" ")
    );
    let mut child = env
        .program(
            require("timeout"),
            &["120", "script", "-qec", &shell, "/dev/null"],
        )
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let output = Arc::new(Mutex::new(String::new()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = {
        let output = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 1024];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                output
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    let mut seen_up_to = 0;
    for (prompt, keys) in dialogue {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let shown = output.lock().unwrap();
            if let Some(at) = shown[seen_up_to..].find(prompt) {
                seen_up_to += at + prompt.len();
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no `{prompt}` prompt after what was answered before: {shown}"
            );
            drop(shown);
            std::thread::sleep(Duration::from_millis(50));
        }
        // The prompt is drawn before the terminal is read from: let it get there.
        std::thread::sleep(Duration::from_millis(100));
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let output = output.lock().unwrap().clone();
    Session {
        success: status.success(),
        code: status.code(),
        output,
    }
}

/// A process's memory as it calls `exit_group`: every thread still there, nothing unmapped.
pub struct CoreAtExit {
    /// The core dump gdb wrote at that moment.
    pub core: Vec<u8>,
    /// What the terminal (or gdb's output) showed.
    pub output: String,
}

impl CoreAtExit {
    /// True when `needle` is anywhere in the process's memory.
    pub fn holds(&self, needle: &[u8]) -> bool {
        self.core.windows(needle.len()).any(|w| w == needle)
    }
}

/// Runs `args` of the binary in `dir` under gdb, which dumps its memory (`gcore`) when it calls
/// `exit_group`. On a terminal (`script`) when `dialogue` is given, each prompt answered as it
/// shows; else with `stdin` piped in.
pub fn core_at_exit(
    env: &TestEnv,
    dir: &Path,
    args: &[&str],
    dialogue: Option<&[(&str, &str)]>,
    stdin: &[u8],
) -> CoreAtExit {
    let core_path = env.root().join("core-at-exit");
    let gcore = format!("gcore {}", core_path.display());
    let mut gdb: Vec<&str> = vec![
        "-q",
        "-batch",
        "-ex",
        "catch syscall exit_group",
        "-ex",
        "run",
        "-ex",
        &gcore,
        "-ex",
        "continue",
        "--args",
        env!("CARGO_BIN_EXE_ungleich-django"),
    ];
    gdb.extend(args);
    let gdb_path = require("gdb");
    let output = match dialogue {
        None => {
            let mut child = env
                .program(&gdb_path, &gdb)
                .current_dir(dir)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut pipe = child.stdin.take().unwrap();
            let stdin = stdin.to_vec();
            let writer = std::thread::spawn(move || {
                let _ = pipe.write_all(&stdin);
            });
            let out = child.wait_with_output().unwrap();
            writer.join().unwrap();
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        }
        Some(dialogue) => converse_program(env, dir, &gdb_path, &gdb, dialogue).output,
    };
    let core = std::fs::read(&core_path)
        .unwrap_or_else(|e| panic!("gdb wrote no core dump ({e}): {output}"));
    CoreAtExit { core, output }
}
