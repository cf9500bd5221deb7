//! `--json FIELDS` and `--jq EXPR`, shared by the commands that print JSON documents (as gh
//! has them): the fields are checked against what the command prints, the expression is
//! compiled, both before any request.

use clap::Args;

use crate::error::{Error, Result};
use crate::jq::Jq;
use crate::output::Shape;

#[derive(Debug, Clone, Default, Args)]
pub struct ShapeArgs {
    /// Print only these fields of each object, comma-separated (e.g. object_id,version)
    #[arg(long, value_name = "FIELDS", value_delimiter = ',')]
    pub json: Option<Vec<String>>,
    /// Filter the output through a jq expression; strings print raw (jq need not be
    /// installed: it is built in)
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
}

/// The fields of `get`, `list` and `watch` objects.
pub const OBJECT_FIELDS: &[&str] = &["object_id", "created_at", "updated_at", "version", "data"];

impl ShapeArgs {
    /// The shape, with `--json`'s fields checked against `fields` (what the command prints).
    pub fn shape(&self, fields: &[&str]) -> Result<Shape> {
        let selected = match &self.json {
            None => None,
            Some(wanted) => {
                let available = || fields.join(", ");
                let wanted: Vec<String> = wanted
                    .iter()
                    .map(|f| f.trim().to_string())
                    .filter(|f| !f.is_empty())
                    .collect();
                if wanted.is_empty() {
                    return Err(Error::usage(format!(
                        "--json needs fields, comma-separated: {}",
                        available()
                    )));
                }
                if let Some(unknown) = wanted.iter().find(|f| !fields.contains(&f.as_str())) {
                    return Err(Error::usage(format!(
                        "unknown --json field {unknown:?}; available: {}",
                        available()
                    )));
                }
                Some(wanted)
            }
        };
        Ok(Shape {
            fields: selected,
            jq: self.jq.as_deref().map(Jq::compile).transpose()?,
        })
    }
}
