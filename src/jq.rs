//! `--jq EXPR`: jq filters run in-process (jaq, a pure-Rust jq), so that
//! `gh-store get cfg --jq .data.port` works where jq is not installed. Numbers keep their
//! exact text and objects their key order on the way through.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Native, Vars};
use jaq_json::Val;
use serde_json::Value;

use crate::error::{Error, Result};

type Filter = jaq_core::compile::Filter<Native<data::JustLut<Val>>>;

/// A compiled jq expression.
pub struct Jq {
    filter: Filter,
}

/// One result of a filter: a string is printed raw (as `gh --jq` and `jq -r` do), anything
/// else as JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum JqOutput {
    Text(String),
    Json(Value),
}

impl std::fmt::Debug for Jq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Jq")
    }
}

impl Jq {
    /// Compiles `expr`; an expression that does not parse or names an unknown filter is a
    /// usage error, before any request.
    pub fn compile(expr: &str) -> Result<Jq> {
        let invalid = |why: String| {
            Error::usage(format!("invalid --jq expression {expr:?}: {why}"))
                .with_hint("the jq language: https://jqlang.org/manual/")
        };
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let loader = Loader::new(defs);
        let arena = Arena::default();
        let program = File {
            code: expr,
            path: (),
        };
        let modules = loader.load(&arena, program).map_err(|errors| {
            let what: Vec<String> = errors
                .iter()
                .map(|(_, error)| match error {
                    jaq_core::load::Error::Parse(expected) => {
                        let near: Vec<String> = expected
                            .iter()
                            .map(|(want, found)| {
                                let found = if found.is_empty() {
                                    "the end".to_string()
                                } else {
                                    format!("{:?}", found.chars().take(20).collect::<String>())
                                };
                                format!("expected {} at {found}", want.as_str())
                            })
                            .collect();
                        near.join("; ")
                    }
                    other => format!("{other:?}"),
                })
                .collect();
            invalid(what.join("; "))
        })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let names: Vec<String> = errors
                    .iter()
                    .flat_map(|(_, undefined)| undefined.iter().map(|(name, _)| name.to_string()))
                    .collect();
                invalid(format!("undefined: {}", names.join(", ")))
            })?;
        Ok(Jq { filter })
    }

    /// Runs the filter on one document: every result, or the first error (exit 1).
    pub fn run(&self, input: &Value) -> Result<Vec<JqOutput>> {
        let text = serde_json::to_string(input).expect("a JSON value always serialises");
        let input = jaq_json::read::parse_single(text.as_bytes())
            .map_err(|e| Error::failure(format!("--jq: cannot read the input: {e}")))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut outputs = Vec::new();
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = result.map_err(|e| Error::failure(format!("--jq: {e}")))?;
            outputs.push(match value {
                Val::TStr(bytes) => JqOutput::Text(String::from_utf8_lossy(&bytes).into_owned()),
                other => {
                    let text = other.to_string();
                    JqOutput::Json(crate::json::parse(&text).map_err(|e| {
                        Error::failure(format!(
                            "--jq produced a value that is not JSON ({e}): {text}"
                        ))
                    })?)
                }
            });
        }
        Ok(outputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expr: &str, input: &str) -> Vec<JqOutput> {
        Jq::compile(expr)
            .unwrap()
            .run(&crate::json::parse(input).unwrap())
            .unwrap()
    }

    #[test]
    fn strings_are_raw_and_values_keep_their_numbers_and_key_order() {
        assert_eq!(
            run(
                ".data.name, .data.port",
                r#"{"data":{"name":"web","port":8080}}"#
            ),
            [JqOutput::Text("web".into()), JqOutput::Json(json!(8080))]
        );
        let big = r#"{"z":1,"a":18446744073709551617,"f":1.10}"#;
        let JqOutput::Json(value) = &run(".", big)[0] else {
            panic!("a JSON result");
        };
        assert_eq!(serde_json::to_string(value).unwrap(), big);
    }

    #[test]
    fn bad_expressions_are_usage_errors_and_runtime_errors_failures() {
        let parse = Jq::compile(".data |").unwrap_err();
        assert_eq!(parse.exit_code(), 2, "{}", parse.message);
        let unknown = Jq::compile("nosuchfilter").unwrap_err();
        assert!(
            unknown.message.contains("nosuchfilter"),
            "{}",
            unknown.message
        );
        let runtime = Jq::compile(".a.b")
            .unwrap()
            .run(&json!({"a": 1}))
            .unwrap_err();
        assert_eq!(runtime.exit_code(), 1);
        assert!(
            runtime.message.starts_with("--jq: cannot index"),
            "{}",
            runtime.message
        );
    }
}
