//! Plural categories of whole numbers, by a language's rules written as data (CLDR's syntax, the
//! part whole numbers need): `n = 1`, `n = 0,1`, `n % 10 = 2..4 and n % 100 != 12..14`, joined by
//! `and` (binds tighter) and `or`; words are separated by spaces, lists have none. A number no rule takes is `other`. Pure; the build checks
//! every rule with `check`, so the app meets only rules that parse.

/// The category of `n` under `rules` (category, condition), in order: the first that holds, else
/// "other". A condition that does not parse holds for no number.
pub fn category<'a>(rules: &[(&'a str, &'a str)], n: u64) -> &'a str {
    rules.iter().find(|(_, cond)| holds(cond, n) == Some(true)).map(|(c, _)| *c).unwrap_or("other")
}

/// Why `cond` is not a rule, if it is not.
pub fn check(cond: &str) -> Result<(), String> {
    holds(cond, 0).map(|_| ()).ok_or_else(|| format!("plural rule '{cond}' does not parse (e.g. 'n % 10 = 2..4 and n != 12')"))
}

/// Whether `cond` holds for `n`; None when it does not parse. Read word by word (no substring
/// search: that code would be the app's only use of it).
fn holds(cond: &str, n: u64) -> Option<bool> {
    let mut words = cond.split(' ').filter(|w| !w.is_empty());
    // `or` of `and`s: the alternative so far, and whether any alternative held.
    let (mut all, mut any) = (true, false);
    loop {
        all &= relation(&mut words, n)?;
        match words.next() {
            None => return Some(any || all),
            Some("and") => {}
            Some("or") => {
                any |= all;
                all = true;
            }
            Some(_) => return None,
        }
    }
}

/// `n [% m] (= | !=) list`, where list is values and ranges `a..b` joined by commas.
fn relation<'a>(words: &mut impl Iterator<Item = &'a str>, n: u64) -> Option<bool> {
    if words.next()? != "n" {
        return None;
    }
    let mut op = words.next()?;
    let mut value = n;
    if op == "%" {
        value = n.checked_rem(words.next()?.parse().ok()?)?;
        op = words.next()?;
    }
    let negated = match op {
        "=" => false,
        "!=" => true,
        _ => return None,
    };
    let mut found = false;
    for item in words.next()?.split(',') {
        // Split, not sliced: a slice that can panic brings its message's formatting into the
        // first wasm module (~2 KB).
        let (lo, hi) = match item.split_once('.') {
            Some((lo, rest)) => (lo.parse::<u64>().ok()?, rest.strip_prefix('.')?.parse::<u64>().ok()?),
            None => {
                let v = item.parse::<u64>().ok()?;
                (v, v)
            }
        };
        found |= (lo..=hi).contains(&value);
    }
    Some(found != negated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_french_japanese() {
        let en = [("one", "n = 1")];
        assert_eq!(category(&en, 1), "one");
        assert_eq!(category(&en, 0), "other");
        assert_eq!(category(&en, 2), "other");
        let fr = [("one", "n = 0,1")];
        assert_eq!(category(&fr, 0), "one");
        assert_eq!(category(&fr, 1), "one");
        assert_eq!(category(&fr, 2), "other");
        assert_eq!(category(&[], 1), "other");
    }

    #[test]
    fn slavic_style_rules() {
        // Polish: one, few, many.
        let pl = [("one", "n = 1"), ("few", "n % 10 = 2..4 and n % 100 != 12..14"), ("many", "n != 1 and n % 10 = 0..1 or n % 10 = 5..9 or n % 100 = 12..14")];
        let cats: Vec<&str> = [1, 2, 5, 12, 22, 25, 101].iter().map(|&n| category(&pl, n)).collect();
        assert_eq!(cats, ["one", "few", "many", "many", "few", "many", "many"]);
    }

    #[test]
    fn broken_rules_are_reported() {
        assert!(check("n = 1").is_ok());
        assert!(check("n % 10 = 2..4 and n % 100 != 12..14").is_ok());
        for bad in ["", "x = 1", "n = one", "n % 0 = 1", "n == 1", "n = 1 or", "n = 1..b", "n = 1.2", "n = 1, 2"] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
