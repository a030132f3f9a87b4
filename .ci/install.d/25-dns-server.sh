# The DNS server the `domains add` tests ask (tests/it/support/dns.rs): dnsmasq on a loopback
# port, serving the A and CAA records of the cases. dnsmasq-base is the program without the
# system service.
. .ci/lib.sh
apt_install dnsmasq-base
