//! Kubernetes resource quantities (`100m`, `1.5`, `256Mi`, `1e3`) as exact thousandths, so that
//! CPU, memory and pod counts add and compare without floating point, and back into words.

/// A quantity in thousandths of its unit (millicores, millibytes, millipods), rounded up as
/// the API server rounds requests.
pub type Milli = u128;

/// Parses a quantity; `None` when it is not one (or absurdly large).
#[must_use]
pub fn parse(text: &str) -> Option<Milli> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let number = number.strip_prefix('+').unwrap_or(number);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && fraction.is_empty())
        || whole.len() + fraction.len() > 30
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits: u128 = format!("{whole}{fraction}").parse().ok()?;
    // value = digits / 10^fraction × num / den, in thousandths.
    let (num, den) = multiplier(suffix)?;
    let den = den.checked_mul(10u128.checked_pow(u32::try_from(fraction.len()).ok()?)?)?;
    let scaled = digits.checked_mul(num)?.checked_mul(1000)?;
    Some(scaled.div_ceil(den))
}

/// A suffix as the fraction it multiplies by.
fn multiplier(suffix: &str) -> Option<(u128, u128)> {
    let binary = |power: u32| Some((1024u128.pow(power), 1));
    let decimal = |power: u32| Some((10u128.pow(power), 1));
    match suffix {
        "" => decimal(0),
        "n" => Some((1, 1_000_000_000)),
        "u" => Some((1, 1_000_000)),
        "m" => Some((1, 1000)),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(1),
        "Mi" => binary(2),
        "Gi" => binary(3),
        "Ti" => binary(4),
        "Pi" => binary(5),
        "Ei" => binary(6),
        exponent => {
            let power = exponent.strip_prefix(['e', 'E'])?;
            let (negative, power) = match power.strip_prefix('-') {
                Some(p) => (true, p),
                None => (false, power.strip_prefix('+').unwrap_or(power)),
            };
            let power: u32 = power.parse().ok().filter(|p| *p <= 18)?;
            let factor = 10u128.pow(power);
            Some(if negative { (1, factor) } else { (factor, 1) })
        }
    }
}

/// `milli` of the quota key `resource` in words: memory in Gi/Mi/Ki where exact, CPU in cores
/// or millicores, counts as numbers.
#[must_use]
pub fn show(resource: &str, milli: Milli) -> String {
    if resource.ends_with("memory") || resource.ends_with("storage") {
        let bytes = milli.div_ceil(1000);
        for (unit, size) in [("Gi", 1u128 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)] {
            if bytes >= size && bytes.is_multiple_of(size) {
                return format!("{}{unit}", bytes / size);
            }
        }
        return bytes.to_string();
    }
    if resource.ends_with("cpu") {
        return if milli.is_multiple_of(1000) {
            (milli / 1000).to_string()
        } else {
            format!("{milli}m")
        };
    }
    milli.div_ceil(1000).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_parse_exactly_and_show_back() {
        for (text, milli) in [
            ("100m", 100),
            ("1", 1000),
            ("1.5", 1500),
            (".5", 500),
            ("256Mi", 256 * (1 << 20) * 1000),
            ("1Gi", (1u128 << 30) * 1000),
            ("1k", 1_000_000),
            ("1e3", 1_000_000),
            ("1E-3", 1),
            ("1n", 1),
            ("20", 20_000),
        ] {
            assert_eq!(parse(text), Some(milli), "{text}");
        }
        for bad in ["", "m", "1.2.3", "-1", "1Xi", "lots", "1e99"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(show("requests.memory", parse("1536Mi").unwrap()), "1536Mi");
        assert_eq!(show("limits.memory", parse("2Gi").unwrap()), "2Gi");
        assert_eq!(show("requests.cpu", parse("1500m").unwrap()), "1500m");
        assert_eq!(show("cpu", parse("2").unwrap()), "2");
        assert_eq!(show("pods", parse("4").unwrap()), "4");
    }
}
