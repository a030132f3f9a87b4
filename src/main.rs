fn main() -> std::process::ExitCode {
    // clap prints help, versions and usage errors itself and exits 0 or 2.
    let cli = ungleich_django::app::parse();
    ungleich_django::app::main(cli).into()
}
