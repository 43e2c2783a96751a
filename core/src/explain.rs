//! How a figure explains itself: its inputs, the formula with those inputs filled in, and the
//! constraint that set it.
//!
//! Every sizing figure the engine produces carries an [`Explanation`], written for a planner:
//! `6 instances = ⌈412 req/s ÷ (100 req/s × 70 %)⌉ — CPU target binds`.

use serde::Serialize;

/// The reasoning behind one figure.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Explanation {
    /// The figure itself with its unit: "6 instances".
    pub figure: String,
    /// The formula with the inputs filled in: "⌈412 req/s ÷ (100 req/s × 70 %)⌉".
    pub formula: String,
    /// Each input as (name, value with unit).
    pub inputs: Vec<(String, String)>,
    /// What set the figure: "the CPU target binds", "the HA minimum binds".
    pub binding: String,
}

impl Explanation {
    /// Starts an explanation of `figure`.
    pub fn new(figure: impl Into<String>) -> Self {
        Self {
            figure: figure.into(),
            ..Self::default()
        }
    }

    /// Sets the formula.
    #[must_use]
    pub fn formula(mut self, formula: impl Into<String>) -> Self {
        self.formula = formula.into();
        self
    }

    /// Adds one input.
    #[must_use]
    pub fn input(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.inputs.push((name.into(), value.into()));
        self
    }

    /// Sets the binding constraint.
    #[must_use]
    pub fn binding(mut self, binding: impl Into<String>) -> Self {
        self.binding = binding.into();
        self
    }

    /// One line: "6 instances = ⌈…⌉ — the CPU target binds".
    ///
    /// # Example
    /// ```
    /// use headroom_core::explain::Explanation;
    /// let e = Explanation::new("6 instances")
    ///     .formula("⌈412 req/s ÷ (100 req/s × 70 %)⌉")
    ///     .binding("the CPU target binds");
    /// assert_eq!(e.sentence(), "6 instances = ⌈412 req/s ÷ (100 req/s × 70 %)⌉ — the CPU target binds");
    /// ```
    pub fn sentence(&self) -> String {
        let mut text = self.figure.clone();
        if !self.formula.is_empty() {
            text.push_str(" = ");
            text.push_str(&self.formula);
        }
        if !self.binding.is_empty() {
            text.push_str(" — ");
            text.push_str(&self.binding);
        }
        text
    }
}
