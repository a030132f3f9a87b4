//! The DNS message format (RFC 1035 section 4, RFC 3596 for AAAA, RFC 8659 for CAA): one query
//! encoded, one response decoded. Only what the check needs: the header, the question, and the
//! answer section's A, AAAA, CNAME and CAA records; every other record is skipped by its length.
//! Responses come from outside, so every length and pointer is checked against the message and
//! a compressed name may jump only backwards, a bounded number of times.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Record types, by their number.
pub const TYPE_A: u16 = 1;
pub const TYPE_CNAME: u16 = 5;
pub const TYPE_AAAA: u16 = 28;
pub const TYPE_CAA: u16 = 257;

/// Response codes the check tells apart.
pub const RCODE_NOERROR: u8 = 0;
pub const RCODE_NXDOMAIN: u8 = 3;

const CLASS_IN: u16 = 1;
/// The most a name may be, in wire form (RFC 1035 section 2.3.4).
const MAX_NAME: usize = 255;
/// More compression pointers than a name of [`MAX_NAME`] bytes can need.
const MAX_JUMPS: usize = 128;

/// What a response holds for the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The response code: [`RCODE_NOERROR`], [`RCODE_NXDOMAIN`], or a failure.
    pub rcode: u8,
    /// TC: the answer did not fit in a UDP datagram; ask again over TCP.
    pub truncated: bool,
    /// The answer section's records of the types above.
    pub answers: Vec<Record>,
}

/// One answer record; the owner name in lower case, without the final dot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    pub data: Data,
}

/// A record's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Cname(String),
    /// A CAA property: the critical flag, the tag (lower case) and the raw value.
    Caa {
        critical: bool,
        tag: String,
        value: String,
    },
}

/// Why a message cannot be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("`{0}` cannot be asked for in DNS (a label is empty or longer than 63 bytes)")]
    Name(String),
    #[error("the DNS server's answer is malformed ({0})")]
    Malformed(&'static str),
    #[error("the DNS server answered another question")]
    Mismatch,
}

/// A recursive query (RD set) with id `id` for `name`'s records of type `qtype`.
///
/// # Errors
/// [`WireError::Name`] for a name DNS cannot carry.
pub fn query(id: u16, name: &str, qtype: u16) -> Result<Vec<u8>, WireError> {
    let mut out = Vec::with_capacity(18 + name.len());
    out.extend_from_slice(&id.to_be_bytes());
    // QR=0, opcode 0, RD=1; one question, nothing else.
    out.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    encode_name(name, &mut out)?;
    out.extend_from_slice(&qtype.to_be_bytes());
    out.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(out)
}

fn encode_name(name: &str, out: &mut Vec<u8>) -> Result<(), WireError> {
    let bad = || WireError::Name(name.to_owned());
    let trimmed = name.strip_suffix('.').unwrap_or(name);
    let start = out.len();
    if !trimmed.is_empty() {
        for label in trimmed.split('.') {
            if label.is_empty() || label.len() > 63 {
                return Err(bad());
            }
            out.push(u8::try_from(label.len()).map_err(|_| bad())?);
            out.extend_from_slice(label.as_bytes());
        }
    }
    out.push(0);
    if out.len() - start > MAX_NAME {
        return Err(bad());
    }
    Ok(())
}

/// Decodes the response to the query with id `id` for `qtype`.
///
/// # Errors
/// [`WireError::Malformed`] for anything that does not parse, [`WireError::Mismatch`] for a
/// response to another query.
pub fn parse(msg: &[u8], id: u16, qtype: u16) -> Result<Response, WireError> {
    let mut r = Reader { msg, at: 0 };
    let got_id = r.u16()?;
    let flags = r.u16()?;
    let questions = r.u16()?;
    let answers = r.u16()?;
    r.u16()?; // authority
    r.u16()?; // additional
    if got_id != id || flags & 0x8000 == 0 {
        return Err(WireError::Mismatch);
    }
    for _ in 0..questions {
        r.name()?;
        let (t, _class) = (r.u16()?, r.u16()?);
        if t != qtype {
            return Err(WireError::Mismatch);
        }
    }
    let mut out = Response {
        rcode: u8::try_from(flags & 0x000f).unwrap_or(u8::MAX),
        truncated: flags & 0x0200 != 0,
        answers: Vec::new(),
    };
    if out.truncated {
        // What follows may be cut anywhere; TCP gets the whole answer.
        return Ok(out);
    }
    for _ in 0..answers {
        let name = r.name()?;
        let rtype = r.u16()?;
        let class = r.u16()?;
        r.take(4)?; // TTL
        let length = usize::from(r.u16()?);
        let end =
            r.at.checked_add(length)
                .ok_or(WireError::Malformed("length"))?;
        let rdata = r.take(length)?;
        if class != CLASS_IN {
            continue;
        }
        let data = match rtype {
            TYPE_A => Data::A(Ipv4Addr::from(
                <[u8; 4]>::try_from(rdata).map_err(|_| WireError::Malformed("A record"))?,
            )),
            TYPE_AAAA => Data::Aaaa(Ipv6Addr::from(
                <[u8; 16]>::try_from(rdata).map_err(|_| WireError::Malformed("AAAA record"))?,
            )),
            TYPE_CNAME => {
                // The target may be compressed: read it in the whole message, within the record.
                let mut inner = Reader {
                    msg,
                    at: end - length,
                };
                let target = inner.name()?;
                if inner.at > end {
                    return Err(WireError::Malformed("CNAME record"));
                }
                Data::Cname(target)
            }
            TYPE_CAA => caa(rdata)?,
            _ => continue,
        };
        out.answers.push(Record { name, data });
    }
    Ok(out)
}

/// A CAA record's data: flags, tag length, tag, value (RFC 8659 section 4.1).
fn caa(rdata: &[u8]) -> Result<Data, WireError> {
    let bad = || WireError::Malformed("CAA record");
    let (&flags, rest) = rdata.split_first().ok_or_else(bad)?;
    let (&tag_len, rest) = rest.split_first().ok_or_else(bad)?;
    let tag_len = usize::from(tag_len);
    if tag_len == 0 || tag_len > rest.len() {
        return Err(bad());
    }
    let (tag, value) = rest.split_at(tag_len);
    if !tag.iter().all(u8::is_ascii_alphanumeric) {
        return Err(bad());
    }
    Ok(Data::Caa {
        critical: flags & 0x80 != 0,
        tag: String::from_utf8_lossy(tag).to_ascii_lowercase(),
        value: String::from_utf8_lossy(value).into_owned(),
    })
}

/// A cursor over a message that never reads past its end.
struct Reader<'a> {
    msg: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(WireError::Malformed("length"))?;
        let bytes = self
            .msg
            .get(self.at..end)
            .ok_or(WireError::Malformed("cut short"))?;
        self.at = end;
        Ok(bytes)
    }

    fn u16(&mut self) -> Result<u16, WireError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    /// A name at the cursor, following compression pointers; the cursor ends after the name
    /// as written here (after the first pointer, if any).
    fn name(&mut self) -> Result<String, WireError> {
        let mut labels: Vec<String> = Vec::new();
        let mut pos = self.at;
        let mut resume: Option<usize> = None;
        let mut wire_len = 0usize;
        let mut jumps = 0usize;
        loop {
            let len = *self.msg.get(pos).ok_or(WireError::Malformed("cut short"))?;
            match len & 0xc0 {
                0x00 if len == 0 => {
                    pos += 1;
                    break;
                }
                0x00 => {
                    let len = usize::from(len);
                    let label = self
                        .msg
                        .get(pos + 1..pos + 1 + len)
                        .ok_or(WireError::Malformed("cut short"))?;
                    wire_len += len + 1;
                    if wire_len > MAX_NAME {
                        return Err(WireError::Malformed("name too long"));
                    }
                    labels.push(String::from_utf8_lossy(label).to_ascii_lowercase());
                    pos += 1 + len;
                }
                0xc0 => {
                    let low = *self
                        .msg
                        .get(pos + 1)
                        .ok_or(WireError::Malformed("cut short"))?;
                    let target = usize::from(u16::from_be_bytes([len & 0x3f, low]));
                    // Only backwards, and a bounded number of times: a crafted message cannot
                    // make the loop run long.
                    jumps += 1;
                    if target >= pos || jumps > MAX_JUMPS {
                        return Err(WireError::Malformed("name pointer"));
                    }
                    resume.get_or_insert(pos + 2);
                    pos = target;
                }
                _ => return Err(WireError::Malformed("label type")),
            }
        }
        self.at = resume.unwrap_or(pos);
        Ok(labels.join("."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response to `query(7, "shop.example.com", qtype)` with the given answer records
    /// (owner as a pointer to the question's name, then type, TTL and data).
    fn response(qtype: u16, flags: u16, answers: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut msg = query(7, "shop.example.com", qtype).unwrap();
        msg[2..4].copy_from_slice(&(0x8180 | flags).to_be_bytes());
        msg[6..8].copy_from_slice(&u16::try_from(answers.len()).unwrap().to_be_bytes());
        for (rtype, data) in answers {
            msg.extend_from_slice(&[0xc0, 12]);
            msg.extend_from_slice(&rtype.to_be_bytes());
            msg.extend_from_slice(&[0, 1, 0, 0, 1, 0]);
            msg.extend_from_slice(&u16::try_from(data.len()).unwrap().to_be_bytes());
            msg.extend_from_slice(data);
        }
        msg
    }

    #[test]
    fn a_query_is_encoded_as_rfc_1035_says() {
        assert_eq!(
            query(0x1234, "a.example.", TYPE_CAA).unwrap(),
            b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x01a\x07example\x00\x01\x01\x00\x01"
        );
        assert!(query(1, "a..example", TYPE_A).is_err());
        assert!(query(1, &format!("{}.example", "x".repeat(64)), TYPE_A).is_err());
        assert!(query(1, &["abcdefghij"; 24].join("."), TYPE_A).is_err());
    }

    #[test]
    fn answers_are_decoded_with_compressed_names() {
        // A CNAME whose target ends in a pointer to "example.com" of the question.
        let cname = [&b"\x02lb"[..], &[0xc0, 17]].concat();
        let msg = response(
            TYPE_A,
            0,
            &[
                (TYPE_CNAME, cname),
                (TYPE_A, vec![203, 0, 113, 7]),
                (99, vec![1, 2]),
            ],
        );
        let r = parse(&msg, 7, TYPE_A).unwrap();
        assert_eq!(r.rcode, RCODE_NOERROR);
        assert_eq!(
            r.answers,
            [
                Record {
                    name: "shop.example.com".into(),
                    data: Data::Cname("lb.example.com".into())
                },
                Record {
                    name: "shop.example.com".into(),
                    data: Data::A(Ipv4Addr::new(203, 0, 113, 7))
                },
            ]
        );
        let caa = response(
            TYPE_CAA,
            0,
            &[(TYPE_CAA, b"\x80\x05ISSUEletsencrypt.org".to_vec())],
        );
        assert_eq!(
            parse(&caa, 7, TYPE_CAA).unwrap().answers[0].data,
            Data::Caa {
                critical: true,
                tag: "issue".into(),
                value: "letsencrypt.org".into()
            }
        );
        let nx = parse(&response(TYPE_A, 3, &[]), 7, TYPE_A).unwrap();
        assert_eq!(nx.rcode, RCODE_NXDOMAIN);
        assert!(
            parse(&response(TYPE_A, 0x0200, &[]), 7, TYPE_A)
                .unwrap()
                .truncated
        );
    }

    #[test]
    fn malformed_or_foreign_answers_are_refused_not_trusted() {
        let good = response(TYPE_A, 0, &[(TYPE_A, vec![1, 2, 3, 4])]);
        assert_eq!(parse(&good, 8, TYPE_A), Err(WireError::Mismatch));
        assert_eq!(parse(&good, 7, TYPE_AAAA), Err(WireError::Mismatch));
        // Every cut of a good message fails cleanly.
        for end in 0..good.len() {
            assert!(parse(&good[..end], 7, TYPE_A).is_err(), "{end}");
        }
        // A pointer to itself, or forwards, would loop.
        let mut looped = good.clone();
        let at = looped.len() - 16;
        looped[at..at + 2].copy_from_slice(&[0xc0, u8::try_from(at).unwrap()]);
        assert!(parse(&looped, 7, TYPE_A).is_err());
        let short_a = response(TYPE_A, 0, &[(TYPE_A, vec![1, 2, 3])]);
        assert!(parse(&short_a, 7, TYPE_A).is_err());
        let empty_tag = response(TYPE_CAA, 0, &[(TYPE_CAA, vec![0, 0])]);
        assert!(parse(&empty_tag, 7, TYPE_CAA).is_err());
        let long_tag = response(TYPE_CAA, 0, &[(TYPE_CAA, vec![0, 9, b'i'])]);
        assert!(parse(&long_tag, 7, TYPE_CAA).is_err());
    }

    #[test]
    fn any_bytes_are_parsed_or_refused_without_panicking() {
        // Every single-byte change of a good answer, and a stream of pseudo-random messages
        // behind a valid header: none may panic or loop.
        let good = response(
            TYPE_CAA,
            0,
            &[
                (TYPE_CNAME, vec![0xc0, 12]),
                (TYPE_CAA, b"\x00\x05issuea.example".to_vec()),
            ],
        );
        for at in 0..good.len() {
            for byte in [0x00, 0x01, 0x3f, 0x40, 0x80, 0xc0, 0xff] {
                let mut msg = good.clone();
                msg[at] = byte;
                let _ = parse(&msg, 7, TYPE_CAA);
            }
        }
        let mut state: u32 = 0x2545_f491;
        for _ in 0..20_000 {
            let mut msg = good[..12].to_vec();
            for _ in 0..(state % 96) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                msg.push(state.to_le_bytes()[0]);
            }
            let _ = parse(&msg, 7, TYPE_CAA);
        }
    }
}
