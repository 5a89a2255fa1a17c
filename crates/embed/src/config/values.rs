//! Checks of single attribute values: each returns why a value is refused, in words a clinic's
//! web person can act on.

pub fn web_url(value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !value.chars().any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<' || c == '>');
    if scheme_ok && clean && value.len() > "https://".len() {
        Ok(())
    } else {
        Err("only `https:` and `http:` URLs are accepted".to_owned())
    }
}

/// A URL on the page's own site (`protocols/peel.json`, `/api/lead`) or an `https:`/`http:` one.
pub fn relative_or_web_url(value: &str) -> Result<(), String> {
    let has_scheme = value.split(['/', '?', '#']).next().is_some_and(|first| first.contains(':'));
    if has_scheme {
        return web_url(value);
    }
    // A browser reads `\` as `/` in a web URL: `/\evil.example` is `//evil.example`, another site.
    if value.chars().take(2).all(|c| c == '/' || c == '\\') && value.len() >= 2 {
        return Err("write the scheme: `https://…`".to_owned());
    }
    if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("a relative URL cannot hold spaces or control characters".to_owned());
    }
    Ok(())
}

/// Where consented answers are posted: `https:`, or a path on the page's own site (checked again
/// once resolved against the page, `lead_endpoint_resolved`). Plain `http:` only on this computer,
/// for development.
pub fn lead_endpoint(value: &str) -> Result<(), String> {
    relative_or_web_url(value)?;
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("http://") && !is_loopback_http(&lower) {
        return Err("write an `https:` URL: the answers it receives are health information".to_owned());
    }
    Ok(())
}

/// `http://127.0.0.1…`, `http://localhost…` or `http://[::1]…`: a server on the visitor's own computer.
pub fn is_loopback_http(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("http://") else { return false };
    // The authority ends where a browser ends it: `\` counts as `/` in a web URL.
    let host = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    let name = if host.starts_with('[') { host.split(']').next().map(|h| &h[1..]) } else { host.split(':').next() };
    matches!(name, Some("127.0.0.1" | "localhost" | "::1"))
}

/// The lead endpoint once the browser resolved it against the page: a relative one on an `http:`
/// page is plain `http:` too. `Ok(Some(notice))` for a development endpoint on this computer.
pub fn lead_endpoint_resolved(absolute: &str) -> Result<Option<String>, String> {
    let lower = absolute.to_ascii_lowercase();
    if lower.starts_with("https://") {
        Ok(None)
    } else if is_loopback_http(&lower) {
        Ok(Some(format!(
            "candidacy: `lead-endpoint` `{}` is plain http on this computer: fine for development, never for a live page",
            absolute.escape_debug()
        )))
    } else {
        Err(format!(
            "candidacy: ignoring attribute `lead-endpoint`: `{}` is not https: the answers it receives are health information",
            absolute.escape_debug()
        ))
    }
}

/// Minutes of inactivity after which saved progress is forgotten (`forget-after`).
pub fn minutes(value: &str) -> Result<(), String> {
    match value.parse::<u32>() {
        Ok(minutes) if (1..=1440).contains(&minutes) => Ok(()),
        _ => Err(format!("`{}` is not a number of minutes from 1 to 1440", value.escape_debug())),
    }
}

pub fn phone_number(value: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if value.chars().all(allowed) && (3..=20).contains(&digits) {
        Ok(())
    } else {
        Err("a phone number holds 3 to 20 digits and only `+ - ( ) .` and spaces".to_owned())
    }
}

/// A language tag such as `en`, `es` or `es-MX` (BCP 47's common shape).
pub fn language_tag(value: &str) -> Result<(), String> {
    let mut parts = value.split('-');
    let language = parts.next().unwrap_or_default();
    let language_ok = (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_alphabetic());
    let rest_ok = parts.all(|part| (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric()));
    if language_ok && rest_ok {
        Ok(())
    } else {
        Err(format!("`{}` is not a language tag like `en` or `es-MX`", value.escape_debug()))
    }
}

/// A CSS colour as a clinic writes it (`#0d5c69`, `rgb(13 92 105)`, `teal`). The browser has the
/// last word (`CSS.supports`); this only keeps out what could break out of a declaration.
pub fn css_colour(value: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || " #(),.%/-".contains(c);
    if value.len() <= 64 && value.chars().all(allowed) {
        Ok(())
    } else {
        Err(format!("`{}` is not a CSS colour like `#0d5c69` or `rgb(13 92 105)`", value.escape_debug()))
    }
}

/// A CSS length for corner rounding: a number and `px`, `em` or `rem` (or `0`), at most 48px.
pub fn css_radius(value: &str) -> Result<(), String> {
    let refused = || Err(format!("`{}` is not a length like `8px`, `0.5em` or `0`", value.escape_debug()));
    if value == "0" {
        return Ok(());
    }
    let Some((number, unit)) = ["px", "rem", "em"].iter().find_map(|unit| Some((value.strip_suffix(unit)?, *unit)))
    else {
        return refused();
    };
    let Ok(number) = number.parse::<f64>() else { return refused() };
    let px = if unit == "px" { number } else { number * 16.0 };
    if number.is_finite() && (0.0..=48.0).contains(&px) {
        Ok(())
    } else {
        Err(format!("`{}` is outside 0 to 48px", value.escape_debug()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in ["en", "es", "es-MX", "zh-Hant-TW"] {
            assert_eq!(language_tag(ok), Ok(()), "{ok}");
        }
        for bad in ["", "e", "english", "en_US", "en-", "<b>"] {
            assert!(language_tag(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn colours_cannot_break_out_of_a_declaration() {
        for ok in ["#0d5c69", "rgb(13 92 105)", "rgb(13, 92, 105, 0.5)", "teal", "hsl(190 78% 23%)"] {
            assert_eq!(css_colour(ok), Ok(()), "{ok}");
        }
        for bad in ["red; background: url(x)", "red}", "url(javascript:alert(1))", "\"red\""] {
            assert!(css_colour(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn radii() {
        for ok in ["0", "8px", "0.5em", "1rem", "48px"] {
            assert_eq!(css_radius(ok), Ok(()), "{ok}");
        }
        for bad in ["8", "-1px", "49px", "4rem", "calc(1px)", "NaNpx", "8 px"] {
            assert!(css_radius(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lead_endpoints_are_https_or_this_computer() {
        for ok in ["https://clinic.example/lead", "/api/lead", "http://127.0.0.1:8080/lead", "http://localhost/x"] {
            assert_eq!(lead_endpoint(ok), Ok(()), "{ok}");
        }
        for bad in [
            "http://clinic.example/lead",
            "http://127.0.0.1.evil.example/",
            "http://localhost@evil.example/",
            "http://evil.example\\@127.0.0.1/x",
        ] {
            assert!(lead_endpoint(bad).is_err(), "{bad}");
        }
        assert_eq!(lead_endpoint_resolved("https://clinic.example/lead"), Ok(None));
        assert!(lead_endpoint_resolved("http://[::1]:4173/api/lead").unwrap().is_some());
        assert!(lead_endpoint_resolved("http://clinic.example/api/lead").is_err());
    }

    #[test]
    fn relative_urls_stay_on_the_site() {
        assert_eq!(relative_or_web_url("/api/lead"), Ok(()));
        assert_eq!(relative_or_web_url("protocols/peel.json"), Ok(()));
        for other_site in ["//evil.example/x", "/\\evil.example/x", "\\\\evil.example/x", "\\/evil.example/x"] {
            assert!(relative_or_web_url(other_site).is_err(), "{other_site}");
        }
        assert!(relative_or_web_url("javascript:alert(1)").is_err());
    }
}
