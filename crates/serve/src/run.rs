//! What `policykg serve` needs around the router: parsing its flag values, JSON-lines logging to
//! stderr, and a blocking entry point that owns the runtime, binds, serves and shuts down on
//! SIGINT/SIGTERM.

use std::time::Duration;

use oxigraph::store::Store;
use tokio::net::TcpListener;

use crate::Config;

/// Parses a duration: `30` (seconds), `30s`, `500ms`, `2m`, `1.5s`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a duration (e.g. 30s, 500ms, 2m)"))?;
    let seconds = match unit.trim() {
        "" | "s" | "sec" | "secs" => value,
        "ms" => value / 1000.0,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        other => {
            return Err(format!(
                "unknown unit '{other}' in '{text}' (use ms, s, m or h)"
            ))
        }
    };
    if !seconds.is_finite() || seconds <= 0.0 || seconds > 86_400.0 {
        return Err(format!("'{text}' must be more than 0 and at most 24h"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Parses a byte size: `1048576`, `512KiB`, `10MiB`, `1MB`, `1G` (K/M/G are powers of 1024).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a size (e.g. 1048576, 512KiB, 10MiB)"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown unit '{other}' in '{text}' (use KiB, MiB or GiB)"
            ))
        }
    };
    let bytes = value
        .checked_mul(multiplier)
        .filter(|b| *b > 0)
        .ok_or_else(|| format!("'{text}' is out of range"))?;
    usize::try_from(bytes).map_err(|_| format!("'{text}' is out of range"))
}

/// How log lines look on stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object per line (for machines: access logs go to log collectors).
    Json,
    /// Human-readable lines.
    Text,
}

/// Sends `tracing` events to stderr; `RUST_LOG` overrides the default level (`info`).
pub fn init_logging(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // try_init: a second call (tests, embedding) keeps the first subscriber.
    let _ = match format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("cannot listen on {bind}: {source} (is another server using it? choose another with --bind)")]
    Bind {
        bind: String,
        source: std::io::Error,
    },
    #[error("cannot serve with these connection limits: {0}")]
    Limits(String),
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
}

/// Binds `bind`, serves until SIGINT/SIGTERM, then lets requests in flight finish.
pub fn run_blocking(bind: &str, store: Store, config: Config) -> Result<(), RunError> {
    // Checked before binding, so a cap the descriptor limit cannot hold is a clear start-up error.
    crate::Limits::new(&config).map_err(RunError::Limits)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("policykg-serve")
        .build()
        .map_err(RunError::Runtime)?;
    runtime.block_on(async {
        let listener = TcpListener::bind(bind)
            .await
            .map_err(|source| RunError::Bind {
                bind: bind.to_owned(),
                source,
            })?;
        let address = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_else(|_| bind.to_owned());
        tracing::info!(
            address = %address,
            url = %format!("http://{address}/"),
            store = %config.store_label,
            writable = config.token.is_some(),
            timeout_ms = config.timeout.as_millis() as u64,
            max_rows = config.max_rows,
            max_body = config.max_body,
            examples = crate::examples().len(),
            "policykg serve listening"
        );
        crate::serve(listener, store, config, crate::shutdown_signal())
            .await
            .map_err(RunError::Serve)?;
        tracing::info!("policykg serve stopped");
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("10 parsecs").is_err());
        assert!(parse_duration("99999h").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("1.5MiB").is_err());
        assert!(parse_size("99999999999999999999").is_err());
        assert!(parse_size("18446744073709551615GiB").is_err());
        assert!(parse_size("ten").is_err());
    }
}
