//! The HTML that specs write in descriptions (Stripe's are all `<p>…</p>` with `<code>`,
//! `<a href>` and lists), turned into the Markdown rustdoc reads, so docs show text rather
//! than escaped tags. Only a small set of tags is known; any other `<` stays for
//! [`super::docs`] to escape. Fenced blocks and code spans are left alone.

/// `text` with the known tags rewritten as Markdown.
pub fn to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    for (index, line) in text.split('\n').enumerate() {
        // A paragraph break from a tag already ends the line.
        if index > 0 && !out.ends_with("\n\n") {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push_str(line);
        } else {
            convert_line(line, &mut out);
        }
    }
    out
}

/// One tag as written: `<a href="…">`, `</p>`, `<br/>`.
struct Tag<'a> {
    name: String,
    closing: bool,
    attributes: &'a str,
    /// The byte length of the whole tag.
    len: usize,
}

impl<'a> Tag<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let inner = &text[1..text.find('>')?];
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name_len = inner.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(inner.len());
        let name = inner[..name_len].to_ascii_lowercase();
        let attributes = inner[name_len..].trim_end_matches('/');
        (!name.is_empty() && (attributes.is_empty() || attributes.starts_with(char::is_whitespace))).then(|| Tag {
            name,
            closing,
            attributes,
            len: inner.len() + 2 + usize::from(closing),
        })
    }

    /// The value of the attribute `name`, quoted with `"` or `'`.
    fn attribute(&self, name: &str) -> Option<&'a str> {
        let start = self.attributes.find(&format!("{name}="))? + name.len() + 1;
        let rest = &self.attributes[start..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &rest[1..];
        Some(&value[..value.find(quote)?])
    }
}

fn convert_line(line: &str, out: &mut String) {
    let mut rest = line;
    let mut in_code = false;
    let mut link: Option<&str> = None;
    while let Some(c) = rest.chars().next() {
        if c == '`' && !in_code {
            // A Markdown code span is copied as written, up to its closing backtick.
            let end = rest[1..].find('`').map_or(rest.len(), |i| i + 2);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if c == '&' && in_code {
            // Inside a code span entities would show as written; decode the usual ones.
            let decoded = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&'), ("&quot;", '"'), ("&#39;", '\'')]
                .into_iter()
                .find(|(entity, _)| rest.starts_with(entity));
            if let Some((entity, plain)) = decoded {
                out.push(plain);
                rest = &rest[entity.len()..];
                continue;
            }
        }
        let tag = (c == '<').then(|| Tag::parse(rest)).flatten();
        let Some(tag) = tag.filter(|tag| is_known(&tag.name) && (!in_code || tag.name == "code")) else {
            // A backtick inside `<code>` would end the span early.
            out.push(if in_code && c == '`' { '\'' } else { c });
            rest = &rest[c.len_utf8()..];
            continue;
        };
        rest = &rest[tag.len..];
        match (tag.name.as_str(), tag.closing) {
            ("p" | "ul" | "ol" | "div", _) => paragraph_break(out),
            ("br", _) => out.push('\n'),
            ("li", false) => {
                line_break(out);
                out.push_str("- ");
            }
            ("li", true) => {}
            ("code" | "tt", closing) if closing == in_code => {
                in_code = !in_code;
                out.push('`');
            }
            ("code" | "tt", _) => {}
            ("strong" | "b", _) => out.push_str("**"),
            ("em" | "i", _) => out.push('*'),
            ("a", false) => {
                // Anything but a URL, a site path or an anchor could read as an intra-doc
                // link to rustdoc, and break; such a link keeps its text only.
                let is_url = |href: &&str| {
                    ["https://", "http://", "mailto:", "/", "#"].iter().any(|start| href.starts_with(start))
                        && !href.contains(char::is_whitespace)
                };
                link = tag.attribute("href").filter(is_url);
                if link.is_some() {
                    out.push('[');
                }
            }
            ("a", true) => {
                if let Some(href) = link.take() {
                    out.push_str("](");
                    out.push_str(href);
                    out.push(')');
                }
            }
            _ => {}
        }
    }
    if in_code {
        out.push('`');
    }
}

fn is_known(name: &str) -> bool {
    matches!(name, "p" | "br" | "code" | "tt" | "strong" | "b" | "em" | "i" | "a" | "ul" | "ol" | "li" | "div")
}

/// Ends the paragraph: a blank line, unless there is one already (or nothing yet).
fn paragraph_break(out: &mut String) {
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn known_tags_become_markdown() {
        assert_eq!(
            to_markdown("<p>Creates a customer.</p><p>Then <b>bills</b> it.</p>"),
            "Creates a customer.\n\nThen **bills** it.\n\n"
        );
        assert_eq!(
            to_markdown(r#"Pass <code>expand[]=a&amp;b</code>, see <a href="https://stripe.com/docs">the docs</a>."#),
            "Pass `expand[]=a&b`, see [the docs](https://stripe.com/docs)."
        );
        assert_eq!(to_markdown("One<br/>two<br>three"), "One\ntwo\nthree");
        assert_eq!(to_markdown("Kinds:<ul><li>a</li><li><em>b</em></li></ul>"), "Kinds:\n\n- a\n- *b*\n\n");
    }

    #[test]
    fn other_angle_brackets_and_code_are_left_alone() {
        assert_eq!(to_markdown("A List<String> and <custom> tag"), "A List<String> and <custom> tag");
        assert_eq!(to_markdown("Code `<b>x</b>` stays"), "Code `<b>x</b>` stays");
        assert_eq!(to_markdown("```\n<p>raw</p>\n```"), "```\n<p>raw</p>\n```");
        assert_eq!(to_markdown("<code>a<b>c"), "`a<b>c`");
        assert_eq!(to_markdown("1 < 2 and <a>no link</a>"), "1 < 2 and no link");
        assert_eq!(
            to_markdown(r#"<a href="customer">a path</a> <a href='/docs'>a page</a>"#),
            "a path [a page](/docs)"
        );
    }
}
