//! Style flags an element carries from its own markup (the `hidden` attribute, `aria-hidden`,
//! inline `style`). Both builders call [`style_flags`], so the trees agree; the live-DOM builder
//! may add what only computed style knows.

use super::Attr;

/// Bits of `Element::flags`.
pub mod flags {
    /// Not rendered: `hidden`, `display:none`, `visibility:hidden`.
    pub const HIDDEN: u8 = 1;
    /// `position: fixed` or `sticky`: an overlay, a bar pinned to the viewport.
    pub const FIXED: u8 = 2;
    /// A box that cuts its content off: `overflow: hidden` with a height or max-height.
    pub const CLIPPED: u8 = 4;
    /// Text made unreadable on purpose: `filter: blur`, `color: transparent`, `user-select:none`
    /// with a tiny opacity.
    pub const BLURRED: u8 = 8;
    /// `aria-hidden="true"`: hidden from assistive technology (often decorative, not invisible).
    pub const ARIA_HIDDEN: u8 = 16;
    /// A fade gradient painted over content (`linear-gradient` to transparent/white).
    pub const FADE: u8 = 32;
}

/// Flags read off an element's attributes.
pub fn style_flags(attrs: &[Attr]) -> u8 {
    let mut f = 0u8;
    for a in attrs {
        match a.name.as_str() {
            // NOTE: `hidden="until-found"` is collapsed, not withheld: the browser shows it when
            // find-in-page or a link to a fragment inside reaches it (Wikipedia's mobile pages
            // collapse their sections so), and it renders no display: none.
            "hidden" if !a.value.eq_ignore_ascii_case("until-found") => f |= flags::HIDDEN,
            "aria-hidden" if a.value.trim().eq_ignore_ascii_case("true") => f |= flags::ARIA_HIDDEN,
            "style" => f |= inline_style_flags(&a.value),
            _ => {}
        }
    }
    f
}

/// Flags from a `style` attribute's declarations.
pub fn inline_style_flags(style: &str) -> u8 {
    let mut f = 0u8;
    let mut overflow_hidden = false;
    let mut has_height = false;
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let value = value.trim_end_matches("!important").trim();
        match prop.as_str() {
            "display" if value == "none" => f |= flags::HIDDEN,
            "visibility" if value == "hidden" || value == "collapse" => f |= flags::HIDDEN,
            "position" if value == "fixed" || value == "sticky" => f |= flags::FIXED,
            "overflow" | "overflow-y" if value == "hidden" || value == "clip" => {
                overflow_hidden = true
            }
            "height" | "max-height" if value != "auto" && value != "none" => has_height = true,
            "filter" | "-webkit-filter" if value.contains("blur(") => f |= flags::BLURRED,
            "color" if value == "transparent" => f |= flags::BLURRED,
            "text-shadow" if value.contains("transparent") => f |= flags::BLURRED,
            "opacity" if value.parse::<f32>().is_ok_and(|o| o < 0.05) => f |= flags::HIDDEN,
            "background" | "background-image" if value.contains("linear-gradient") => {
                f |= flags::FADE
            }
            _ => {}
        }
    }
    if overflow_hidden && has_height {
        f |= flags::CLIPPED;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<Attr> {
        pairs
            .iter()
            .map(|(n, v)| Attr {
                name: n.to_string(),
                value: v.to_string(),
            })
            .collect()
    }

    #[test]
    fn reads_inline_style() {
        assert_eq!(
            style_flags(&attrs(&[("style", "display: none")])),
            flags::HIDDEN
        );
        assert_eq!(
            style_flags(&attrs(&[("style", "max-height:320px;overflow:hidden")])),
            flags::CLIPPED
        );
        assert_eq!(style_flags(&attrs(&[("style", "overflow:hidden")])), 0);
        assert_eq!(
            style_flags(&attrs(&[(
                "style",
                "position:FIXED !important; filter: blur(4px)"
            )])),
            flags::FIXED | flags::BLURRED
        );
        assert_eq!(style_flags(&attrs(&[("hidden", "")])), flags::HIDDEN);
        assert_eq!(style_flags(&attrs(&[("hidden", "hidden")])), flags::HIDDEN);
        assert_eq!(style_flags(&attrs(&[("hidden", "Until-Found")])), 0);
        assert_eq!(style_flags(&attrs(&[("class", "display:none")])), 0);
    }
}
