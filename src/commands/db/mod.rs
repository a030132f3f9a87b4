//! `db dump`, `db restore`, `db shell`, `db dumps`: the app's PostgreSQL database through a
//! short-lived helper pod (see [`crate::database`]); the streaming and its progress are
//! [`crate::ui::database`]'s.

pub mod dump;
pub mod dumps;
pub mod restore;
pub mod shell;
