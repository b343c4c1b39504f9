use advocate_server::{
    app::Application,
    commands::Command,
    config::{Config, LogFormat},
};
use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc: a request allocates and frees dozens of small buffers (JSON, headers), and
/// glibc's malloc spent about 12% of the server's time on them under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Advocate: the front door to an employer-sponsored health advocacy service.
///
/// With no settings it serves the app at http://127.0.0.1:8080 with a SQLite database in ./data.
#[derive(Debug, Parser)]
#[command(name = "advocate-server", version)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_logging(cli.config.log_format);
    if let Some(command) = &cli.command {
        return command.run(&cli.config).await;
    }
    let app = Application::build(&cli.config).await?;
    tracing::info!(address = %app.local_addr(), base_path = %cli.config.base_path, "serving Advocate");
    app.run_until_stopped().await
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("ADVOCATE_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // Colours only for a person at a terminal: a log file or a collector gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}
