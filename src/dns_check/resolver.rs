//! Which DNS server answers and how it is asked: the nameservers of `/etc/resolv.conf`, or the
//! one `UNGLEICH_DNS_SERVER=IP:PORT` names (split-horizon DNS; the tests' own server). A query
//! goes over UDP and again over TCP when the answer was truncated; every query shares one
//! deadline, so the whole check waits a few seconds at most however many names it asks about.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use aes_gcm::aead::OsRng;
use aes_gcm::aead::rand_core::RngCore;

use super::DnsError;
use super::wire::{self, Response, WireError};

/// The environment variable that names the DNS server instead of `/etc/resolv.conf`.
pub const SERVER_VAR: &str = "UNGLEICH_DNS_SERVER";

/// The longest one server is waited for, so a second one still has time.
const PER_TRY: Duration = Duration::from_millis(1500);

/// A stub resolver: recursive queries to the chosen servers, until the deadline.
#[derive(Debug, Clone)]
pub struct Resolver {
    servers: Vec<SocketAddr>,
    deadline: Instant,
}

impl Resolver {
    /// The servers of `UNGLEICH_DNS_SERVER` or `/etc/resolv.conf`, asked for at most `budget`.
    ///
    /// # Errors
    /// [`DnsError::ServerSetting`] for an `UNGLEICH_DNS_SERVER` that is no IP:PORT, and
    /// [`DnsError::NoServer`] when resolv.conf names none.
    pub fn from_system(budget: Duration) -> Result<Resolver, DnsError> {
        let servers = match std::env::var(SERVER_VAR) {
            Ok(value) => vec![parse_server(&value)?],
            Err(_) => {
                let text = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
                nameservers(&text)
            }
        };
        if servers.is_empty() {
            return Err(DnsError::NoServer);
        }
        Ok(Resolver::new(servers, budget))
    }

    /// A resolver asking `servers` for at most `budget`.
    #[must_use]
    pub fn new(servers: Vec<SocketAddr>, budget: Duration) -> Resolver {
        Resolver {
            servers,
            deadline: Instant::now() + budget,
        }
    }

    /// The answer to `name`'s records of type `qtype`, from the first server that gives one.
    ///
    /// # Errors
    /// [`DnsError::Timeout`] when the deadline passes, [`DnsError::Unreachable`] or
    /// [`DnsError::Answer`] when no server gives a usable answer.
    pub fn ask(&self, name: &str, qtype: u16) -> Result<Response, DnsError> {
        let id = u16::try_from(OsRng.next_u32() & 0xffff).unwrap_or(0);
        let query = wire::query(id, name, qtype).map_err(DnsError::Answer)?;
        let mut last = DnsError::Timeout;
        for server in &self.servers {
            let Some(wait) = self.remaining() else {
                return Err(DnsError::Timeout);
            };
            match ask_udp(*server, &query, id, qtype, wait.min(PER_TRY)) {
                Ok(r) if r.truncated => match self.remaining() {
                    Some(wait) => return ask_tcp(*server, &query, id, qtype, wait),
                    None => return Err(DnsError::Timeout),
                },
                Ok(r) => return Ok(r),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn remaining(&self) -> Option<Duration> {
        self.deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
    }
}

fn timed_out(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

fn io_error(server: SocketAddr) -> impl Fn(std::io::Error) -> DnsError {
    move |e| {
        if timed_out(&e) {
            DnsError::Timeout
        } else {
            DnsError::Unreachable {
                server,
                reason: e.to_string(),
            }
        }
    }
}

fn ask_udp(
    server: SocketAddr,
    query: &[u8],
    id: u16,
    qtype: u16,
    wait: Duration,
) -> Result<Response, DnsError> {
    let err = io_error(server);
    let local: SocketAddr = if server.is_ipv4() {
        ([0, 0, 0, 0], 0).into()
    } else {
        ([0u16; 8], 0).into()
    };
    let socket = UdpSocket::bind(local).map_err(&err)?;
    // Connected: datagrams from any other address are dropped by the kernel.
    socket.connect(server).map_err(&err)?;
    socket.send(query).map_err(&err)?;
    let until = Instant::now() + wait;
    let mut buf = [0u8; 4096];
    loop {
        let left = until
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(DnsError::Timeout)?;
        socket.set_read_timeout(Some(left)).map_err(&err)?;
        let n = socket.recv(&mut buf).map_err(&err)?;
        match wire::parse(&buf[..n], id, qtype) {
            // A stray or late datagram of an earlier query: keep waiting for ours.
            Err(WireError::Mismatch) => {}
            other => return other.map_err(DnsError::Answer),
        }
    }
}

fn ask_tcp(
    server: SocketAddr,
    query: &[u8],
    id: u16,
    qtype: u16,
    wait: Duration,
) -> Result<Response, DnsError> {
    let err = io_error(server);
    let until = Instant::now() + wait;
    let mut stream = TcpStream::connect_timeout(&server, wait).map_err(&err)?;
    let left = || {
        until
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(DnsError::Timeout)
    };
    stream.set_write_timeout(Some(left()?)).map_err(&err)?;
    let length = u16::try_from(query.len()).map_err(|_| DnsError::Timeout)?;
    stream.write_all(&length.to_be_bytes()).map_err(&err)?;
    stream.write_all(query).map_err(&err)?;
    stream.set_read_timeout(Some(left()?)).map_err(&err)?;
    let mut prefix = [0u8; 2];
    stream.read_exact(&mut prefix).map_err(&err)?;
    let mut msg = vec![0u8; usize::from(u16::from_be_bytes(prefix))];
    stream.set_read_timeout(Some(left()?)).map_err(&err)?;
    stream.read_exact(&mut msg).map_err(&err)?;
    wire::parse(&msg, id, qtype).map_err(DnsError::Answer)
}

/// `IP:PORT`, `[IPv6]:PORT`, or an IP alone (port 53).
fn parse_server(value: &str) -> Result<SocketAddr, DnsError> {
    let value = value.trim();
    value
        .parse::<SocketAddr>()
        .or_else(|_| value.parse::<IpAddr>().map(|ip| SocketAddr::new(ip, 53)))
        .map_err(|_| DnsError::ServerSetting {
            value: value.to_owned(),
        })
}

/// The `nameserver` lines of a resolv.conf, in order (IPv6 zone ids are not supported: skipped).
fn nameservers(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            (words.next() == Some("nameserver")).then(|| words.next())?
        })
        .filter_map(|ip| ip.parse::<IpAddr>().ok())
        .map(|ip| SocketAddr::new(ip, 53))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_come_from_the_setting_or_resolv_conf() {
        assert_eq!(
            parse_server("127.0.0.1:5353").unwrap(),
            "127.0.0.1:5353".parse().unwrap()
        );
        assert_eq!(
            parse_server("[::1]:53").unwrap(),
            "[::1]:53".parse().unwrap()
        );
        assert_eq!(
            parse_server("192.0.2.1").unwrap(),
            "192.0.2.1:53".parse().unwrap()
        );
        assert!(matches!(
            parse_server("dns.example.com:53"),
            Err(DnsError::ServerSetting { .. })
        ));
        assert_eq!(
            nameservers(
                "# comment\nsearch example.com\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\nnameserver ::1\noptions ndots:1\n"
            ),
            [
                "192.0.2.53:53".parse().unwrap(),
                "[::1]:53".parse().unwrap()
            ]
        );
    }

    #[test]
    fn a_silent_server_times_out_within_the_budget() {
        // A bound socket that never answers.
        let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
        let resolver = Resolver::new(
            vec![silent.local_addr().unwrap()],
            Duration::from_millis(300),
        );
        let start = Instant::now();
        assert!(matches!(
            resolver.ask("shop.example.com", wire::TYPE_A),
            Err(DnsError::Timeout)
        ));
        assert!(start.elapsed() < Duration::from_secs(1));
    }
}
