//! A secret's plaintext. It lives only in memory, is wiped when dropped, and never prints; while
//! it is read it grows in a [`SecretBuffer`], which leaves no copy behind in freed memory.

use std::fmt;
use std::os::fd::AsFd;

use secrecy::{ExposeSecret, SecretSlice};
use zeroize::{Zeroize, Zeroizing};

/// Marks the process non-dumpable, once, before the first plaintext is held: a crash then writes
/// no core file that would hold it, and other processes of the same user can no longer read its
/// memory through ptrace or /proc/PID/mem. It stays so until exit: a value's copies are wiped,
/// but the point at which none is left is not one the process can know for every library.
pub fn keep_out_of_core_dumps() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Best effort: a kernel that refuses leaves the process as it was, and sealing goes on.
        let _ =
            rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    });
}

/// The bytes of one secret value (binary-safe). `Debug` prints `[redacted]`; there is no
/// `Display`, so a value cannot slip into a message by accident.
pub struct SecretValue(SecretSlice<u8>);

impl SecretValue {
    /// Takes ownership of `bytes`; they are zeroized when the value is dropped.
    #[must_use]
    pub fn new(mut bytes: Vec<u8>) -> Self {
        keep_out_of_core_dumps();
        // A boxed slice is exactly as long as its bytes: with spare capacity, the conversion
        // would move them to a new allocation and free the old one unwiped.
        if bytes.capacity() != bytes.len() {
            let exact = bytes.as_slice().to_vec();
            bytes.zeroize();
            bytes = exact;
        }
        SecretValue(SecretSlice::from(bytes))
    }

    /// The plaintext, for sealing and nothing else.
    #[must_use]
    pub fn expose(&self) -> &[u8] {
        self.0.expose_secret()
    }

    /// The length in bytes (safe to show).
    #[must_use]
    pub fn len(&self) -> usize {
        self.expose().len()
    }

    /// True for the empty value.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<secrecy::SecretString> for SecretValue {
    fn from(value: secrecy::SecretString) -> Self {
        SecretValue::new(value.expose_secret().as_bytes().to_vec())
    }
}

/// Plaintext being read (from a pipe, a file or the keyboard). A `Vec` that grows moves its bytes
/// and frees the old allocation as it is, so a large value read with `read_to_end` leaves
/// fragments of itself in the heap; this buffer moves them itself and wipes what it leaves.
pub struct SecretBuffer(Zeroizing<Vec<u8>>);

impl SecretBuffer {
    /// An empty buffer with room for `capacity` bytes before it first moves.
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        keep_out_of_core_dumps();
        SecretBuffer(Zeroizing::new(Vec::with_capacity(capacity)))
    }

    /// Appends `bytes`, moving to a larger allocation (and wiping the old one) when needed.
    pub fn extend(&mut self, bytes: &[u8]) {
        let needed = self.0.len() + bytes.len();
        if needed > self.0.capacity() {
            let mut larger = Zeroizing::new(Vec::with_capacity(needed.max(self.0.capacity() * 2)));
            larger.extend_from_slice(&self.0);
            // The old allocation is wiped as the replaced `Zeroizing` drops.
            self.0 = larger;
        }
        self.0.extend_from_slice(bytes);
    }

    /// Removes the last byte (a backspace at the prompt).
    pub fn pop(&mut self) {
        if let Some(last) = self.0.last_mut() {
            *last = 0;
            self.0.pop();
        }
    }

    /// Removes every byte (Ctrl-U at the prompt).
    pub fn clear(&mut self) {
        self.0.zeroize();
    }

    /// The bytes read so far.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Drops one trailing newline (`\n` or `\r\n`), as `$(...)` does.
    pub fn trim_newline(&mut self) {
        if self.0.ends_with(b"\n") {
            self.pop();
            if self.0.ends_with(b"\r") {
                self.pop();
            }
        }
    }

    /// Reads `fd` to its end, straight into the buffer: `std::io::stdin()` would first copy into
    /// its own buffer, which is never wiped.
    ///
    /// # Errors
    /// When reading fails.
    pub fn read_to_end(fd: impl AsFd) -> std::io::Result<Self> {
        let mut buffer = SecretBuffer::with_capacity(64 * 1024);
        let mut chunk = Zeroizing::new([0u8; 16 * 1024]);
        loop {
            match rustix::io::read(fd.as_fd(), &mut chunk[..]) {
                Ok(0) => return Ok(buffer),
                Ok(n) => buffer.extend(&chunk[..n]),
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The bytes as a value, in an allocation of exactly their size.
    #[must_use]
    pub fn into_value(self) -> SecretValue {
        SecretValue::new(self.0.as_slice().to_vec())
    }
}

impl fmt::Debug for SecretBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19: no core dump (and no ptrace by the same user) while a plaintext is held.
    #[test]
    fn holding_a_value_makes_the_process_non_dumpable() {
        let value = SecretValue::new(b"hunter2".to_vec());
        assert_eq!(
            rustix::process::dumpable_behavior().unwrap(),
            rustix::process::DumpableBehavior::NotDumpable
        );
        drop(value);
    }

    #[test]
    fn debug_never_shows_the_value() {
        let value = SecretValue::new(b"hunter2".to_vec());
        assert_eq!(format!("{value:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(&value)), "Some([redacted])");
        assert_eq!(value.expose(), b"hunter2");
    }

    #[test]
    fn the_buffer_grows_trims_and_edits() {
        let mut buffer = SecretBuffer::with_capacity(2);
        buffer.extend(b"hunter");
        buffer.extend(b"22\r\n");
        assert_eq!(format!("{buffer:?}"), "[redacted]");
        buffer.trim_newline();
        buffer.pop();
        assert_eq!(buffer.as_bytes(), b"hunter2");
        let mut with_spare = Vec::with_capacity(64);
        with_spare.extend_from_slice(b"x");
        assert_eq!(SecretValue::new(with_spare).expose(), b"x");
        assert_eq!(buffer.into_value().expose(), b"hunter2");
    }
}
