//! Work shared over the machine's cores: the pipeline's stages are sequential, but within
//! one stage many independent pieces (schemas to read, files to format) can go side by side.

use std::sync::Mutex;

use crate::config::PIPELINE_STACK;
use crate::error::Error;

/// Runs `work` on every item on one thread per core, each with the pipeline's stack (deep
/// specs need it), taking items in order as threads come free, while `meanwhile` runs on
/// this thread. The results come back in the order of `items`, so they are the same however
/// the work was shared.
pub fn map_while<T: Send, R: Send, M>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
    meanwhile: impl FnOnce() -> M,
) -> Result<(Vec<R>, M), Error> {
    let count = items.len();
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get).min(count);
    let queue = Mutex::new(items.into_iter().enumerate());
    let panicked = || Error::Internal("a worker thread panicked".to_owned());
    std::thread::scope(|scope| {
        let workers = (0..threads)
            .map(|index| {
                std::thread::Builder::new()
                    .name(format!("openapi-gen worker {index}"))
                    .stack_size(PIPELINE_STACK)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        // The lock is never held across `work`, so it cannot be poisoned.
                        while let Some((index, item)) = queue.lock().ok().and_then(|mut queue| queue.next()) {
                            done.push((index, work(item)));
                        }
                        done
                    })
                    .map_err(|e| Error::Internal(format!("cannot start a worker thread: {e}")))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let result = meanwhile();
        let mut slots: Vec<Option<R>> = (0..count).map(|_| None).collect();
        for worker in workers {
            for (index, done) in worker.join().map_err(|_| panicked())? {
                slots[index] = Some(done);
            }
        }
        let results = slots.into_iter().collect::<Option<Vec<R>>>().ok_or_else(panicked)?;
        Ok((results, result))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let (squares, side) = map_while((0..100_u64).collect(), |n| n * n, || "done").expect("runs");
        assert_eq!(squares, (0..100_u64).map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(side, "done");
        let (none, ()) = map_while(Vec::<u8>::new(), |n| n, || ()).expect("runs");
        assert!(none.is_empty());
    }
}
