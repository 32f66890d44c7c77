//! The app's own float formatting (`words::fixed`, `words::num`) says what Rust's `{:.N}` says,
//! halves rounded to even.
use blink_doctor::words::{fixed, num};

#[test]
fn fixed_matches_rusts_formatting_on_the_apps_numbers() {
    let values = [0.0, 0.04, 1.25, 0.125, 2.5, 0.1, 0.333, 0.5004, 1.0, 1.96, 2.05001, 9.99, 12.3456, 15.0, 99.6, 123.0, 1280.0 / 720.0, 4.0 / 3.0];
    for &x in &values {
        for d in 0..=4u32 {
            let want = format!("{:.*}", d as usize, x);
            assert_eq!(fixed(x, d), want, "{x} with {d} decimals");
            assert_eq!(fixed(-x, d), if fixed(x, d).trim_matches(|c| c == '0' || c == '.').is_empty() { want } else { format!("-{want}") }, "-{x} with {d} decimals");
        }
    }
}

#[test]
fn fixed_rounds_halves_to_even_and_names_non_numbers() {
    assert_eq!(fixed(2.5, 0), "2");
    assert_eq!(fixed(3.5, 0), "4");
    assert_eq!(fixed(-2.5, 0), "-2");
    assert_eq!(fixed(1.25, 1), "1.2");
    assert_eq!(fixed(0.125, 2), "0.12");
    assert_eq!(fixed(f64::NAN, 1), "NaN");
    assert_eq!(fixed(f64::INFINITY, 1), "inf");
    assert_eq!(fixed(f64::NEG_INFINITY, 0), "-inf");
    assert_eq!(fixed(-0.01, 1), "0.0");
}

#[test]
fn num_drops_trailing_zeros() {
    assert_eq!(num(1.0), "1");
    assert_eq!(num(0.1), "0.1");
    assert_eq!(num(1.25), "1.25");
    assert_eq!(num(10.0), "10");
    assert_eq!(num(0.00001), "0");
    assert_eq!(num(2.50004), "2.5");
}
