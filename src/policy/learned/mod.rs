//! The learned stage: a small logistic regression over the letters of a cookie's name and
//! its lifetime ([`features`]), for cookies no rule names and whose name gave the
//! heuristics no clue, so only the lifetime and flags spoke. It is last in the match
//! order and never overrides a rule, the Open Cookie Database or a word the heuristics
//! know.
//!
//! It learns from the names crumbs' own knowledge base and the bundled Open Cookie
//! Database (Apache-2.0) give a category ([`corpus`]), never from a labelled set the tests
//! measure. The weights are trained by `cargo run --release --example train-model` and
//! shipped in `assets/model/names.bin`; a test retrains them and checks the shipped copy
//! still matches the knowledge base, so the two cannot drift apart.

pub mod corpus;
pub mod features;
pub mod train;

use std::sync::OnceLock;

use crate::Result;
use crate::error::Error;
use crate::model::Category;
use features::{BUCKETS, Span};

/// The categories the model chooses between, in weight-column order.
pub const CLASSES: [Category; 4] = [
    Category::Necessary,
    Category::Preferences,
    Category::Statistics,
    Category::Marketing,
];

/// The first bytes of a weights file: the format and the feature layout it was made for.
const MAGIC: &[u8; 16] = b"crumbs-names-v1\n";

/// Where the shipped weights live, for messages and the trainer.
pub const FILE: &str = "assets/model/names.bin";

const SHIPPED: &[u8] = include_bytes!("../../../assets/model/names.bin");

/// One weight per feature bucket and category.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    weights: Box<[[f32; 4]]>,
}

/// The model's answer for one name: the likeliest category and how likely it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    pub category: Category,
    /// Between 0 and 1.
    pub probability: f32,
}

impl Model {
    /// A model with every weight zero: it rates the four categories alike.
    pub fn zero() -> Model {
        Model {
            weights: vec![[0.0; 4]; BUCKETS].into_boxed_slice(),
        }
    }

    pub(crate) fn weights_mut(&mut self) -> &mut [[f32; 4]] {
        &mut self.weights
    }

    /// The probability of each of [`CLASSES`] for a cookie of this name and span.
    pub fn probabilities(&self, name: &str, span: Span) -> [f32; 4] {
        let mut z = [0f32; 4];
        features::each(name, span, |b| {
            for (zk, wk) in z.iter_mut().zip(self.weights[b]) {
                *zk += wk;
            }
        });
        softmax(z)
    }

    pub fn predict(&self, name: &str, span: Span) -> Prediction {
        let p = self.probabilities(name, span);
        let mut best = 0;
        for k in 1..4 {
            // Ties go to the first class (necessary), as the heuristics' ties do.
            if p[k] > p[best] {
                best = k;
            }
        }
        Prediction {
            category: CLASSES[best],
            probability: p[best],
        }
    }

    /// The weights as a file: [`MAGIC`], then every weight as little-endian `f32`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAGIC.len() + BUCKETS * 16);
        out.extend_from_slice(MAGIC);
        for w in self.weights.iter().flatten() {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(origin: &str, bytes: &[u8]) -> Result<Model> {
        let bad = |why: &str| Error::Parse {
            path: origin.into(),
            message: why.into(),
        };
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| bad("not a crumbs name model (wrong header)"))?;
        if body.len() != BUCKETS * 16 {
            return Err(bad(&format!(
                "{} bytes of weights, expected {}",
                body.len(),
                BUCKETS * 16
            )));
        }
        let mut model = Model::zero();
        for (w, chunk) in model.weights.iter_mut().flatten().zip(body.chunks_exact(4)) {
            let v = f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            if !v.is_finite() {
                return Err(bad("a weight is not a finite number"));
            }
            *w = v;
        }
        Ok(model)
    }
}

/// The shipped model, read on first use. `None` only if the embedded file were damaged,
/// which a test rules out; classification then keeps the heuristics' guess.
pub fn shipped() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(FILE, SHIPPED).ok())
        .as_ref()
}

fn softmax(z: [f32; 4]) -> [f32; 4] {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = z.map(|v| (v - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|v| v / sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_survive_a_round_trip_and_bad_files_are_refused() {
        let mut m = Model::zero();
        m.weights_mut()[7] = [0.5, -1.0, 2.0, 0.25];
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes("t", &bytes).ok(), Some(m));
        assert!(Model::from_bytes("t", &bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes("t", b"crumbs-names-v0\n").is_err());
        let mut nan = bytes.clone();
        nan[16..20].copy_from_slice(&f32::NAN.to_le_bytes());
        let err = Model::from_bytes("t", &nan).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("finite")));
    }

    #[test]
    fn a_zero_model_rates_all_four_alike() {
        let p = Model::zero().predict("anything", Span::Session);
        assert_eq!(p.category, Category::Necessary);
        assert!((p.probability - 0.25).abs() < 1e-6);
    }

    #[test]
    fn the_shipped_model_loads() {
        assert!(shipped().is_some());
    }
}
