//! What a dump file says about itself: the header of a `pg_dump --format=custom` archive (its
//! format version, the database it was taken of, the clock time it was taken at). Read before a
//! restore, so the customer sees what they are about to put back, and so a file that is not a
//! custom-format dump is refused before anything in the cluster changes.

use std::io::Read;

/// The header of a custom-format archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The archive format's version (`1.16`).
    pub version: (u8, u8, u8),
    /// The dumped database's name.
    pub database: Option<String>,
    /// When pg_dump began, on the dumping machine's clock: `2026-12-06 07:15:02`.
    pub created: Option<String>,
    /// The server's and pg_dump's versions.
    pub server_version: Option<String>,
    pub pg_dump_version: Option<String>,
}

/// Why a file is not a dump `db restore` can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotADump {
    /// Not a pg_dump archive at all (a plain SQL dump, another file).
    Magic,
    /// A pg_dump archive in another format (directory, tar).
    Format(u8),
    /// The header ends early.
    Truncated,
}

/// pg_dump's archive formats (pg_backup.h `ArchiveFormat`).
const FORMAT_CUSTOM: u8 = 1;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    int_size: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, NotADump> {
        let b = *self.bytes.get(self.at).ok_or(NotADump::Truncated)?;
        self.at += 1;
        Ok(b)
    }

    /// pg_backup_archiver.c `ReadInt`: a sign byte, then `int_size` bytes, least significant
    /// first.
    fn int(&mut self) -> Result<i64, NotADump> {
        let negative = self.byte()? != 0;
        let mut value: i64 = 0;
        for shift in 0..self.int_size {
            let b = i64::from(self.byte()?);
            if shift < 8 {
                value |= b << (8 * shift);
            }
        }
        Ok(if negative { -value } else { value })
    }

    /// `ReadStr`: a length (negative for NULL) and the bytes.
    fn string(&mut self) -> Result<Option<String>, NotADump> {
        let len = self.int()?;
        let Ok(len) = usize::try_from(len) else {
            return Ok(None);
        };
        let end = self.at.checked_add(len).ok_or(NotADump::Truncated)?;
        let text = self.bytes.get(self.at..end).ok_or(NotADump::Truncated)?;
        self.at = end;
        Ok(Some(String::from_utf8_lossy(text).into_owned()))
    }
}

/// Reads the header at the start of `input` (the first few kilobytes suffice).
///
/// # Errors
/// [`NotADump`] when it is not the header of a custom-format archive.
pub fn read_header(input: &mut dyn Read) -> Result<Header, NotADump> {
    let mut bytes = Vec::with_capacity(4096);
    input
        .take(4096)
        .read_to_end(&mut bytes)
        .map_err(|_| NotADump::Truncated)?;
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Result<Header, NotADump> {
    if !bytes.starts_with(b"PGDMP") {
        return Err(NotADump::Magic);
    }
    let mut r = Reader {
        bytes,
        at: 5,
        int_size: 4,
    };
    let major = r.byte()?;
    let minor = r.byte()?;
    let revision = if major > 1 || minor > 0 { r.byte()? } else { 0 };
    let version = (major, minor, revision);
    r.int_size = usize::from(r.byte()?);
    let _offset_size = r.byte()?;
    let format = r.byte()?;
    if format != FORMAT_CUSTOM {
        return Err(NotADump::Format(format));
    }
    let mut header = Header {
        version,
        database: None,
        created: None,
        server_version: None,
        pg_dump_version: None,
    };
    if version >= (1, 15, 0) {
        r.byte()?; // the compression algorithm
    } else if version >= (1, 4, 0) {
        r.int()?; // the compression level
    } else if version >= (1, 2, 0) {
        r.byte()?;
    }
    if version >= (1, 4, 0) {
        let mut tm = [0i64; 7];
        for field in &mut tm {
            *field = r.int()?;
        }
        let [sec, min, hour, mday, mon, year, _dst] = tm;
        header.created = Some(format!(
            "{:04}-{:02}-{mday:02} {hour:02}:{min:02}:{sec:02}",
            year + 1900,
            mon + 1
        ));
        header.database = r.string()?;
    }
    if version >= (1, 10, 0) {
        header.server_version = r.string()?;
        header.pg_dump_version = r.string()?;
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes of a dump pg_dump 15 wrote (archive 1.14) of database `shop`.
    fn header_1_14() -> Vec<u8> {
        let mut b = b"PGDMP".to_vec();
        b.extend([1, 14, 0, 4, 8, FORMAT_CUSTOM]);
        let int = |v: i64| {
            let mut out = vec![u8::from(v < 0)];
            out.extend((v.unsigned_abs() as u32).to_le_bytes());
            out
        };
        b.extend(int(-1)); // compression level: default
        for v in [2, 15, 7, 6, 11, 126, 0] {
            b.extend(int(v));
        }
        for s in ["shop", "15.4", "15.4 (Debian 15.4-1)"] {
            b.extend(int(s.len() as i64));
            b.extend(s.as_bytes());
        }
        b
    }

    #[test]
    fn the_header_says_which_database_and_when() {
        let header = parse(&header_1_14()).unwrap();
        assert_eq!(header.version, (1, 14, 0));
        assert_eq!(header.database.as_deref(), Some("shop"));
        assert_eq!(header.created.as_deref(), Some("2026-12-06 07:15:02"));
        assert_eq!(header.server_version.as_deref(), Some("15.4"));
    }

    #[test]
    fn other_files_are_not_dumps() {
        assert_eq!(
            parse(b"-- PostgreSQL database dump\n"),
            Err(NotADump::Magic)
        );
        assert_eq!(
            parse(b"PGDMP\x01\x0e\x00\x04\x08\x03"),
            Err(NotADump::Format(3))
        );
        let whole = header_1_14();
        assert_eq!(parse(&whole[..20]), Err(NotADump::Truncated));
    }
}
