//! A stack deep enough for the parser, whatever thread calls it.
//!
//! The parser recurses a few frames per level of nesting, and unoptimized
//! chumsky frames are large: the deepest input [`lex::MAX_NESTING`] allows
//! takes about 1.6 MiB of stack in a debug build, close to the 2 MiB of a
//! test or tokio thread. Rather than grow the stack in place (`stacker`,
//! which costs every build script a C compiler run), input nested deeper
//! than real schemas are is parsed on a thread of its own, with a stack
//! sized for its depth; everything else stays on the caller's thread.
//!
//! [`lex::MAX_NESTING`]: crate::lex::MAX_NESTING

use std::panic;
use std::thread;

/// The deepest nesting parsed on the caller's thread: a handful of levels
/// (`list<optional<Point>>` inside a struct is three), which fits even a
/// 256 KiB thread.
const SHALLOW: usize = 4;

/// Stack per level of nesting on the parser's own thread: several times
/// what a debug build uses, since frames differ by build and target.
const PER_LEVEL: usize = 64 << 10;

/// Stack for everything around the recursion.
const BASE: usize = 1 << 20;

/// Runs `f`, which parses input nested `depth` levels deep: here when the
/// input is shallow, else on a scoped thread with a stack to match. Where
/// no thread can be started, `f` runs here after all.
pub(crate) fn for_depth<T: Send>(depth: usize, f: impl FnOnce() -> T + Send) -> T {
    if depth <= SHALLOW {
        return f();
    }
    let mut job = Some(f);
    let ran = thread::scope(|scope| {
        let job = &mut job;
        thread::Builder::new()
            .name("verso-parse".into())
            .stack_size(BASE + depth * PER_LEVEL)
            .spawn_scoped(scope, move || job.take().map(|f| f()))
            .ok()
            .map(|handle| handle.join())
    });
    match (ran, job) {
        (Some(Ok(Some(value))), _) => value,
        // The parser does not panic; if it ever does, the caller sees the
        // panic as if the parse had run on its own thread.
        (Some(Err(payload)), _) => panic::resume_unwind(payload),
        // No thread could be started (or it never ran the job).
        (_, Some(f)) => f(),
        (Some(Ok(None)), None) | (None, None) => {
            unreachable!("the job is either taken by the thread or still here")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_work_stays_on_the_callers_thread() {
        let caller = thread::current().id();
        assert_eq!(for_depth(SHALLOW, || thread::current().id()), caller);
    }

    #[test]
    fn deep_work_gets_a_thread_with_a_stack_to_match() {
        let caller = thread::current().id();
        let (id, name) = for_depth(SHALLOW + 1, || {
            (
                thread::current().id(),
                thread::current().name().map(str::to_owned),
            )
        });
        assert_ne!(id, caller);
        assert_eq!(name.as_deref(), Some("verso-parse"));
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let caught = panic::catch_unwind(|| for_depth(64, || panic!("inside")));
        let payload = caught.expect_err("the panic comes back");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"inside"));
    }
}
