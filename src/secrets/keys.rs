//! Which keys the secret commands accept: environment variable names, each once, and none the
//! platform sets itself.

use super::SecretsError;

/// Rejects names that are not environment variable names, and names given twice. Invalid
/// input, exit 3, whichever command and however the key was given; never shows a value.
///
/// # Errors
/// The first invalid or repeated name.
pub fn validate(keys: &[String]) -> Result<(), SecretsError> {
    for (i, key) in keys.iter().enumerate() {
        crate::seal::keys::check_name(key).map_err(|reason| {
            // A key the message does not show is found by its position.
            let reason = match reason.strip_prefix("the key ") {
                Some(rest) if keys.len() > 1 => format!("key {} of {} {rest}", i + 1, keys.len()),
                _ => reason,
            };
            SecretsError::BadKey { reason }
        })?;
        if keys[..i].contains(key) {
            return Err(SecretsError::RepeatedKey { key: key.clone() });
        }
    }
    Ok(())
}

/// Refuses keys the platform sets itself: the chart sets them as explicit `env`, which wins over
/// the `envFrom` of `<app>-env`, so such a secret would be silently ignored.
///
/// # Errors
/// Naming every such key, before anything is read or sealed.
pub fn refuse_platform_owned(keys: &[String]) -> Result<(), SecretsError> {
    let owned = crate::seal::keys::platform_owned(keys.iter().map(String::as_str));
    if owned.is_empty() {
        return Ok(());
    }
    Err(SecretsError::PlatformKeys {
        reason: crate::seal::keys::platform_owned_reason(&owned),
    })
}
