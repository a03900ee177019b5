//! The agency gazetteer: canonical agency names, their aliases and the abbreviation rules that
//! relate them (to be filled in by the agency work of issue 3).

use std::path::PathBuf;

use crate::{Jurisdictions, OntologyError};

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    pub fn bundled(_jurisdictions: &Jurisdictions) -> Gazetteer {
        Gazetteer {}
    }

    pub fn extend_dir(
        &mut self,
        _files: &[PathBuf],
        _jurisdictions: &Jurisdictions,
    ) -> Result<(), OntologyError> {
        Ok(())
    }
}
