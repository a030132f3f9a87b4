//! One module per command. Each turns plain settings into calls of the domain modules and tells
//! the user what happened through the context's printer. Signature: `run(&Context, Settings)`.

pub mod completions;
pub mod deploy;
pub mod doctor;
pub mod follow;
pub mod init;
pub mod logs;
pub mod rollback;
pub mod run;
pub mod schema;
pub mod secret;
pub mod shell;
pub mod status;
