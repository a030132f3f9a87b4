//! Running the binary on a real terminal (`script` gives it one) and answering one prompt, for
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
    type_once(env, dir, args, prompt, &format!("{answer}\r"))
}

/// Runs `args` on a terminal, waits for `seen`, presses Ctrl-C (the terminal turns it into
/// SIGINT, as for a person), and returns what the terminal showed once the command has ended.
pub fn interrupt_once(env: &TestEnv, dir: &Path, args: &[&str], seen: &str) -> Session {
    type_once(env, dir, args, seen, "\x03")
}

/// Runs `args` on a terminal, waits for `prompt`, types `keys`.
fn type_once(env: &TestEnv, dir: &Path, args: &[&str], prompt: &str, keys: &str) -> Session {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_ungleich-django"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    // A person's terminal has a size and a TERM; `script` without a terminal of its own gives
    // the new one neither.
    let shell = format!(
        "stty cols 100 rows 30 2>/dev/null; TERM=xterm exec {}",
        quoted.join(" ")
    );
    let mut child = env
        .program(
            require("timeout"),
            &["60", "script", "-qec", &shell, "/dev/null"],
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
    let deadline = Instant::now() + Duration::from_secs(30);
    while !output.lock().unwrap().contains(prompt) {
        assert!(
            Instant::now() < deadline,
            "no `{prompt}` prompt: {}",
            output.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(keys.as_bytes()).unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let output = output.lock().unwrap().clone();
    Session {
        success: status.success(),
        output,
    }
}
