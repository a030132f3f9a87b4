//! A real DNS server on loopback: Debian's dnsmasq (`dnsmasq-base`), authoritative for the
//! `test.` zone (`--local`: unknown names there are NXDOMAIN), serving the A and CAA records
//! the DNS checks of `domains add` are tested against. One per test binary, shared: dnsmasq
//! reads its records once at start, so every test's records are in [`RECORDS`] and [`CAA`].

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::tools;

/// The address the emulated Ingress publishes in the DNS tests.
pub const INGRESS_IP: &str = "203.0.113.7";

/// `--host-record`s: names and their addresses.
const RECORDS: &[(&str, &str)] = &[
    // Points at the Ingress; its parent's CAA set allows Let's Encrypt.
    ("here.example.test", INGRESS_IP),
    ("www.example.test", INGRESS_IP),
    // Points elsewhere.
    ("elsewhere.example.test", "192.0.2.1"),
    // Points at the Ingress, but its parent's CAA set allows another CA only.
    ("shop.other.test", INGRESS_IP),
];

/// CAA records: owner, tag, value.
const CAA: &[(&str, &str, &str)] = &[
    ("example.test", "issue", "letsencrypt.org"),
    ("other.test", "issue", "sectigo.com"),
];

/// The shared server.
pub struct DnsServer {
    /// `IP:PORT`, for `UNGLEICH_DNS_SERVER`.
    pub address: SocketAddr,
    /// dnsmasq's parent shell, which kills dnsmasq when this process's end closes its stdin.
    _keeper: Mutex<Child>,
}

/// The dnsmasq of this test binary, started on first use.
pub fn server() -> &'static DnsServer {
    static SERVER: OnceLock<DnsServer> = OnceLock::new();
    SERVER.get_or_init(DnsServer::start)
}

impl DnsServer {
    fn start() -> DnsServer {
        let dnsmasq = tools::find("dnsmasq")
            .or_else(|| {
                Some("/usr/sbin/dnsmasq".into()).filter(|p: &std::path::PathBuf| p.is_file())
            })
            .unwrap_or_else(|| tools::require("dnsmasq"));
        let port = free_port();
        let mut args = vec![
            "-k".to_owned(),
            "--conf-file=/dev/null".to_owned(),
            "--no-resolv".to_owned(),
            "--no-hosts".to_owned(),
            "--pid-file=".to_owned(),
            format!("--port={port}"),
            "--listen-address=127.0.0.1".to_owned(),
            "--bind-interfaces".to_owned(),
            "--local=/test/".to_owned(),
        ];
        args.extend(
            RECORDS
                .iter()
                .map(|(name, ip)| format!("--host-record={name},{ip}")),
        );
        args.extend(
            CAA.iter()
                .map(|(owner, tag, value)| format!("--dns-rr={owner},257,{}", caa_hex(tag, value))),
        );
        // A static is never dropped: the shell kills dnsmasq once its stdin, held by this
        // process, reaches end of file, which is when this test binary exits however it ends.
        let script = "\"$0\" \"$@\" & server=$!; cat >/dev/null; kill $server; wait $server";
        let mut keeper = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(&dnsmasq)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dnsmasq");
        let address: SocketAddr = ([127, 0, 0, 1], port).into();
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(address).is_err() {
            if let Ok(Some(status)) = keeper.try_wait() {
                let mut stderr = String::new();
                keeper
                    .stderr
                    .take()
                    .map(|mut e| e.read_to_string(&mut stderr));
                panic!("dnsmasq exited ({status}): {stderr}");
            }
            assert!(
                Instant::now() < deadline,
                "dnsmasq did not listen on {address}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        DnsServer {
            address,
            _keeper: Mutex::new(keeper),
        }
    }
}

/// A port free for both UDP and TCP on loopback, as dnsmasq binds both.
fn free_port() -> u16 {
    loop {
        let udp = UdpSocket::bind("127.0.0.1:0").expect("udp port");
        let port = udp.local_addr().expect("addr").port();
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

/// A CAA record's data in hex, as `--dns-rr` takes it: flags 0, tag length, tag, value.
fn caa_hex(tag: &str, value: &str) -> String {
    let mut bytes = vec![0u8, u8::try_from(tag.len()).expect("short tag")];
    bytes.extend_from_slice(tag.as_bytes());
    bytes.extend_from_slice(value.as_bytes());
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
