//! Generation speed and peak memory on GitHub's full REST spec and Stripe's, as
//! `cargo bench -p openapi-gen --bench generate` reports them. Not a test: the numbers are
//! printed, never asserted, since they depend on the machine.
//!
//! Each spec is generated in a child process of its own, so the peak resident memory it
//! reports (Linux's `VmHWM`) belongs to that spec alone: reading and decompressing the
//! input, then generating it `RUNS` times.

use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use openapi_gen::{Config, Format};

/// The allocator the `openapi-gen` binary uses, so the numbers are what its users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 5;
const SPECS: [(&str, &str); 2] = [("GitHub REST", "github-rest.json.gz"), ("Stripe", "stripe.json.gz")];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(index) = args.iter().position(|a| a == "--child") {
        measure(&args[index + 1]);
        return;
    }
    let me = std::env::current_exe().expect("the bench binary's path");
    for (name, file) in SPECS {
        let output = Command::new(&me).args(["--child", file]).output().expect("the child runs");
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        print!("{name:<12} {}", String::from_utf8_lossy(&output.stdout));
    }
}

fn measure(file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/large").join(file);
    let text = read_gzipped(&path);
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut lines = 0;
    for _ in 0..RUNS {
        let (start, cpu_start) = (Instant::now(), cpu_time());
        let generated = Config::new().generate_crate_from_str(&text, Format::Json, file).expect("generates");
        times.push(start.elapsed());
        cpu.push(cpu_time().zip(cpu_start).map(|((user, system), (user0, system0))| (user - user0, system - system0)));
        lines = generated.files.values().map(|f| f.lines().count()).sum::<usize>();
    }
    let median = median_run(&times);
    let cpu = match cpu[median] {
        Some((user, system)) => format!("CPU {:.0} ms user + {:.0} ms system", ms(user), ms(system)),
        None => "CPU time unknown (not Linux)".to_owned(),
    };
    println!(
        "{:>6.0} ms median of {RUNS} (fastest {:.0} ms; that run {cpu}), peak resident {}, {lines} lines",
        ms(times[median]),
        ms(*times.iter().min().expect("runs")),
        peak_resident().unwrap_or_else(|| "unknown (not Linux)".to_owned()),
    );
}

/// The index of the run with the median time.
fn median_run(times: &[Duration]) -> usize {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by_key(|&run| times[run]);
    order[times.len() / 2]
}

/// The CPU time this process has used so far, in user and in system (kernel) mode, from
/// `/proc/self/stat`, counted in Linux's fixed 1/100 s ticks. The system time shows when a
/// slow run was the kernel's doing: on some machines, finding huge pages for fresh memory
/// varies from one minute to the next.
fn cpu_time() -> Option<(Duration, Duration)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, in parentheses, may hold spaces; the fields after it do not.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 1..)?.split_whitespace().collect();
    let ticks = |index: usize| fields.get(index)?.parse::<u64>().ok().map(|t| Duration::from_millis(t * 10));
    // utime and stime are the 14th and 15th fields, the 12th and 13th after the name.
    Some((ticks(11)?, ticks(12)?))
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The process's peak resident memory so far, from `/proc/self/status`.
fn peak_resident() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{} MB", kilobytes / 1024))
}

fn read_gzipped(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).expect("a gzipped UTF-8 spec");
    text
}
