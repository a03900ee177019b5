//! Prints the tasks of corpus documents as the task snapshots show them: one line per task, one
//! per responsibility, with roles, bases and spans. Paths are relative to `corpus/`:
//! `cargo run -p policykg-extract --example tasks -- seeds/001_a6818095697d7a7c.txt`.

#[path = "../tests/common/tasks_render.rs"]
mod tasks_render;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: tasks REL… (paths relative to corpus/)");
        std::process::exit(2);
    }
    for rel in paths {
        if !tasks_render::corpus(&rel).is_file() {
            eprintln!("{rel}: no such file under corpus/");
            std::process::exit(1);
        }
        println!("== {rel}\n{}", tasks_render::render(&rel));
    }
}
