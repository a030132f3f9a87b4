//! The parts of `status` for people: certificates, deployments, warnings and pods as tables.

use super::*;

/// One line per host under `hosts`: its certificate's state, and why it is not ready yet.
pub(super) fn show_certificates(p: &Printer, certs: &[HostCertificate]) -> io::Result<()> {
    if let Some(unknown) = certs.iter().find(|c| c.state == CertState::Unknown) {
        let reason = unknown.reason.as_deref().unwrap_or("cannot be read");
        return p.data(format!("  certs    unknown: {reason}"));
    }
    for c in certs {
        let detail = c.reason.as_deref().unwrap_or("");
        let line = match c.state {
            CertState::Ready => format!(
                "ready, expires {}",
                c.not_after.as_deref().unwrap_or("(not reported)")
            ),
            CertState::Pending => format!("pending: {detail}"),
            CertState::Missing | CertState::Unknown => format!("none: {detail}"),
        };
        p.data(format!("  cert     {}: {line}", c.host))?;
    }
    Ok(())
}

pub(super) fn show_deployments(p: &Printer, report: &Report<'_>) -> io::Result<()> {
    for d in &report.cluster.deployments {
        let component = d.name.trim_start_matches(&format!("{}-", report.app));
        let mut drift = match (&d.image, report.desired_image) {
            (Some(have), Some(want)) if have != want => " (not yet the desired image)".to_owned(),
            _ => String::new(),
        };
        // The ready count includes old pods: say which image the ready ones run when it is
        // not the template's, or `1/1 ready, :2` would hide that `:1` serves.
        let ready_images: Vec<String> = report
            .cluster
            .pods
            .iter()
            .filter(|p| p.component == component && p.status == "Running")
            .filter_map(|p| p.image.clone())
            .filter(|i| Some(i) != d.image.as_ref())
            .collect();
        if !ready_images.is_empty() && drift.is_empty() {
            let mut shown: Vec<String> = ready_images
                .iter()
                .map(|i| short_image(i, report.desired_image))
                .collect();
            shown.dedup();
            drift = format!(" (ready pods run {})", shown.join(", "));
        }
        p.data(format!(
            "{:<10} {}/{} ready, {}{}",
            component,
            d.ready,
            d.desired,
            d.image.as_deref().unwrap_or("?"),
            drift,
        ))?;
        p.data(format!("{:<10} {}", "  sizes", sizes(&d.resources)))?;
    }
    Ok(())
}

pub(super) fn show_warnings(p: &Printer, warnings: &[Warning]) -> io::Result<()> {
    for (i, w) in warnings.iter().enumerate() {
        let ago = w
            .last_seen
            .parse::<jiff::Timestamp>()
            .map(|t| {
                format!(
                    "{} ago ",
                    age((jiff::Timestamp::now() - t).get_seconds().max(0))
                )
            })
            .unwrap_or_default();
        let label = if i == 0 { "warnings" } else { "" };
        p.data(format!("{label:<10} {ago}{}", w.describe()))?;
    }
    Ok(())
}

/// The pods as kubectl lists them, with the image each runs (short next to app.yaml's).
pub(super) fn show_pods(p: &Printer, pods: &[PodStatus], desired: Option<&str>) -> io::Result<()> {
    let width =
        |f: fn(&PodStatus) -> usize, min: usize| pods.iter().map(f).max().unwrap_or(0).max(min);
    let name_w = width(|p| p.name.len(), 40);
    let status_w = width(|p| p.status.len() + 1, 9);
    p.data(format!(
        "{:<name_w$} {:<10} {:<6} {:<status_w$} {:<9} {:<5} IMAGE",
        "POD", "COMPONENT", "READY", "STATUS", "RESTARTS", "AGE"
    ))?;
    for pod in pods {
        let image = pod
            .image
            .as_deref()
            .map_or_else(|| "?".to_owned(), |i| short_image(i, desired));
        p.data(format!(
            "{:<name_w$} {:<10} {:<6} {:<status_w$} {:<9} {:<5} {image}",
            pod.name,
            pod.component,
            pod.ready,
            pod.status,
            pod.restarts,
            age(pod.age_seconds)
        ))?;
    }
    Ok(())
}

pub(super) fn age(seconds: i64) -> String {
    match seconds {
        s if s < 120 => format!("{s}s"),
        s if s < 7200 => format!("{}m", s / 60),
        s if s < 172_800 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86400),
    }
}

/// The container's resources as the hoster set them: `requests cpu 250m, memory 256Mi; limits
/// memory 512Mi`.
pub(super) fn sizes(resources: &serde_json::Value) -> String {
    let part = |kind: &str| {
        let values = resources.get(kind)?.as_object()?;
        let items: Vec<String> = values
            .iter()
            .map(|(name, value)| {
                format!(
                    "{name} {}",
                    value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned)
                )
            })
            .collect();
        (!items.is_empty()).then(|| format!("{kind} {}", items.join(", ")))
    };
    let parts: Vec<String> = ["requests", "limits"]
        .into_iter()
        .filter_map(part)
        .collect();
    if parts.is_empty() {
        "none set (the cluster's defaults apply)".to_owned()
    } else {
        parts.join("; ")
    }
}
