//! Per-server TLS material: a test CA, a server certificate for 127.0.0.1, a client certificate,
//! and the kubeconfig that trusts the CA (`certificate-authority-data`).

use std::sync::Arc;

use base64::Engine as _;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The common name of the client certificate, which is also the user the server sees.
pub const CLIENT_CERT_USER: &str = "test-admin";

/// The CA, the server's certificate and key, and a client certificate signed by the CA.
pub struct Pki {
    pub ca_pem: String,
    ca_der: CertificateDer<'static>,
    server_der: CertificateDer<'static>,
    server_key: Vec<u8>,
    pub client_cert_pem: String,
    pub client_key_pem: String,
}

fn pem_b64(pem: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(pem)
}

impl Pki {
    /// Fresh material (ECDSA P-256; a few milliseconds).
    pub fn generate() -> Self {
        let ca_key = KeyPair::generate().expect("ca key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "kubernetes-emulator-ca");
        ca_params.distinguished_name = dn;
        let ca_cert = ca_params.self_signed(&ca_key).expect("ca cert");
        let ca_pem = ca_cert.pem();
        let ca_der = ca_cert.der().clone();
        let issuer = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate().expect("server key");
        let mut server_params =
            CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
                .expect("server params");
        server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "kube-apiserver");
        server_params.distinguished_name = dn;
        let server_cert = server_params
            .signed_by(&server_key, &issuer)
            .expect("server cert");

        let client_key = KeyPair::generate().expect("client key");
        let mut client_params =
            CertificateParams::new(Vec::<String>::new()).expect("client params");
        client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, CLIENT_CERT_USER);
        dn.push(DnType::OrganizationName, "system:masters");
        client_params.distinguished_name = dn;
        let client_cert = client_params
            .signed_by(&client_key, &issuer)
            .expect("client cert");

        Pki {
            ca_pem,
            ca_der,
            server_der: server_cert.der().clone(),
            server_key: server_key.serialize_der(),
            client_cert_pem: client_cert.pem(),
            client_key_pem: client_key.serialize_pem(),
        }
    }

    /// The rustls server configuration: HTTP/1.1 only, client certificates optional (a
    /// verified one authenticates; without one the bearer token must).
    pub fn server_config(&self) -> Arc<rustls::ServerConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = rustls::RootCertStore::empty();
        roots.add(self.ca_der.clone()).expect("ca root");
        let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
            Arc::new(roots),
            provider.clone(),
        )
        .allow_unauthenticated()
        .build()
        .expect("client verifier");
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server_key.clone()));
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("tls versions")
            .with_client_cert_verifier(verifier)
            .with_single_cert(vec![self.server_der.clone(), self.ca_der.clone()], key)
            .expect("server cert");
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Arc::new(config)
    }
}

/// How the generated kubeconfig authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// The server's bearer token (the default).
    Token,
    /// A bearer token the server does not know: every request gets 401.
    WrongToken,
    /// The client certificate signed by the test CA.
    ClientCertificate,
    /// No credentials: the anonymous user, forbidden everywhere but `/version`.
    Anonymous,
}

/// A kubeconfig with one cluster, user and context, all named `test`.
pub fn kubeconfig(pki: &Pki, server: &str, token: &str, namespace: &str, auth: &Auth) -> String {
    let user = match auth {
        Auth::Token => format!("    token: {token}\n"),
        Auth::WrongToken => "    token: not-the-right-token\n".to_owned(),
        Auth::ClientCertificate => format!(
            "    client-certificate-data: {}\n    client-key-data: {}\n",
            pem_b64(&pki.client_cert_pem),
            pem_b64(&pki.client_key_pem)
        ),
        Auth::Anonymous => "    {}\n".to_owned(),
    };
    let user = if *auth == Auth::Anonymous {
        "  user: {}\n".to_owned()
    } else {
        format!("  user:\n{user}")
    };
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: {server}\n    certificate-authority-data: {ca}\ncontexts:\n- name: test\n  context:\n    cluster: test\n    user: test\n    namespace: {namespace}\ncurrent-context: test\npreferences: {{}}\nusers:\n- name: test\n{user}",
        ca = pem_b64(&pki.ca_pem),
    )
}
