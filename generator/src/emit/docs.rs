//! Spec descriptions become doc comments that rustdoc and clippy accept as they are:
//! code blocks never run as doctests, common HTML becomes Markdown (see `html`), other
//! HTML and bare URLs cannot warn or break the page,
//! brackets cannot become broken intra-doc links, and list continuations are indented.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// One `#[doc = " …"]` per line, which prettyplease prints as `///` comments.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else { return TokenStream::new() };
    doc_line_attrs(&sanitize(text))
}

/// Doc attributes for lines that are already safe (from [`sanitize`]).
pub fn doc_line_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = doc_literal(line);
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// ` line` as a raw string literal. Docs are most of a big crate's text; a raw literal is
/// neither escaped here nor unescaped when the formatter reads it back, which an ordinary
/// one is, character by character. Either prints as the same `///` line.
fn doc_literal(line: &str) -> Literal {
    let text = if line.is_empty() { String::new() } else { format!(" {line}") };
    let mut hashes = String::new();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    // Sanitised lines hold no control characters, so the raw literal always lexes.
    format!("r{hashes}\"{text}\"{hashes}").parse().unwrap_or_else(|_| Literal::string(&text))
}

/// The lines of a doc comment made safe for rustdoc and clippy.
pub fn sanitize(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n").replace('\t', "    ");
    let text: String = text.chars().filter(|c| *c == '\n' || !c.is_control()).collect();
    let text = if text.contains('<') { super::html::to_markdown(&text) } else { text };
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut indented_block = false;
    let mut list_indent: Option<usize> = None;
    let mut previous_blank = true;
    for line in text.trim_matches('\n').lines() {
        let line = line.trim_end();
        // Indentation is counted in ASCII spaces only (tabs are spaces by now), so slicing
        // off the indent can never split a multi-byte character.
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                out.push(marker.clone());
                fence = None;
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
            let info = trimmed[marker.len()..].trim();
            // An untagged or Rust block would be compiled as a doctest.
            let info = if info.is_empty() || info.starts_with("rust") { "text" } else { info };
            close_indented(&mut out, &mut indented_block);
            out.push(format!("{marker}{info}"));
            fence = Some(marker);
            list_indent = None;
            previous_blank = false;
            continue;
        }
        if trimmed.trim().is_empty() {
            out.push(String::new());
            previous_blank = true;
            continue;
        }
        // Four spaces after a blank line start an indented code block, also a doctest.
        if indented_block || (indent >= 4 && previous_blank && list_indent.is_none()) {
            if indent >= 4 {
                if !indented_block {
                    trim_trailing_blank(&mut out);
                    if !out.is_empty() {
                        out.push(String::new());
                    }
                    out.push("```text".to_owned());
                    indented_block = true;
                }
                out.push(line[4..].to_owned());
                previous_blank = false;
                continue;
            }
            close_indented(&mut out, &mut indented_block);
        }
        let body = escape_inline(trimmed);
        if let Some(content) = list_item_content(trimmed) {
            list_indent = Some(indent + content);
            out.push(format!("{}{body}", " ".repeat(indent)));
        } else if trimmed.starts_with('>') {
            list_indent = None;
            out.push(body);
        } else if let (Some(width), false) = (list_indent, previous_blank) {
            // A lazy continuation of a list item: indent it under the item's text.
            out.push(format!("{}{body}", " ".repeat(width)));
        } else if let (Some(width), true) = (list_indent, indent > 0) {
            out.push(format!("{}{body}", " ".repeat(width.min(indent))));
        } else {
            list_indent = None;
            let previous_quoted = out.last().is_some_and(|l| l.starts_with('>'));
            out.push(if previous_quoted && !previous_blank { format!("> {body}") } else { body });
        }
        previous_blank = false;
    }
    if let Some(marker) = fence {
        out.push(marker);
    }
    close_indented(&mut out, &mut indented_block);
    trim_trailing_blank(&mut out);
    out
}

fn close_indented(out: &mut Vec<String>, open: &mut bool) {
    if *open {
        trim_trailing_blank(out);
        out.push("```".to_owned());
        out.push(String::new());
        *open = false;
    }
}

fn trim_trailing_blank(out: &mut Vec<String>) {
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
}

/// The width of a list marker and its space (`- `, `* `, `+ `, `12. `), if the line starts one.
fn list_item_content(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    match bytes {
        [b'-' | b'*' | b'+', b' ', ..] => Some(2),
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits > 0 && digits < 10 && bytes.get(digits..digits + 2).is_some_and(|s| s == b". " || s == b") "))
                .then_some(digits + 2)
        }
    }
}

/// Escapes a line outside code spans: `<` (HTML), `[`/`]` (unless a real Markdown link)
/// and bare URLs (wrapped in `<>` so rustdoc links them instead of warning).
fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' if i > 0 => out.push_str("&gt;"),
            '[' => match link_end(&chars, i) {
                Some(end) => {
                    out.extend(&chars[i..end]);
                    i = end;
                    continue;
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            'h' if starts_url(&chars[i..]) && (i == 0 || !matches!(chars[i - 1], '(' | '<' | '/' | '"' | '\'')) => {
                let end = url_end(&chars, i);
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_code {
        // An unclosed backtick would swallow later lines into a code span.
        out.push('`');
    }
    out
}

/// The end of a `[text](target)` link starting at `start`, if it is one.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = start + chars[start..].iter().position(|c| *c == ']')?;
    if chars.get(close + 1) != Some(&'(') || chars[start + 1..close].contains(&'[') {
        return None;
    }
    let paren = close + 1 + chars[close + 1..].iter().position(|c| *c == ')')?;
    let target: String = chars[close + 2..paren].iter().collect();
    (!target.contains(char::is_whitespace)).then_some(paren + 1)
}

fn starts_url(chars: &[char]) -> bool {
    let prefix: String = chars.iter().take(8).collect();
    prefix.starts_with("http://") || prefix.starts_with("https://")
}

fn url_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '"' | '`') {
        end += 1;
    }
    while end > start && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\'') {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::{doc_literal, sanitize};

    #[test]
    fn doc_lines_become_raw_literals_that_read_back_unchanged() {
        for line in ["plain", "", "a \"quote\"", "ends \"#", "both \"# and \"##", "back\\slash"] {
            let literal: syn::LitStr = syn::parse_str(&doc_literal(line).to_string()).expect("a string literal");
            let expected = if line.is_empty() { String::new() } else { format!(" {line}") };
            assert_eq!(literal.value(), expected);
        }
    }

    fn clean(text: &str) -> String {
        sanitize(text).join("\n")
    }

    #[test]
    fn code_blocks_never_become_doctests() {
        assert_eq!(clean("Example:\n```\nlet x = 1;\n```"), "Example:\n```text\nlet x = 1;\n```");
        assert_eq!(clean("```rust\nfn main() {}\n```"), "```text\nfn main() {}\n```");
        assert_eq!(clean("```json\n{\"a\": 1}\n```"), "```json\n{\"a\": 1}\n```");
        assert_eq!(clean("Run:\n\n    curl -X POST\n    x\n\nDone"), "Run:\n\n```text\ncurl -X POST\nx\n```\n\nDone");
        assert_eq!(clean("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn html_brackets_and_urls_are_escaped() {
        assert_eq!(clean("A List<String> <b>bold</b> <blink>"), "A List&lt;String&gt; **bold** &lt;blink&gt;");
        assert_eq!(clean("<p>One.</p>\n<p>Two <code>a<b</code>.</p>"), "One.\n\nTwo `a<b`.");
        assert_eq!(clean("See [docs](https://x.io/a) or [this]."), "See [docs](https://x.io/a) or \\[this\\].");
        assert_eq!(clean("Visit https://x.io/a."), "Visit <https://x.io/a>.");
        assert_eq!(clean("Code `Vec<u8>` and `[x]` stay"), "Code `Vec<u8>` and `[x]` stay");
        assert_eq!(clean("> quoted\nlazy"), "> quoted\n> lazy");
    }

    #[test]
    fn list_continuations_are_indented() {
        assert_eq!(clean("- first\ncontinued\n- second"), "- first\n  continued\n- second");
        assert_eq!(clean("1. one\nmore\n\nafter"), "1. one\n   more\n\nafter");
    }

    #[test]
    fn unicode_whitespace_never_splits_a_character() {
        // Two ideographic spaces are six bytes: slicing four off would split one.
        assert_eq!(clean("a\n\n\u{3000}\u{3000}wide\n     \u{a0}x"), "a\n\n\u{3000}\u{3000}wide\n\u{a0}x");
        assert_eq!(clean("a\n\n      \u{3000}code"), "a\n\n```text\n  \u{3000}code\n```");
    }

    #[test]
    fn control_characters_and_tabs_go() {
        assert_eq!(clean("a\u{0}b\tc\r\nd"), "ab    c\nd");
    }
}
