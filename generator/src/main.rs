//! The `openapi-gen` command: a thin clap adapter over [`openapi_gen::Config`].
//!
//! Exit codes: 0 success, 1 stale output (`check`), examples that do not read (`examples`)
//! or a breaking change refused by `--deny-breaking`, 2 invalid input or any other failure.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use openapi_gen::lock::NameLock;
use openapi_gen::{Config, Error, Generated, Recorded, Severity, coverage_line};

/// Generation allocates many small values (JSON, tokens, syntax trees); mimalloc makes that
/// markedly faster than the system allocator. The library leaves the choice to its user.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate a typed async Rust client crate from an OpenAPI 3.0 or 3.1 document (JSON or YAML).
///
/// Exit codes: 0 success, 1 `check` found stale files (or `examples` found examples that do
/// not read, or `--deny-breaking` refused a breaking change), 2 the spec is invalid or
/// generation failed. Warnings name each part of the spec that got a less precise type than it asks
/// for, by JSON pointer.
#[derive(Parser)]
#[command(name = "openapi-gen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a complete standalone crate (Cargo.toml and src/) for SPEC into --out.
    ///
    /// Nothing is written unless generation succeeds; unchanged files are not touched, and
    /// files in --out that openapi-gen does not generate are left alone.
    Generate(Options),
    /// Exit 1, naming the stale files, when --out differs from what `generate` would write.
    /// Never writes.
    Check(Options),
    /// Read every example in SPEC as the generated types would, and report each one that
    /// does not read, at the place inside it that does not (exit 1 when any does not).
    Examples(ExampleOptions),
}

#[derive(Args)]
struct ExampleOptions {
    #[command(flatten)]
    spec: SpecOptions,
    /// Print the summary only.
    #[arg(long, short)]
    quiet: bool,
}

/// How the spec is read and its types made, for `generate`, `check` and `examples` alike.
#[derive(Args)]
struct SpecOptions {
    /// The OpenAPI document: `.json`, `.yaml` or `.yml` (other names are recognised by content).
    spec: PathBuf,
    /// The directory that files named by relative `$ref`s must be inside. Default: the spec's directory.
    #[arg(long, value_name = "DIR")]
    ref_root: Option<PathBuf>,
    /// Optional nullable properties get `Tristate<T>` (absent, null or a value) instead of
    /// `Option<T>`, so requests can send an explicit null, as PATCH often needs.
    #[arg(long)]
    tri_state: bool,
    /// Strings in the formats `date-time`, `date` and `uuid` get chrono's and uuid's types
    /// instead of `String`; the crate then depends on chrono and uuid.
    #[arg(long)]
    typed_formats: bool,
    /// Read a response whose required property is missing or null with an empty value
    /// there, recording each such place on the response, instead of failing.
    #[arg(long)]
    lenient: bool,
    /// Apply this OpenAPI Overlay 1.0 document to the spec first; repeat for several, applied
    /// in order. Given to `generate` or `check`, they replace the overlays recorded in --out.
    #[arg(long, value_name = "FILE")]
    overlay: Vec<PathBuf>,
}

impl ExampleOptions {
    fn run(&self) -> Result<ExitCode, Error> {
        let spec = &self.spec;
        let mut config = Config::new();
        config.tri_state(spec.tri_state).typed_formats(spec.typed_formats).lenient(spec.lenient);
        for overlay in &spec.overlay {
            config.overlay(overlay);
        }
        if let Some(root) = &spec.ref_root {
            config.ref_root(root);
        }
        let report = config.check_examples(&spec.spec)?;
        let file =
            spec.spec.file_name().map_or_else(|| spec.spec.display().to_string(), |n| n.to_string_lossy().into_owned());
        if !self.quiet {
            for diagnostic in report.deviations.iter().chain(&report.mismatches) {
                eprintln!("{}\n", diagnostic.render(&file));
            }
        }
        eprintln!("{}", report.summary());
        Ok(if report.mismatches.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
    }
}

#[derive(Args)]
struct Options {
    #[command(flatten)]
    spec: SpecOptions,
    /// The crate directory to write or check.
    #[arg(long, short)]
    out: PathBuf,
    /// The package name. Default: the spec's title in kebab case.
    #[arg(long)]
    crate_name: Option<String>,
    /// The package version. Default: the spec's info.version if it is a semantic version, else 0.1.0.
    #[arg(long)]
    crate_version: Option<String>,
    /// The package's `license` (an SPDX expression such as `MIT OR Apache-2.0`). Default: none.
    #[arg(long, value_name = "SPDX")]
    crate_license: Option<String>,
    /// The package's `repository` URL. Default: none.
    #[arg(long, value_name = "URL")]
    crate_repository: Option<String>,
    /// Fail (exit 2) if any part of the spec would get a less precise type than it asks for.
    #[arg(long)]
    deny_warnings: bool,
    /// Put each tag's operations behind a cargo feature (`auto`: when there are at least 100
    /// operations in at least two tags). Default: as recorded in --out, else `auto`.
    #[arg(long, value_enum)]
    tag_features: Option<Switch>,
    /// Fail (exit 1, writing nothing) when the public API changes in a way that breaks code
    /// written against the crate in --out: a removed or retyped item, a new required field,
    /// a new variant of an enum without a catch-all, a narrower feature gate.
    #[arg(long)]
    deny_breaking: bool,
    /// Print errors only.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Switch {
    Auto,
    On,
    Off,
}

impl Options {
    /// The options recorded in --out (`openapi-gen.yaml`), with those given here over them.
    fn config(&self) -> Result<Config, Error> {
        let mut options = Recorded::read_from(&self.out)?.unwrap_or_default();
        let given = |flag: &Option<String>, recorded: &mut Option<String>| {
            if flag.is_some() {
                recorded.clone_from(flag);
            }
        };
        given(&self.crate_name, &mut options.crate_name);
        given(&self.crate_version, &mut options.crate_version);
        given(&self.crate_license, &mut options.crate_license);
        given(&self.crate_repository, &mut options.crate_repository);
        // A switch given turns its option on; one left out keeps what was recorded.
        options.tri_state |= self.spec.tri_state;
        options.typed_formats |= self.spec.typed_formats;
        options.lenient |= self.spec.lenient;
        if !self.spec.overlay.is_empty() {
            options.overlays = self.spec.overlay.iter().map(|path| path.display().to_string()).collect();
        }
        match self.tag_features {
            None => {}
            Some(Switch::Auto) => options.tag_features = None,
            Some(Switch::On) => options.tag_features = Some(true),
            Some(Switch::Off) => options.tag_features = Some(false),
        }
        let mut config = Config::from_recorded(&options);
        config.deny_warnings(self.deny_warnings).deny_breaking(self.deny_breaking);
        if let Some(lock) = NameLock::read_from(&self.out)? {
            config.name_lock(lock);
        }
        if let Some(root) = &self.spec.ref_root {
            config.ref_root(root);
        }
        Ok(config)
    }
}

fn main() -> ExitCode {
    let done = match &Cli::parse().command {
        Command::Generate(options) => generate(options, false),
        Command::Check(options) => generate(options, true),
        Command::Examples(examples) => examples.run(),
    };
    done.unwrap_or_else(|error| {
        eprintln!("{error}");
        ExitCode::from(2)
    })
}

/// `generate`, or with `check` set, `check`.
fn generate(options: &Options, check: bool) -> Result<ExitCode, Error> {
    let generated = options.config()?.generate_crate(&options.spec.spec)?;
    if !options.quiet {
        report(&generated);
    }
    let changes = generated.api_changes(&options.out)?;
    if !options.quiet
        && let Some(changes) = changes.as_ref().filter(|changes| !changes.is_empty())
    {
        eprint!("{changes}");
    }
    let denied = options.deny_breaking && changes.as_ref().is_some_and(|changes| changes.breaking().next().is_some());
    if check {
        let stale = generated.stale_files(&options.out);
        if denied {
            eprintln!("the public API changes in breaking ways, and --deny-breaking is given");
        }
        if stale.is_empty() {
            return Ok(if denied { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
        eprintln!("{} is stale; these files differ from what openapi-gen generates:", options.out.display());
        for path in stale {
            eprintln!("  {}", options.out.join(path).display());
        }
        eprintln!("regenerate with: {}", regenerate_command());
        return Ok(ExitCode::from(1));
    }
    match generated.write_reviewed(&options.out, changes.as_ref()) {
        Err(error @ Error::BreakingChanges { .. }) => {
            eprintln!("{error}\nnothing was written");
            return Ok(ExitCode::from(1));
        }
        written => written?,
    }
    if !options.quiet {
        eprintln!("wrote {}", options.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// This very command line with `generate` for `check`: the options recorded in the crate
/// are read again, and those given here are given again.
fn regenerate_command() -> String {
    let mut words = vec!["openapi-gen".to_owned()];
    let mut replaced = false;
    for arg in std::env::args().skip(1) {
        if !replaced && arg == "check" {
            words.push("generate".to_owned());
            replaced = true;
        } else if arg.is_empty() || arg.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
            words.push(format!("'{}'", arg.replace('\'', "'\\''")));
        } else {
            words.push(arg);
        }
    }
    words.join(" ")
}

fn report(generated: &Generated) {
    for warning in generated.warnings.iter().filter(|w| w.severity == Severity::Warning) {
        eprintln!("{}\n", warning.render(&generated.file_name));
    }
    eprintln!("{}", coverage_line(&generated.coverage));
}
