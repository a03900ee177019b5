//! Print the outline and metadata of files in the compact form the snapshot tests use:
//! `cargo run -p policykg-outline --example show -- FILE...`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    for arg in std::env::args().skip(1) {
        let doc = match policykg_read::read_path(arg.as_ref(), &policykg_read::Limits::default()) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let parsed = policykg_outline::parse(doc, policykg_ontology::Ontology::bundled());
        println!("== {arg}");
        print!("{}", common::render(&parsed));
    }
}
