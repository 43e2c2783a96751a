//! Writes sample exports into a directory, for `scripts/validate-exports.sh` to check with the
//! Compose and Kubernetes validators:
//!
//! ```text
//! cargo run -p headroom-core --example export_samples -- OUTDIR
//! ```
//!
//! For every sample spec (`headroom_core::export::samples`) it writes `<name>.compose.yaml` and
//! `<name>.k8s.yaml`, plus `<name>.csv`, and the default plan as `plan.yaml` and `plan.json`.

use std::path::PathBuf;
use std::process::ExitCode;

use headroom_core::codec::plan_file;
use headroom_core::export::{compose, csv, kubernetes, samples, DeploymentSpec};
use headroom_core::plan::Plan;

fn table(spec: &DeploymentSpec) -> String {
    let rows: Vec<Vec<String>> = spec
        .services
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.replicas.to_string(),
                compose::cpus(s.cpu_limit),
                s.memory_limit_mb.to_string(),
            ]
        })
        .collect();
    csv::to_csv(&["service", "replicas", "cpu_cores", "memory_mib"], &rows)
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: export_samples OUTDIR");
        return ExitCode::from(2);
    };
    let mut files: Vec<(String, String)> = Vec::new();
    for (name, spec) in [("shop", samples::shop()), ("minimal", samples::minimal())] {
        files.push((format!("{name}.compose.yaml"), compose::to_yaml(&spec)));
        files.push((format!("{name}.k8s.yaml"), kubernetes::to_yaml(&spec)));
        files.push((format!("{name}.csv"), table(&spec)));
    }
    let plan = Plan::default();
    for format in [plan_file::Format::Yaml, plan_file::Format::Json] {
        match plan_file::export(&plan, format) {
            Ok(text) => files.push((format!("plan.{}", format.extension()), text)),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, text) in files {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
