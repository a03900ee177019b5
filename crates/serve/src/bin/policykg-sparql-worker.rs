//! The query worker as a binary of its own, for this crate's integration tests (the `policykg`
//! CLI runs the same code as `policykg sparql-worker`); see `policykg_serve::worker`.

fn main() -> std::process::ExitCode {
    policykg_serve::worker::main()
}

// mimalloc replaces malloc for the whole process, as in the policykg CLI.
use libmimalloc_sys as _;
