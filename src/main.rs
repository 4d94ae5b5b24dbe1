/// The year's assessment allocates many small values on several threads; mimalloc keeps that
/// from dominating the time at national scale.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = lvzhi::cli::run(std::env::args().collect());
    std::process::exit(code);
}
