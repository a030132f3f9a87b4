//! The table of every environment (`environments`, `status --all-envs`): one row each, the
//! running image shortened against the desired one, and a line for each that could not be read.

use std::fmt::Write as _;

use crate::cluster::verdict::short_image;
use crate::environments::EnvironmentRow;

/// The table, then one `ENV: problem` line per environment that could not be read in full.
#[must_use]
pub fn table(rows: &[EnvironmentRow]) -> String {
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            let desired = r.desired_image.clone();
            let running = if r.running_images.is_empty() {
                "-".to_owned()
            } else {
                r.running_images
                    .iter()
                    .map(|i| short_image(i, desired.as_deref()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            [
                r.environment.clone(),
                r.app.clone(),
                r.namespace.clone(),
                desired.unwrap_or_else(|| "-".to_owned()),
                running,
                r.sync.clone().unwrap_or_else(|| "-".to_owned()),
                r.health.clone().unwrap_or_else(|| "-".to_owned()),
                r.pods.clone().unwrap_or_else(|| "-".to_owned()),
            ]
        })
        .collect();
    let header = [
        "ENVIRONMENT",
        "APP",
        "NAMESPACE",
        "DESIRED",
        "RUNNING",
        "SYNC",
        "HEALTH",
        "PODS",
    ];
    let mut widths = header.map(str::len);
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[&str]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        let _ = writeln!(out, "{}", padded.join("  ").trim_end());
    };
    line(&mut out, &header);
    for row in &cells {
        line(&mut out, &row.each_ref().map(String::as_str));
    }
    for r in rows {
        if let Some(problem) = &r.problem {
            let _ = writeln!(out, "{}: {problem}", r.environment);
        }
    }
    out
}
