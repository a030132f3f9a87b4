//! Who the user is to git, for records that are not commits (the annotation on a one-off run
//! that says who started it).

/// `Name <email>` as git would name the author of a commit made now: `GIT_AUTHOR_NAME` and
/// `GIT_AUTHOR_EMAIL`, else `user.name` and `user.email` from git's configuration (read where git
/// reads it, `GIT_CONFIG_GLOBAL` included); `None` when
/// git knows neither.
#[must_use]
pub fn author() -> Option<String> {
    let config = super::config::user().ok();
    let get = |env: &str, key: &str| {
        std::env::var(env)
            .ok()
            .filter(|v| !v.is_empty())
            .or_else(|| config.as_ref().and_then(|c| c.get_string(key).ok()))
    };
    match (
        get("GIT_AUTHOR_NAME", "user.name"),
        get("GIT_AUTHOR_EMAIL", "user.email"),
    ) {
        (Some(name), Some(email)) => Some(format!("{name} <{email}>")),
        (Some(name), None) => Some(name),
        (None, Some(email)) => Some(format!("<{email}>")),
        (None, None) => None,
    }
}
