use advocate_server::{
    app::Application,
    config::{Config, LogFormat},
};
use clap::Parser;
use tracing_subscriber::EnvFilter;

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

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Load CMS's complete fee-schedule files (RVU, GPCI, locality-county, ZIP5, CLFS) into
    /// the database, replacing any earlier import, so that any code can be priced.
    ImportFeeSchedule(advocate_server::pricing::import::ImportFiles),
    /// Load CMS's practitioner MUE table (JSON) as the daily unit limits the bill review uses.
    ImportUnitLimits(advocate_server::bills::ImportUnitLimits),
    /// Create an advocate's account for the console (the first one a supervisor). The password
    /// (at least 12 characters) is read from standard input, or from --password-file.
    CreateAdvocate(advocate_server::accounts::CreateAdvocateArgs),
    /// Disable an advocate's account: its sessions end at once and it can no longer sign in.
    DisableAdvocate(advocate_server::accounts::DisableAdvocateArgs),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_logging(cli.config.log_format);
    match &cli.command {
        Some(Command::ImportFeeSchedule(files)) => return advocate_server::pricing::import::run(&cli.config, files).await,
        Some(Command::ImportUnitLimits(args)) => return advocate_server::bills::import_unit_limits(&cli.config, args).await,
        Some(Command::CreateAdvocate(args)) => return advocate_server::accounts::run_create_advocate(&cli.config, args).await,
        Some(Command::DisableAdvocate(args)) => return advocate_server::accounts::run_disable_advocate(&cli.config, args).await,
        None => {}
    }
    let app = Application::build(&cli.config).await?;
    tracing::info!(address = %app.local_addr(), base_path = %cli.config.base_path, "serving Advocate");
    app.run_until_stopped().await
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("ADVOCATE_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}
