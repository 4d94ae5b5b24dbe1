fn main() {
    let code = lvzhi::cli::run(std::env::args().collect());
    std::process::exit(code);
}
