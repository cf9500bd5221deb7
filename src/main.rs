fn main() -> std::process::ExitCode {
    gh_store::cli::main()
}
