fn main() -> std::process::ExitCode {
    // Usage errors are printed here and exit 2; help and the version exit 0.
    let cli = ungleich_django::app::parse();
    ungleich_django::app::main(cli).into()
}
