//! A file's change shown before it is made: the lines removed (`-`) and added (`+`), with a
//! line of context around each change and `…` for the unchanged stretches between.

use super::Palette;

/// One line of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// The lines that show how `old` becomes `new`, coloured by `palette`; empty when they are equal.
#[must_use]
pub fn render(old: &str, new: &str, palette: Palette) -> Vec<String> {
    let lines = compare(old, new);
    let changed: Vec<bool> = lines.iter().map(|l| !matches!(l, Line::Same(_))).collect();
    let near_change = |i: usize| {
        changed[i.saturating_sub(1)..=(i + 1).min(changed.len() - 1)]
            .iter()
            .any(|c| *c)
    };
    let mut out = Vec::new();
    let mut skipped = false;
    for (i, line) in lines.iter().enumerate() {
        match line {
            Line::Same(text) if near_change(i) => out.push(format!("  {text}")),
            Line::Same(_) => {
                if !skipped {
                    out.push(palette.dim("  …"));
                }
                skipped = true;
                continue;
            }
            Line::Removed(text) => out.push(palette.red(format!("- {text}"))),
            Line::Added(text) => out.push(palette.green(format!("+ {text}"))),
        }
        skipped = false;
    }
    if changed.iter().any(|c| *c) {
        out
    } else {
        Vec::new()
    }
}

/// The longest common subsequence of the two files' lines, walked into same, removed and added
/// lines. Quadratic, which is fine for the short files init writes.
fn compare<'a>(old: &'a str, new: &'a str) -> Vec<Line<'a>> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut lines = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(Line::Same(a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            // Removals before additions, as diff shows a replaced line.
            lines.push(Line::Removed(a[i]));
            i += 1;
        } else {
            lines.push(Line::Added(b[j]));
            j += 1;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_show_with_a_line_of_context_and_the_rest_elided() {
        let palette = Palette { enabled: false };
        let old = "# spec\nname: shop\nimage: a:1\nhosts:\n- shop.example.com\nreplicas: 2\nz: 1\n";
        let new = "# spec\nname: shop\nhosts:\n- www.example.com\nreplicas: 2\nz: 1\n";
        assert_eq!(
            render(old, new, palette),
            [
                "  …",
                "  name: shop",
                "- image: a:1",
                "  hosts:",
                "- - shop.example.com",
                "+ - www.example.com",
                "  replicas: 2",
                "  …",
            ]
        );
        assert!(render(old, old, palette).is_empty());
        assert_eq!(render("", "a\n", palette), ["+ a"]);
    }
}
