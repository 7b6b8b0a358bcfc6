//! Command-line values from the library's closed sets ([`crate::model::Choice`]): a clap
//! value parser that accepts each value's name and aliases (case ignored), lists the
//! allowed values in `--help` and completions, and turns anything else into a usage error
//! (exit 2) that names them.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::model::{Choice, choice};

/// Parses one `T` from the command line.
#[derive(Clone, Copy)]
pub struct ChoiceParser<T>(PhantomData<T>);

/// The parser for `#[arg(value_parser = choice_parser::<T>())]`.
pub fn choice_parser<T: Choice + Send + Sync>() -> ChoiceParser<T> {
    ChoiceParser(PhantomData)
}

fn possible<T: Choice>() -> impl Iterator<Item = PossibleValue> {
    T::ALL
        .iter()
        .map(|v| PossibleValue::new(v.name()).aliases(v.aliases().iter().copied()))
}

impl<T: Choice + Send + Sync + Clone> TypedValueParser for ChoiceParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        if let Some(v) = value.to_str().and_then(choice::parse::<T>) {
            return Ok(v);
        }
        // Let clap word the error, with the allowed values, as for any enum flag.
        PossibleValuesParser::new(possible::<T>())
            .parse_ref(cmd, arg, value)
            .and_then(|_| Err(clap::Error::new(clap::error::ErrorKind::InvalidValue)))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(possible::<T>()))
    }
}
