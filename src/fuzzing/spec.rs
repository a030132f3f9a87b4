//! The link file, app.yaml and image references: what they accept, they print back the same.

use std::path::Path;
use std::sync::LazyLock;

use super::text;
use crate::link;
use crate::spec::AppSpec;
use crate::spec::image::{self, ImageRef};

/// `ungleich-django.yaml`: a file that loads renders (as `init` writes it) to a file that loads
/// to the same link, every environment included.
pub(super) fn link_file(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let path = Path::new(link::FILE_NAME);
    let Ok(parsed) = link::parse(path, text).map(|file| file.link) else {
        return;
    };
    let rendered = link::render(&parsed);
    let again = link::parse(path, &rendered)
        .map(|file| file.link)
        .unwrap_or_else(|e| panic!("the rendered link file does not load: {e}\n{rendered}"));
    // Compared as values: the environments' places in the file differ, their contents must not.
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        serde_json::to_value(&again).unwrap(),
        "the link file changed in a round trip through\n{rendered}"
    );
    assert_eq!(link::render(&again), rendered, "rendering is not stable");
}

/// `app.yaml`: a spec that parses renders (as `init` writes it) to a spec that parses equal.
pub(super) fn app_spec(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let path = Path::new(crate::spec::FILE_NAME);
    let Ok(parsed) = AppSpec::parse(path, text) else {
        return;
    };
    let rendered = crate::spec::render(&parsed);
    let again = AppSpec::parse(path, &rendered)
        .unwrap_or_else(|e| panic!("the rendered app.yaml does not parse: {e}\n{rendered}"));
    assert_eq!(
        parsed, again,
        "app.yaml changed in a round trip through\n{rendered}"
    );
}

/// An image reference that parses prints as the same text, parses back equal, and is exactly
/// what the schema's pattern (which helm checks) accepts.
pub(super) fn image_ref(data: &[u8]) {
    let Some(text) = text(data) else { return };
    static PATTERN: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(image::PATTERN).expect("the pattern compiles"));
    let pattern = &*PATTERN;
    match ImageRef::parse(text) {
        Ok(parsed) => {
            assert_eq!(parsed.to_string(), text, "printed differently");
            assert_eq!(ImageRef::parse(&parsed.to_string()).as_ref(), Ok(&parsed));
            // The pattern cannot say the name's 255 characters; parse does.
            assert!(
                pattern.is_match(text),
                "parse accepts `{text}`, the schema not"
            );
            if let Some(tag) = &parsed.tag {
                let retagged = parsed.with_tag(tag).expect("its own tag is valid");
                assert_eq!(retagged.tag.as_deref(), Some(tag.as_str()));
                assert_eq!(retagged.name, parsed.name);
            }
        }
        Err(message) => {
            assert!(
                !pattern.is_match(text) || message.contains("longer than 255 characters"),
                "the schema accepts `{text}`, parse not: {message}"
            );
        }
    }
}
