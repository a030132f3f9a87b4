use console::Style;

/// Colours, or none. Every coloured word goes through here so `--no-color` and `NO_COLOR` hold
/// everywhere.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub(super) enabled: bool,
}

macro_rules! colour {
    ($($name:ident => $style:expr),* $(,)?) => {$(
        #[must_use]
        #[doc = concat!("`text` in ", stringify!($name), " when colour is on.")]
        pub fn $name(&self, text: impl std::fmt::Display) -> String {
            self.paint(text, $style)
        }
    )*};
}

impl Palette {
    fn paint(self, text: impl std::fmt::Display, style: Style) -> String {
        if self.enabled {
            style.force_styling(true).apply_to(text).to_string()
        } else {
            text.to_string()
        }
    }

    colour! {
        green => Style::new().green(),
        red => Style::new().red(),
        red_bold => Style::new().red().bold(),
        yellow => Style::new().yellow(),
        yellow_bold => Style::new().yellow().bold(),
        cyan => Style::new().cyan(),
        cyan_bold => Style::new().cyan().bold(),
        bold => Style::new().bold(),
        dim => Style::new().dim(),
    }

    /// `text` in the colour of slot `index` of a fixed rotation (log prefixes).
    #[must_use]
    pub fn rotating(&self, index: usize, text: impl std::fmt::Display) -> String {
        const COLOURS: [u8; 6] = [2, 3, 4, 5, 6, 1];
        self.paint(text, Style::new().color256(COLOURS[index % COLOURS.len()]))
    }
}

/// A colour slot that depends only on `name`, so a pod keeps its colour across runs and
/// reconnects (as stern does), whatever order pods appear in.
#[must_use]
pub fn stable_color_index(name: &str) -> usize {
    // FNV-1a: tiny, stable across releases and platforms, unlike std's RandomState.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    usize::try_from(hash % 6).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_palette_leaves_text_alone() {
        assert_eq!(Palette { enabled: false }.red("x"), "x");
        assert_ne!(Palette { enabled: true }.red("x"), "x");
    }

    #[test]
    fn pod_colours_are_stable() {
        assert_eq!(
            stable_color_index("shop-web-7d9f-abc"),
            stable_color_index("shop-web-7d9f-abc")
        );
        let spread: std::collections::BTreeSet<_> = (0..20)
            .map(|i| stable_color_index(&format!("shop-web-{i}")))
            .collect();
        assert!(
            spread.len() > 3,
            "colours should spread over pods: {spread:?}"
        );
    }
}
