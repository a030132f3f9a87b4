//! Which keys the secret commands accept: environment variable names, each once, and none the
//! platform sets itself.

use super::SecretsError;

/// Rejects names that are not environment variable names, and names given twice. Invalid
/// input, exit 3, whichever command and however the key was given; never shows an invalid name,
/// which may be a value: it is named by its argument's position instead.
///
/// # Errors
/// The first invalid or repeated name.
pub fn validate(keys: &[String]) -> Result<(), SecretsError> {
    let positions: Vec<usize> = (1..=keys.len()).collect();
    validate_at(keys, &positions)
}

/// As [`validate`], where `positions[i]` is the 1-based command-line argument `keys[i]` came
/// from (`secret set A - B=x`: 1 and 3).
///
/// # Errors
/// As [`validate`].
pub fn validate_at(keys: &[String], positions: &[usize]) -> Result<(), SecretsError> {
    for (i, key) in keys.iter().enumerate() {
        crate::seal::keys::check_name(key).map_err(|reason| {
            let position = positions.get(i).copied().unwrap_or(i + 1);
            SecretsError::BadKey {
                reason: format!("the key in argument {position} {reason}"),
            }
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
