//! The plan's ranges: the trials' settings, and each uncertain field with its distribution.
//!
//! One difference from the derive, in words only: a band of more than two percentiles is
//! "invalid length 3, expected an array of length 2", where serde_json's text reader says
//! "trailing characters".

use super::{tagged, variant, At, Fault, Fields, Read};
use crate::plan::{Distribution, Range, Uncertainty};
use serde_json::Value;
#[cfg(feature = "yaml")]
use {
    super::schema::{count, fields, integer, models, nullable, or, req, written, Defs},
    crate::codec::json::object,
    crate::validate::{specs, MAX_LIST},
};

impl Read for Uncertainty {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct Uncertainty",
            &["seed", "trials", "band_pct", "size_for_pct", "ranges"],
        )?;
        let d = Uncertainty::default();
        Ok(Uncertainty {
            seed: f.or("seed", d.seed)?,
            trials: f.or("trials", d.trials)?,
            band_pct: f.or("band_pct", d.band_pct)?,
            size_for_pct: f.opt_number("size_for_pct")?,
            ranges: f.opt("ranges")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        let u = Uncertainty::default();
        fields(
            "Ranges in place of some of the plan's numbers, and the seeded trials run over \
             them; each field keeps its number, the plan's point estimate.",
            vec![
                or(
                    "seed",
                    super::schema::described(
                        integer(0, u32::MAX.into()),
                        "Seed of the trials: the same plan and seed give the same bands.",
                    ),
                    u.seed,
                ),
                or("trials", count(specs::TRIALS), u.trials),
                or(
                    "band_pct",
                    object(vec![
                        (
                            "description",
                            "Lower and upper percentile of a band, in percent: the lower \
                             above 0 and below 50, the upper above 50 and below 100."
                                .into(),
                        ),
                        ("type", "array".into()),
                        ("items", percentile()),
                        ("minItems", 2.into()),
                        ("maxItems", 2.into()),
                    ]),
                    Value::Array(u.band_pct.iter().map(|&x| x.into()).collect()),
                ),
                or(
                    "size_for_pct",
                    nullable(super::schema::described(
                        percentile(),
                        "The percentile the sizing tables and exports size for, above 0 and \
                         below 100; the plan's own numbers when left out.",
                    )),
                    Value::Null,
                ),
                or(
                    "ranges",
                    super::schema::list(d.of::<Range>(), 0, MAX_LIST),
                    Value::Array(Vec::new()),
                ),
            ],
        )
    }
}

/// A percentile, in percent.
#[cfg(feature = "yaml")]
fn percentile() -> Value {
    object(vec![
        ("type", "number".into()),
        ("minimum", 0.into()),
        ("maximum", 100.into()),
    ])
}

impl Read for [f64; 2] {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        const EXPECTED: &str = "an array of length 2";
        let items = value
            .as_array()
            .ok_or_else(|| at.wrong_type(value, EXPECTED))?;
        let mut read = [0.0; 2];
        for (i, slot) in read.iter_mut().enumerate() {
            let item = items.get(i).ok_or_else(|| {
                at.fail(format!(
                    "invalid length {}, expected {EXPECTED}",
                    items.len()
                ))
            })?;
            *slot = f64::read(item, &at.index(i))?;
        }
        if items.len() > read.len() {
            return Err(at.fail(format!(
                "invalid length {}, expected {EXPECTED}",
                items.len()
            )));
        }
        Ok(read)
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        object(vec![
            ("type", "array".into()),
            ("items", super::of_type("number")),
            ("minItems", 2.into()),
            ("maxItems", 2.into()),
        ])
    }
}

impl Read for Range {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(value, at, "struct Range", &["field", "distribution"])?;
        Ok(Range {
            field: f.req("field")?,
            distribution: f.req("distribution")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        fields(
            "One uncertain number of the plan.",
            vec![
                req(
                    "field",
                    written(
                        crate::codec::field_path::PATTERN,
                        "The field, as Headroom's messages name it: \
                         scenarios[0].growth.monthly_growth_pct, baseline.units, \
                         catalogs.instances[2].usd_per_month. A number of the plan that is \
                         not a whole number (not a month or a count), at most one range \
                         each.",
                    ),
                ),
                req("distribution", d.of::<Distribution>()),
            ],
        )
    }
}

impl Read for Distribution {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        const TAG: &str = "shape";
        let (map, name) = tagged(
            value,
            at,
            "internally tagged enum Distribution",
            TAG,
            &Distribution::SHAPES,
        )?;
        let names = Distribution::parameter_names(name);
        let f = variant(map, at, TAG, names)?;
        // By the table of names, not a reading per shape and parameter: one loop for all.
        let mut parameters = [0.0; 3];
        for (slot, name) in parameters.iter_mut().zip(names) {
            *slot = f.req(name)?;
        }
        // `tagged` took only a name of `SHAPES`.
        Ok(
            Distribution::of_parameters(name, parameters).unwrap_or(Distribution::Uniform {
                low: 0.0,
                high: 0.0,
            }),
        )
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        let number = |about: &str| super::schema::described(super::of_type("number"), about);
        let (low, likely, high) = (
            || req("low", number("Least value.")),
            || {
                req(
                    "likely",
                    number("Most likely value (the mode), from low to high."),
                )
            },
            || req("high", number("Greatest value, at least low.")),
        );
        models(
            "What values a field may take, in the field's own unit.",
            "shape",
            vec![
                (
                    "uniform",
                    "Every value from low to high equally likely.",
                    vec![low(), high()],
                ),
                (
                    "triangular",
                    "Density rising straight from low to likely and falling to high.",
                    vec![low(), likely(), high()],
                ),
                (
                    "pert",
                    "A scaled beta (λ = 4): like the triangular, with less weight in the \
                     tails; mean (low + 4·likely + high) ÷ 6.",
                    vec![low(), likely(), high()],
                ),
                (
                    "normal",
                    "Normal (Gaussian).",
                    vec![
                        req("mean", number("Mean.")),
                        req("sd", number("Standard deviation, at least 0.")),
                    ],
                ),
                (
                    "lognormal",
                    "ln X is normal: given by its median and the factor one standard \
                     deviation multiplies by.",
                    vec![
                        req("median", number("Median, above 0.")),
                        req("gsd", number("Geometric standard deviation, at least 1.")),
                    ],
                ),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::read;
    use crate::plan::{Distribution, Plan, Range, Uncertainty};
    use serde_json::json;

    fn with_uncertainty(section: serde_json::Value) -> serde_json::Value {
        let mut document = serde_json::to_value(Plan::default()).unwrap();
        document["uncertainty"] = section;
        document
    }

    #[test]
    fn a_section_reads_with_defaults_for_what_it_leaves_out() {
        let plan = read(&with_uncertainty(json!({}))).unwrap();
        assert_eq!(plan.uncertainty, Some(Uncertainty::default()));
        let plan = read(&with_uncertainty(json!(null))).unwrap();
        assert_eq!(plan.uncertainty, None);
        let plan = read(&with_uncertainty(json!({
            "seed": 7, "band_pct": [5, 95], "size_for_pct": 90,
            "ranges": [{"field": "baseline.units",
                        "distribution": {"shape": "pert", "low": 800, "likely": 1000, "high": 1500}}]
        })))
        .unwrap();
        assert_eq!(
            plan.uncertainty,
            Some(Uncertainty {
                seed: 7,
                band_pct: [5.0, 95.0],
                size_for_pct: Some(90.0),
                ranges: vec![Range {
                    field: "baseline.units".to_owned(),
                    distribution: Distribution::Pert {
                        low: 800.0,
                        likely: 1000.0,
                        high: 1500.0
                    },
                }],
                ..Uncertainty::default()
            })
        );
    }

    #[test]
    fn errors_name_the_field_and_say_why() {
        for (section, path, message) in [
            (
                json!({"band_pct": [10]}),
                "uncertainty.band_pct",
                "invalid length 1, expected an array of length 2",
            ),
            (
                json!({"band_pct": [10, 50, 90]}),
                "uncertainty.band_pct",
                "invalid length 3, expected an array of length 2",
            ),
            (
                json!({"band_pct": [10, "high"]}),
                "uncertainty.band_pct[1]",
                "invalid type: string \"high\", expected f64",
            ),
            (
                json!({"ranges": [{"field": "baseline.units",
                                   "distribution": {"shape": "beta", "low": 1}}]}),
                "uncertainty.ranges[0].distribution.shape",
                "unknown variant `beta`, expected one of `uniform`, `triangular`, `pert`, \
                 `normal`, `lognormal`",
            ),
            (
                json!({"ranges": [{"field": "baseline.units",
                                   "distribution": {"shape": "normal", "mean": 1, "low": 0}}]}),
                "uncertainty.ranges[0].distribution.low",
                "unknown field `low`, expected `mean` or `sd`",
            ),
            (
                json!({"ranges": [{"field": "baseline.units",
                                   "distribution": {"shape": "uniform", "low": 1}}]}),
                "uncertainty.ranges[0].distribution",
                "missing field `high`",
            ),
            (
                json!({"trials": -3}),
                "uncertainty.trials",
                "invalid value: integer `-3`, expected u32",
            ),
        ] {
            let e = read(&with_uncertainty(section)).unwrap_err();
            assert_eq!((e.path.as_str(), e.message.as_str()), (path, message));
        }
    }
}
