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

/// Runs `args` of the binary in `dir` on a terminal and, for each `(prompt, answer)` in turn,
/// waits until `prompt` shows after the previous one, then types `answer` and Enter; returns
/// everything the terminal showed once the command has ended.
pub fn converse(env: &TestEnv, dir: &Path, args: &[&str], dialogue: &[(&str, &str)]) -> Session {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_ungleich-django"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let mut child = env
        .program(
            require("timeout"),
            &["60", "script", "-qec", &quoted.join(" "), "/dev/null"],
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
    for (prompt, answer) in dialogue {
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
        stdin.write_all(answer.as_bytes()).unwrap();
        stdin.write_all(b"\r").unwrap();
        stdin.flush().unwrap();
    }
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let output = output.lock().unwrap().clone();
    Session {
        success: status.success(),
        output,
    }
}
